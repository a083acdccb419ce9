package io.projectionist.tautulli.model;

/**
 * A library section from {@code get_libraries} (Plex-backed: counts arrive as strings) or
 * {@code get_library_names} (only id, name, type, agent).
 */
public record Library(String sectionId, String sectionName, String sectionType, String agent, String thumb,
        String art, Long count, Long parentCount, Long childCount, Integer isActive) {
}
