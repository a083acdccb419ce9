package io.projectionist.sim.tautulli;

/** Control flow for Tautulli's error forms. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** A command "returned nothing": HTTP 400, message null, data {} (e.g. a missing required parameter). */
    static final class NoResult extends RuntimeException {
        NoResult(String why) {
            super(why, null, false, false);
        }
    }

    /** A command reported an error dict: HTTP 400 with its message. */
    static final class CommandError extends RuntimeException {
        CommandError(String message) {
            super(message, null, false, false);
        }
    }

    /** An exception inside a command (e.g. int("abc")): HTTP 500 "Check the logs for errors". */
    static final class CommandCrash extends RuntimeException {
        CommandCrash(String why) {
            super(why, null, false, false);
        }
    }
}
