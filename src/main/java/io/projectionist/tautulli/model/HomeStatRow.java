package io.projectionist.tautulli.model;

import java.util.List;

/**
 * A row of a home-stats card: the union of the row shapes of every card. Fields that a card does not have stay
 * null ({@code ""} binds as null). For TV and music cards {@code title} and {@code ratingKey} are the show's or
 * artist's; {@code most_concurrent} rows use {@code count}, {@code started}, {@code stopped}.
 */
public record HomeStatRow(
        String title, Integer year, Long totalPlays, Long totalDuration, Integer usersWatched, String ratingKey,
        String grandparentRatingKey, Long lastPlay, Long lastWatch, String thumb, String grandparentThumb, String art,
        String sectionId, String sectionName, String sectionType, String mediaType, String contentRating,
        String rating, List<String> labels, String user, Long userId, String friendlyName, String userThumb,
        String platform, String platformName, String player, String grandparentTitle, String grandchildTitle,
        Integer live, String guid, String rowId, Long count, Long started, Long stopped) {
}
