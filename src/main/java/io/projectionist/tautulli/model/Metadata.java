package io.projectionist.tautulli.model;

import java.util.List;

/** {@code get_metadata} for one item (Plex-backed, string values); {@code duration} in milliseconds. */
public record Metadata(String ratingKey, String parentRatingKey, String grandparentRatingKey, String guid,
        List<String> guids, String sectionId, String libraryName, String mediaType, String title,
        String parentTitle, String grandparentTitle, String fullTitle, String originalTitle, String sortTitle,
        Integer mediaIndex, Integer parentMediaIndex, Integer year, String summary, String tagline, String studio,
        String contentRating, String rating, String audienceRating, String originallyAvailableAt, Long addedAt,
        Long updatedAt, Long lastViewedAt, Long duration, String thumb, String art, List<String> actors,
        List<String> directors, List<String> writers, List<String> genres, List<String> labels,
        List<String> collections, List<MediaInfo> mediaInfo) {

    public record MediaInfo(String id, String container, Long bitrate, Integer width, Integer height,
            String videoCodec, String videoResolution, String videoFullResolution, String videoFramerate,
            String audioCodec, String audioChannels) {
    }
}
