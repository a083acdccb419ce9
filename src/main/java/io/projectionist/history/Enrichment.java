package io.projectionist.history;

import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexMedia;

import java.util.List;

/**
 * What Plex adds to a play: genres, people, studio, ratings, external ids and the file's media. For episodes and
 * tracks the show's or artist's genres, studio and content rating fill what the item itself lacks.
 * {@code enrichmentStatus}: {@code enriched}, {@code not_in_plex} (Plex answered and does not have the item: a 404
 * for its key, or absent from a successful multi-get; the play still ingests), or {@code disabled} (no
 * {@code plex.url}, or enrichment switched off). A Plex that is configured but failing never yields a status: the
 * page is parked and ingested later.
 */
public record Enrichment(boolean enriched, String enrichmentStatus, List<String> genres, List<String> directors,
        List<String> writers, List<String> actors, List<String> countries, String studio, String contentRating,
        Double rating, Double audienceRating, Long itemDurationMs, String imdbId, String tmdbId, String tvdbId,
        List<String> guids, String videoResolution, Long bitrate, String container, String videoCodec,
        String audioCodec, Integer audioChannels) {

    public static final String ENRICHED = "enriched";
    public static final String NOT_IN_PLEX = "not_in_plex";
    public static final String DISABLED = "disabled";

    public static Enrichment none(String status) {
        return new Enrichment(false, status, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null,
                null, null, null, null, null, List.of(), null, null, null, null, null, null);
    }

    /** @param top the show or artist of an episode or track (null for movies) */
    public static Enrichment of(PlexItem item, PlexItem top) {
        PlexMedia media = item.media().isEmpty() ? null : item.media().get(0);
        List<String> genres = PlexItem.names(item.genres());
        if (genres.isEmpty() && top != null) {
            genres = PlexItem.names(top.genres());
        }
        List<String> actors = PlexItem.names(item.roles());
        if (actors.isEmpty() && top != null) {
            actors = PlexItem.names(top.roles());
        }
        return new Enrichment(true, ENRICHED, genres, PlexItem.names(item.directors()),
                PlexItem.names(item.writers()), actors, PlexItem.names(item.countries()),
                item.studio() != null || top == null ? item.studio() : top.studio(),
                item.contentRating() != null || top == null ? item.contentRating() : top.contentRating(),
                item.rating(), item.audienceRating(), item.duration(), item.imdbId(), item.tmdbId(), item.tvdbId(),
                item.guids(), media == null ? null : media.videoResolution(),
                media == null || media.bitrate() == null ? null : media.bitrate().longValue(),
                media == null ? null : media.container(), media == null ? null : media.videoCodec(),
                media == null ? null : media.audioCodec(), media == null ? null : media.audioChannels());
    }
}
