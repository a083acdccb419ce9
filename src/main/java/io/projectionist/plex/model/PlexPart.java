package io.projectionist.plex.model;

/** A file of a media version ({@code <Part>}); {@code size} in bytes, {@code duration} in ms. */
public record PlexPart(String id, String key, String file, Long size, Long duration, String container, String decision) {
}
