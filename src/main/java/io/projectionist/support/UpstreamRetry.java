package io.projectionist.support;

import io.projectionist.plex.PlexException;
import io.projectionist.tautulli.TautulliException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The back-off for upstream calls (Tautulli, Plex, webhooks), from {@code projectionist.upstream.retries},
 * {@code retry-delay} and {@code max-retry-delay}: which failures are worth another try, and how long to wait —
 * the server's {@code Retry-After} when it sends one, else exponential back-off with jitter. The
 * {@code upstream-retries} route configuration applies it to routes; {@link #call} applies it to calls made
 * outside a route's redelivery (a report run, curation's reads, a poll), so both retry alike.
 */
public final class UpstreamRetry {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRetry.class);

    /** Waits; a test may stand in to record the waits instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public static final String RETRIES = "projectionist.upstream.retries";
    public static final String DELAY = "projectionist.upstream.retry-delay";
    public static final String MAX_DELAY = "projectionist.upstream.max-retry-delay";
    /** A server asking for an hour does not park a call for an hour. */
    public static final long MAX_RETRY_AFTER_MILLIS = 300_000;

    private final int retries;
    private final long delayMillis;
    private final long maxDelayMillis;
    private final Sleeper sleeper;

    public UpstreamRetry(int retries, long delayMillis, long maxDelayMillis, Sleeper sleeper) {
        this.retries = Math.max(0, retries);
        this.delayMillis = Math.max(0, delayMillis);
        this.maxDelayMillis = Math.max(this.delayMillis, maxDelayMillis);
        this.sleeper = sleeper;
    }

    /** No retries: for callers whose caller retries (a route with {@code upstream-retries}). */
    public static UpstreamRetry none() {
        return new UpstreamRetry(0, 0, 0, Thread::sleep);
    }

    /** From the settings; the defaults are those of application.properties. */
    public static UpstreamRetry from(Function<String, Optional<String>> property) {
        return new UpstreamRetry((int) number(property, RETRIES, 5), number(property, DELAY, 500),
                number(property, MAX_DELAY, 30_000), Thread::sleep);
    }

    /** The same back-off with another number of retries. */
    public UpstreamRetry withRetries(int retries) {
        return new UpstreamRetry(retries, delayMillis, maxDelayMillis, sleeper);
    }

    public int retries() {
        return retries;
    }

    /** A failure the upstream marks as transient: 5xx, 429, 408, timeouts, refused or broken connections. */
    public static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PlexException p) {
                return p.isRetryable();
            }
            if (t instanceof TautulliException te) {
                return te.isRetryable();
            }
            if (t instanceof HttpOperationFailedException http) {
                return HttpTransport.Status.of(http.getStatusCode()).retryable();
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The wait before retry {@code attempt} (1 = the first retry). */
    public long delayMillis(int attempt, Throwable failure) {
        Duration asked = RetryAfterDelay.retryAfter(failure);
        if (asked != null) {
            return Math.min(asked.toMillis(), MAX_RETRY_AFTER_MILLIS);
        }
        double d = delayMillis * Math.pow(2, Math.max(0, attempt - 1));
        // collision avoidance: ±15 %, so clients that failed together do not retry together
        d *= 0.85 + ThreadLocalRandom.current().nextDouble() * 0.3;
        return (long) Math.min(d, maxDelayMillis);
    }

    /** Runs {@code call}, retrying retryable failures; the last failure is thrown when the retries are spent. */
    public <T> T call(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt > retries || !retryable(e)) {
                    throw e;
                }
                long wait = delayMillis(attempt, e);
                LOG.warn("{} failed (attempt {} of {}), trying again in {} ms: {}", what, attempt, retries + 1, wait,
                        e.getMessage());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static long number(Function<String, Optional<String>> property, String key, long fallback) {
        Optional<String> v = property.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        try {
            return v.map(Long::parseLong).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v.get() + "'");
        }
    }
}
