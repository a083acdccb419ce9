package io.projectionist.tautulli.model;

/** {@code server_status}: Tautulli's view of Plex; {@code connected} is null until Tautulli has tried. */
public record ServerStatus(Boolean connected) {
}
