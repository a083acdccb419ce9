package io.projectionist.plex.model;

import java.util.List;

/**
 * A library item (movie, show, season, episode, artist, album, track, collection, …) as returned by Plex in XML
 * ({@code <Video>}, {@code <Directory>}, {@code <Track>}) or JSON ({@code "Metadata"}). Ids are strings (a ratingKey
 * is not guaranteed numeric); absent attributes are {@code null}, never zero. Times are epoch seconds except
 * {@code duration} and {@code viewOffset} (ms). {@code guids} are the external ids ({@code imdb://tt…},
 * {@code tmdb://…}, {@code tvdb://…}); listings only carry them with {@code includeGuids=1}.
 */
public record PlexItem(
        String ratingKey, String key, String guid, String type, String subtype, String title, String titleSort,
        String originalTitle, Integer year, Long duration, Double rating, Double audienceRating, Double userRating,
        String contentRating, String studio, String summary, String tagline, String thumb, String art,
        Long addedAt, Long updatedAt, Long lastViewedAt, Integer viewCount, Long viewOffset,
        String originallyAvailableAt, String librarySectionID, String librarySectionTitle,
        String parentRatingKey, String grandparentRatingKey, String parentKey, String grandparentKey,
        String parentTitle, String grandparentTitle, Integer parentIndex, Integer index,
        Integer leafCount, Integer viewedLeafCount, Integer childCount,
        List<PlexTag> genres, List<PlexTag> directors, List<PlexTag> writers, List<PlexTag> roles,
        List<PlexTag> countries, List<PlexTag> labels, List<PlexTag> collections, List<String> guids,
        List<PlexMedia> media) {

    public PlexItem {
        genres = copy(genres);
        directors = copy(directors);
        writers = copy(writers);
        roles = copy(roles);
        countries = copy(countries);
        labels = copy(labels);
        collections = copy(collections);
        guids = copy(guids);
        media = copy(media);
    }

    /** IMDb id ({@code tt0000001}) from the {@code Guid} children, or null. */
    public String imdbId() {
        return externalId("imdb://");
    }

    /** TMDB id from the {@code Guid} children, or null. */
    public String tmdbId() {
        return externalId("tmdb://");
    }

    /** TVDB id from the {@code Guid} children, or null. */
    public String tvdbId() {
        return externalId("tvdb://");
    }

    /** The tag names of {@code tags}, e.g. {@code PlexItem.names(item.genres())}. */
    public static List<String> names(List<PlexTag> tags) {
        return tags.stream().map(PlexTag::tag).toList();
    }

    private String externalId(String scheme) {
        for (String g : guids) {
            if (g != null && g.startsWith(scheme)) {
                return g.substring(scheme.length());
            }
        }
        return null;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
