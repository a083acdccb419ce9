package io.projectionist.delivery;

import io.projectionist.support.RetryAfterDelay;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs on every failed delivery attempt ({@code onExceptionOccurred}, before Camel computes the next delay): when
 * the receiver answered 429 or 503 with {@code Retry-After} (seconds, decimal seconds or an HTTP date, read by {@link RetryAfterDelay#parse}), the next
 * attempt waits exactly that long (capped by {@code projectionist.delivery.max-retry-after-seconds}) through the
 * {@code CamelRedeliveryDelay} header; otherwise the header is removed and the exponential back-off with jitter
 * applies. Logs each failure with the destination's host only, never its URL (webhook URLs carry tokens).
 */
public final class RetryAfter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("io.projectionist.delivery");

    /** Exchange property: the destination's name. */
    public static final String DESTINATION = "projectionistDestination";
    /** Exchange property: failed attempts so far. */
    public static final String ATTEMPTS = "projectionistAttempts";

    private final Clock clock;
    private final long maxMillis;
    private final int maxRetries;

    public RetryAfter(Clock clock, long maxMillis, int maxRetries) {
        this.clock = clock;
        this.maxMillis = maxMillis;
        this.maxRetries = maxRetries;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        int attempts = exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(ATTEMPTS, attempts);
        Optional<Long> wait = retryAfterMillis(cause, clock).map(ms -> Math.min(ms, maxMillis));
        if (wait.isPresent()) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.get());
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
        LOG.warn("delivery to {} failed (attempt {} of {}): {}{}", exchange.getProperty(DESTINATION), attempts,
                maxRetries + 1, describe(cause), wait.map(ms -> "; Retry-After: next attempt in " + ms + " ms")
                        .orElse(""));
    }

    /** The receiver's Retry-After on a 429/503, in milliseconds from now. */
    public static Optional<Long> retryAfterMillis(Throwable cause, Clock clock) {
        if (cause instanceof HttpOperationFailedException http
                && (http.getStatusCode() == 429 || http.getStatusCode() == 503)) {
            Map<String, String> headers = http.getResponseHeaders();
            if (headers == null) {
                return Optional.empty();
            }
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if ("retry-after".equalsIgnoreCase(h.getKey())) {
                    return Optional.ofNullable(RetryAfterDelay.parse(h.getValue(), clock)).map(Duration::toMillis);
                }
            }
        }
        return Optional.empty();
    }

    /** A failure in one line, without the request URL. */
    public static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        if (cause instanceof HttpOperationFailedException http) {
            StringBuilder s = new StringBuilder("HTTP ").append(http.getStatusCode());
            if (http.getStatusText() != null && !http.getStatusText().isBlank()) {
                s.append(' ').append(http.getStatusText());
            }
            retryAfterHeader(http).ifPresent(ra -> s.append(" (Retry-After: ").append(ra).append(')'));
            String body = http.getResponseBody();
            if (body != null && !body.isBlank()) {
                String oneLine = body.replaceAll("\\s+", " ").strip();
                s.append(": ").append(oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
            }
            return s.toString();
        }
        String msg = cause.getMessage() == null ? "" : cause.getMessage().replaceAll("https?://\\S+", "<url>");
        return cause.getClass().getSimpleName() + (msg.isBlank() ? "" : ": " + msg);
    }

    private static Optional<String> retryAfterHeader(HttpOperationFailedException http) {
        if (http.getResponseHeaders() == null) {
            return Optional.empty();
        }
        return http.getResponseHeaders().entrySet().stream().filter(e -> "retry-after".equalsIgnoreCase(e.getKey()))
                .map(Map.Entry::getValue).findFirst();
    }
}
