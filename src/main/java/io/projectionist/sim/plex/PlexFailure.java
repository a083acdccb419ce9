package io.projectionist.sim.plex;

/** Ends a request with Plex's HTML error page for {@code status} (400, 401, 403, 404). */
final class PlexFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    PlexFailure(int status, String why) {
        super(why, null, false, false);
        this.status = status;
    }

    static PlexFailure badRequest(String why) {
        return new PlexFailure(400, why);
    }

    static PlexFailure notFound(String why) {
        return new PlexFailure(404, why);
    }

    static PlexFailure forbidden(String why) {
        return new PlexFailure(403, why);
    }
}
