package io.projectionist.plex.model;

import java.util.Locale;

/**
 * Plex's metadata type numbers ({@code type=} query parameter). Deliberately not generated from the OpenAPI spec's
 * {@code MediaType} enum, which is wrong.
 */
public enum PlexItemType {
    MOVIE(1), SHOW(2), SEASON(3), EPISODE(4), TRAILER(5), PERSON(7), ARTIST(8), ALBUM(9), TRACK(10), CLIP(12),
    PHOTO(13), PHOTOALBUM(14), PLAYLIST(15), PLAYLIST_FOLDER(16), COLLECTION(18);

    private final int number;

    PlexItemType(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** Plex's lower-case name ({@code movie}, {@code playlistFolder}). */
    public String plexName() {
        return this == PLAYLIST_FOLDER ? "playlistFolder" : name().toLowerCase(Locale.ROOT);
    }

    /** Parses a number ({@code "1"}) or a name ({@code "movie"}, case-insensitive). */
    public static PlexItemType parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("item type is blank");
        }
        String v = value.strip();
        for (PlexItemType t : values()) {
            if (v.equals(String.valueOf(t.number)) || v.equalsIgnoreCase(t.plexName()) || v.equalsIgnoreCase(t.name())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown Plex item type '" + value
                + "' (use a number or one of movie, show, season, episode, artist, album, track, collection, …)");
    }

    /** The item type of a section type ({@code movie}→1, {@code show}→2, {@code artist}→8, {@code photo}→13). */
    public static PlexItemType ofSectionType(String sectionType) {
        return switch (sectionType == null ? "" : sectionType) {
            case "movie" -> MOVIE;
            case "show" -> SHOW;
            case "artist" -> ARTIST;
            case "photo" -> PHOTO;
            default -> throw new IllegalArgumentException("section type '" + sectionType + "' has no item type");
        };
    }
}
