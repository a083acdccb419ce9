package io.projectionist.tautulli;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed Tautulli call. The message names the command and what the server said; it never contains the API key.
 * {@link #isRetryable()} follows Tautulli's rules: API errors are HTTP 400 and will fail the same way again,
 * exceptions inside a command are HTTP 500 and may pass on a retry, and so may timeouts, refused connections,
 * truncated bodies and gateway errors. Routes use it as {@code onWhen: ${exception.retryable}}.
 */
public class TautulliException extends RuntimeException {

    /** What went wrong, coarsely. */
    public enum Kind {
        /** Tautulli answered {@code result: error} (HTTP 400, or 200 on a non-v2 path). */
        API_ERROR,
        /** HTTP 500: an exception inside the command. */
        SERVER_ERROR,
        /** The API key was refused. */
        INVALID_API_KEY,
        /** HTTP 404 or similar: the URL does not lead to Tautulli's API. */
        NOT_FOUND,
        /** HTTP 401/403 from something in front of Tautulli (a reverse proxy). */
        FORBIDDEN,
        /** HTTP 429 or 502/503/504 from a proxy in front of Tautulli. */
        UNAVAILABLE,
        /** The body is not JSON (an HTML page, plain text). */
        NOT_JSON,
        /** The body ended before the JSON did. */
        TRUNCATED,
        /** No answer within the request timeout. */
        TIMEOUT,
        /** No connection could be made. */
        UNREACHABLE
    }

    private final String command;
    private final int statusCode;
    private final Kind kind;
    private final boolean retryable;
    private final String serverMessage;
    private final Duration retryAfter;

    public TautulliException(String command, int statusCode, Kind kind, boolean retryable, String serverMessage,
                             Duration retryAfter, String detail, Throwable cause) {
        super("Tautulli " + command + " failed: " + detail, cause);
        this.command = command;
        this.statusCode = statusCode;
        this.kind = kind;
        this.retryable = retryable;
        this.serverMessage = serverMessage;
        this.retryAfter = retryAfter;
    }

    /** The API command that failed, e.g. {@code get_history}. */
    public String getCommand() {
        return command;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int getStatusCode() {
        return statusCode;
    }

    public Kind getKind() {
        return kind;
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** Tautulli's own {@code message}, when it sent one. */
    public String getServerMessage() {
        return serverMessage;
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
