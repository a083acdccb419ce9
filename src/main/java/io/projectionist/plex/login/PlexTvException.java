package io.projectionist.plex.login;

import java.time.Duration;

/** A failed plex.tv call. The message names the call and never contains a token. */
public class PlexTvException extends RuntimeException {

    /** What went wrong, coarsely. */
    public enum Kind {
        /** 401: the token is not valid. */
        UNAUTHORIZED,
        /** 404: no such PIN (it expired, or belongs to another client identifier). */
        NOT_FOUND,
        /** 429: slow down (see {@link #getRetryAfter()}). */
        RATE_LIMITED,
        /** 400 or another 4xx. */
        BAD_REQUEST,
        /** 5xx. */
        SERVER_ERROR,
        /** No connection or no answer in time. */
        CONNECTION,
        /** A 2xx whose body is not the expected JSON. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int statusCode;
    private final Duration retryAfter;

    public PlexTvException(String message, Kind kind, int statusCode, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.statusCode = statusCode;
        this.retryAfter = retryAfter;
    }

    public Kind getKind() {
        return kind;
    }

    /** HTTP status, 0 when there was no response. */
    public int getStatusCode() {
        return statusCode;
    }

    /** The {@code Retry-After} of a 429 or 5xx (seconds or HTTP date), null when absent or unreadable. */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    /** True for what may succeed later unchanged: 429, 5xx, connection trouble. */
    public boolean isRetryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.CONNECTION;
    }
}
