package io.projectionist.support;

import io.projectionist.plex.PlexException;
import io.projectionist.tautulli.TautulliException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Honours an upstream's {@code Retry-After} in Camel redelivery. Use as {@code onExceptionOccurred}: it runs
 * before the redelivery delay is computed, and Camel uses {@link Exchange#REDELIVERY_DELAY} when it is set; when
 * the failure carries no Retry-After the header is removed so the policy's exponential back-off applies.
 */
public class RetryAfterDelay implements Processor {

    private final long maxDelayMillis;

    public RetryAfterDelay() {
        this(300_000);
    }

    /** @param maxDelayMillis a ceiling, so a server asking for an hour does not park a route for an hour */
    public RetryAfterDelay(long maxDelayMillis) {
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        Duration wait = retryAfter(cause);
        if (wait != null) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, Math.min(wait.toMillis(), maxDelayMillis));
        } else {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }

    /** The wait a failure asks for, or null. */
    public static Duration retryAfter(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PlexException p && p.getRetryAfter() != null) {
                return p.getRetryAfter();
            }
            if (t instanceof TautulliException te && te.getRetryAfter().isPresent()) {
                return te.getRetryAfter().get();
            }
            if (t instanceof HttpOperationFailedException http && http.getResponseHeaders() != null) {
                Duration d = parse(http.getResponseHeaders().get("Retry-After"));
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    /** Retry-After read against the system clock; see {@link #parse(String, Clock)}. */
    public static Duration parse(String value) {
        return parse(value, Clock.systemUTC());
    }

    /**
     * The one {@code Retry-After} reader of every upstream (Tautulli, Plex, plex.tv, webhooks): delta-seconds
     * ({@code 120}, also decimal {@code 1.5}, rounded up to the millisecond) or an HTTP date relative to
     * {@code clock} (a date in the past is zero). Null when absent or unreadable.
     */
    public static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            try {
                double seconds = Double.parseDouble(v);
                return Double.isInfinite(seconds) ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
            } catch (NumberFormatException unreadable) {
                return null;
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
