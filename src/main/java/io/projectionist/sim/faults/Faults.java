package io.projectionist.sim.faults;

import io.projectionist.sim.http.SimResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run-time switchable failures for a simulated server, for reliability tests: a fixed latency on every response,
 * and a queue of one-shot faults consumed by the next responses in order (an error status with any body, a
 * truncated body, an HTML page instead of JSON). Thread-safe. Not tied to Tautulli: the Plex simulator reuses it.
 */
public final class Faults {

    public enum Kind {
        /** Answer with the fault's own status, headers and body instead of the real response. */
        REPLACE,
        /** Send the real response with only part of its body (a cut JSON document). */
        TRUNCATE
    }

    /**
     * One fault.
     *
     * @param truncateAt for TRUNCATE, how much of the body to send in per mille (500 = the first half)
     */
    public record Fault(Kind kind, int status, String contentType, Map<String, String> headers, String body,
            int truncateAt) {

        public Fault {
            Objects.requireNonNull(kind);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public SimResponse asResponse() {
            SimResponse r = SimResponse.of(status, contentType, body == null ? "" : body);
            for (Map.Entry<String, String> h : headers.entrySet()) {
                r = r.withHeader(h.getKey(), h.getValue());
            }
            return r;
        }
    }

    /** The kind of page a reverse proxy shows when it wants a login (Authelia/Organizr style). */
    public static final String LOGIN_PAGE = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<title>Sign in</title>\n</head>\n<body>\n<form method=\"post\" action=\"/login\">\n"
            + "<input name=\"username\"><input name=\"password\" type=\"password\">\n"
            + "<button type=\"submit\">Sign in</button>\n</form>\n</body>\n</html>\n";

    public static final String BAD_GATEWAY_PAGE = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
            + "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n"
            + "</html>\r\n";

    private final Deque<Fault> queue = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;
    private final AtomicInteger injected = new AtomicInteger();

    /** Every response waits this long first (ZERO to switch off). */
    public Faults latency(Duration latency) {
        this.latency = Objects.requireNonNull(latency);
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /** The next {@code n} responses are this fault (after faults already queued). */
    public synchronized Faults next(int n, Fault fault) {
        for (int i = 0; i < n; i++) {
            queue.addLast(fault);
        }
        return this;
    }

    /** The next {@code n} responses have {@code status} with a short plain-text body. */
    public Faults failNext(int n, int status) {
        return next(n, new Fault(Kind.REPLACE, status, "text/plain;charset=utf-8", Map.of(),
                status + " simulated failure\n", 0));
    }

    /** The next {@code n} responses are 429 Too Many Requests with Retry-After. */
    public Faults rateLimitNext(int n, int retryAfterSeconds) {
        return next(n, new Fault(Kind.REPLACE, 429, "text/html", Map.of("Retry-After", String.valueOf(
                retryAfterSeconds)), "<html><head><title>429 Too Many Requests</title></head><body>"
                        + "<h1>429 Too Many Requests</h1></body></html>", 0));
    }

    /** The next {@code n} responses are 500 with a plain body (not the API's JSON envelope). */
    public Faults serverErrorNext(int n) {
        return next(n, new Fault(Kind.REPLACE, 500, "text/html", Map.of(),
                "<html><head><title>500 Internal Server Error</title></head><body>"
                        + "<h1>500 Internal Server Error</h1></body></html>", 0));
    }

    /** The next {@code n} responses are an nginx 502 page (upstream down behind a proxy). */
    public Faults badGatewayNext(int n) {
        return next(n, new Fault(Kind.REPLACE, 502, "text/html", Map.of(), BAD_GATEWAY_PAGE, 0));
    }

    /** The next {@code n} responses are 200 with an HTML login page instead of JSON. */
    public Faults htmlNext(int n) {
        return next(n, new Fault(Kind.REPLACE, 200, "text/html; charset=utf-8", Map.of(), LOGIN_PAGE, 0));
    }

    /** The next {@code n} responses carry only the first half of their real body. */
    public Faults truncateNext(int n) {
        return next(n, new Fault(Kind.TRUNCATE, 0, null, Map.of(), null, 500));
    }

    /** Removes queued faults and the latency. */
    public synchronized void reset() {
        queue.clear();
        latency = Duration.ZERO;
    }

    public synchronized int pending() {
        return queue.size();
    }

    /** How many faults have been served so far. */
    public int injected() {
        return injected.get();
    }

    /** Takes the fault for the response being written now, or null. */
    public synchronized Fault poll() {
        Fault f = queue.pollFirst();
        if (f != null) {
            injected.incrementAndGet();
        }
        return f;
    }
}
