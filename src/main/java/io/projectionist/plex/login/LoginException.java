package io.projectionist.plex.login;

/** A login that cannot go on; the message is for the user and never contains a token. */
public class LoginException extends RuntimeException {

    /** Exit code of a failed login. */
    public static final int FAILED = 1;
    /** Exit code of a login asked for wrongly (missing server URL, conflicting options). */
    public static final int USAGE = 2;

    private final int exitCode;

    public LoginException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public LoginException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static LoginException failed(String message) {
        return new LoginException(message, FAILED);
    }

    public static LoginException usage(String message) {
        return new LoginException(message, USAGE);
    }

    public int exitCode() {
        return exitCode;
    }
}
