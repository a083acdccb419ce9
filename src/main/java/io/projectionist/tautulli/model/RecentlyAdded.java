package io.projectionist.tautulli.model;

import java.util.List;

/** {@code get_recently_added}: newest first; seasons and albums stand for their new children. */
public record RecentlyAdded(List<Item> recentlyAdded) {

    public RecentlyAdded {
        recentlyAdded = recentlyAdded == null ? List.of() : List.copyOf(recentlyAdded);
    }

    public record Item(String mediaType, String sectionId, String libraryName, String ratingKey,
            String parentRatingKey, String grandparentRatingKey, String title, String parentTitle,
            String grandparentTitle, String fullTitle, Integer year, Long addedAt, String thumb, String guid,
            String studio, String contentRating, String summary, String rating, String audienceRating,
            Long duration, List<String> genres, List<String> directors, List<String> actors) {
    }
}
