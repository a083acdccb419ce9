package io.projectionist.plex.model;

import java.util.List;

/**
 * A collection ({@code <Directory type="collection">} / JSON {@code Metadata}). {@code subtype} is the item type
 * ({@code movie}, {@code show}, …); {@code collectionMode}: -1 default, 0 hide, 1 hide items, 2 show both;
 * {@code collectionSort}: 0 release date, 1 alphabetical, 2 custom. {@code labels} are only present on a detail
 * read, never in listings.
 */
public record PlexCollection(String ratingKey, String key, String guid, String title, String titleSort,
        String subtype, String summary, String contentRating, Integer childCount, Boolean smart,
        Integer collectionMode, Integer collectionSort, Integer minYear, Integer maxYear, String thumb,
        Long addedAt, Long updatedAt, String librarySectionID, List<PlexTag> labels) {

    public PlexCollection {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
