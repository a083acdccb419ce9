package io.projectionist.sim.world;

/** A library section: 1 Movies (movie), 2 TV Shows (show), 3 Music (artist). */
public record Library(int sectionId, String name, String type, String agent, String scanner, String uuid,
        String locationPath, long createdAt) {

    public String thumb() {
        return "/:/resources/" + type + ".png";
    }

    public String art() {
        return "/:/resources/" + type + "-fanart.jpg";
    }

    /** The media type of the rows this section contributes to play history. */
    public MediaType playedType() {
        return switch (type) {
            case "movie" -> MediaType.MOVIE;
            case "show" -> MediaType.EPISODE;
            default -> MediaType.TRACK;
        };
    }

    /** Series name in Tautulli's media-type graphs. */
    public String graphSeries() {
        return switch (type) {
            case "movie" -> "Movies";
            case "show" -> "TV";
            default -> "Music";
        };
    }
}
