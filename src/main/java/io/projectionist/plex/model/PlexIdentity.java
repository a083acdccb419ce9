package io.projectionist.plex.model;

/** {@code GET /identity}: needs no token; {@code machineIdentifier} names the server in {@code server://} URIs. */
public record PlexIdentity(String machineIdentifier, String version, Boolean claimed) {
}
