package io.projectionist.sim.world;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A library item with Plex-style metadata. Parents and grandparents are referenced by rating key (0 = none), so a
 * Plex simulator can render /library/metadata/{key} and /status/sessions from the same object.
 *
 * @param ordinal     position in {@link World#items()} (the history stores this)
 * @param index       episode/track number, season number, album number (Plex "index"); 0 for movies
 * @param parentIndex season number for episodes, disc for tracks; 0 otherwise
 * @param leafCount   episodes of a show/season, tracks of an artist/album; 0 otherwise
 * @param childCount  seasons of a show, albums of an artist; 0 otherwise
 * @param rating      critic rating 0-10 (0 = none)
 * @param media       null for shows, seasons, artists and albums
 */
public record Item(int ordinal, int ratingKey, MediaType type, int sectionId, String title, String sortTitle,
        String originalTitle, int year, List<String> genres, List<String> directors, List<String> writers,
        List<CastMember> cast, String studio, String contentRating, double rating, double audienceRating,
        String summary, String tagline, long durationMs, long addedAt, long updatedAt, LocalDate originallyAvailableAt,
        String guid, List<String> externalGuids, Media media, int parentRatingKey, int grandparentRatingKey,
        String parentTitle, String grandparentTitle, int index, int parentIndex, int leafCount, int childCount,
        List<String> labels, List<String> collections) {

    /** "/library/metadata/{ratingKey}" */
    public String key() {
        return "/library/metadata/" + ratingKey;
    }

    public String thumb() {
        return key() + "/thumb/" + updatedAt;
    }

    public String art() {
        return key() + "/art/" + updatedAt;
    }

    public int durationSeconds() {
        return (int) (durationMs / 1000);
    }

    /** Tautulli's full_title: "Show - Episode", "Track - Artist" (live sessions), the title otherwise. */
    public String fullTitle() {
        return switch (type) {
            case EPISODE -> grandparentTitle + " - " + title;
            case TRACK -> title + " - " + grandparentTitle;
            default -> title;
        };
    }

    /** History's full_title for tracks is "Artist - Track" (as stored by Tautulli's history writer). */
    public String historyFullTitle() {
        return type == MediaType.TRACK ? grandparentTitle + " - " + title : fullTitle();
    }

    public String slug() {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    public List<String> actorNames() {
        return cast.stream().map(CastMember::name).toList();
    }

    public String ratingString() {
        return rating <= 0 ? "" : String.valueOf(rating);
    }

    public String audienceRatingString() {
        return audienceRating <= 0 ? "" : String.valueOf(audienceRating);
    }

    public String originallyAvailable() {
        return originallyAvailableAt == null ? "" : originallyAvailableAt.toString();
    }
}
