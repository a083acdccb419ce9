package io.projectionist.plex.model;

/**
 * {@code GET /} (the server root). {@code myPlexSubscription} tells whether the owner has Plex Pass, which managed-hub
 * visibility needs.
 */
public record PlexServer(String friendlyName, String machineIdentifier, String version, String platform,
        String platformVersion, Boolean myPlex, String myPlexUsername, Boolean myPlexSubscription, Boolean multiuser,
        Boolean allowSync, Integer transcoderActiveVideoSessions, Long updatedAt) {
}
