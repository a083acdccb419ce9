package io.projectionist.sim.world;

/** Plex item types with their Plex type numbers and Tautulli wire names. */
public enum MediaType {
    MOVIE("movie", 1), SHOW("show", 2), SEASON("season", 3), EPISODE("episode", 4),
    ARTIST("artist", 8), ALBUM("album", 9), TRACK("track", 10);

    private final String wire;
    private final int plexType;

    MediaType(String wire, int plexType) {
        this.wire = wire;
        this.plexType = plexType;
    }

    /** The name Tautulli and Plex use ("movie", "episode", ...). */
    public String wire() {
        return wire;
    }

    public int plexType() {
        return plexType;
    }

    /** True for the kinds of item that are actually played (rows of play history). */
    public boolean playable() {
        return this == MOVIE || this == EPISODE || this == TRACK;
    }

    public boolean video() {
        return this == MOVIE || this == EPISODE;
    }

    public static MediaType fromWire(String s) {
        for (MediaType t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
