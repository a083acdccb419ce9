package io.projectionist.plex;

import java.time.Duration;

/**
 * A failed Plex call. The message names the call ({@code GET /library/sections}) and what to do; it never contains
 * the token (the client only ever sends it as a header and never quotes headers). {@link #isRetryable()} is true
 * for what may succeed later unchanged: 429, 5xx, timeouts, refused connections, truncated bodies.
 */
public class PlexException extends RuntimeException {

    /** What went wrong, coarsely, for routes that branch on it. */
    public enum Kind {
        /** 401: token missing, wrong or revoked. */
        UNAUTHORIZED,
        /** 403: a token that is not the server owner's, on an admin endpoint. */
        FORBIDDEN,
        /** 404: no such item, collection, hub, section or session. */
        NOT_FOUND,
        /** 400 or another 4xx: the request is wrong for this server. */
        BAD_REQUEST,
        /** 429: slow down. */
        RATE_LIMITED,
        /** 5xx. */
        SERVER_ERROR,
        /** No answer within the connect or request timeout. */
        TIMEOUT,
        /** Connection refused, reset, unknown host. */
        CONNECTION,
        /** A 2xx whose body is not a Plex MediaContainer (an HTML page, truncated or garbled data). */
        BAD_RESPONSE
    }

    private final String operation;
    private final String method;
    private final String path;
    private final int statusCode;
    private final boolean retryable;
    private final Kind kind;
    private final Duration retryAfter;

    public PlexException(String message, String operation, String method, String path, int statusCode, Kind kind,
            boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.method = method;
        this.path = path;
        this.statusCode = statusCode;
        this.kind = kind;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** The client operation, e.g. {@code metadata}, {@code hubs.move}. */
    public String getOperation() {
        return operation;
    }

    /** HTTP method of the failed call. */
    public String getMethod() {
        return method;
    }

    /** Path of the failed call, without query string. */
    public String getPath() {
        return path;
    }

    /** HTTP status, or 0 when there was no response. */
    public int getStatusCode() {
        return statusCode;
    }

    public boolean isRetryable() {
        return retryable;
    }

    public Kind getKind() {
        return kind;
    }

    /** The server's {@code Retry-After}, when it sent one (seconds or an HTTP date); null otherwise. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
