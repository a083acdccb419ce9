package io.projectionist.plex.model;

import java.util.List;

/**
 * A library section ({@code <Directory>} of {@code /library/sections}). {@code key} is the section id (a string);
 * {@code type} is {@code movie|show|artist|photo}; {@code locations} are the folder paths.
 */
public record PlexSection(String key, String title, String type, String agent, String scanner, String language,
        String uuid, Long createdAt, Long updatedAt, Long scannedAt, Boolean hidden, List<String> locations) {

    public PlexSection {
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /** The section id used in {@code /library/sections/{id}/…} paths (same as {@link #key()}). */
    public String id() {
        return key;
    }
}
