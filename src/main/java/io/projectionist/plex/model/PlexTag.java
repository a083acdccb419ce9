package io.projectionist.plex.model;

/**
 * A tag child of an item ({@code <Genre>}, {@code <Director>}, {@code <Writer>}, {@code <Role>}, {@code <Country>},
 * {@code <Label>}, {@code <Collection>}). {@code role} is only set on actors ({@code <Role role="Hero">}).
 */
public record PlexTag(String id, String tag, String filter, String role, String thumb) {

    public static PlexTag of(String tag) {
        return new PlexTag(null, tag, null, null, null);
    }
}
