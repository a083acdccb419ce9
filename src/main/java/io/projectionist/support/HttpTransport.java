package io.projectionist.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one HTTP transport of the upstream clients (Tautulli, Plex, plex.tv) over the JDK {@link HttpClient}: the
 * client's fixed headers on every request, the request timeout, the classification of a status and of a failure
 * to get an answer, {@code Retry-After} ({@link RetryAfterDelay#parse}), and a request listener (metrics,
 * counters). Each client keeps only its wire semantics: URLs, parameters, bodies, and the words of its errors.
 * Thread-safe; copies made with {@link #withRequestTimeout} share the connection pool and the listeners.
 */
public final class HttpTransport {

    /** Why no answer came. All but {@link #INTERRUPTED} are worth another try. */
    public enum Failure {
        CONNECT_TIMEOUT, TIMEOUT, REFUSED, IO, INTERRUPTED;

        public boolean retryable() {
            return this != INTERRUPTED;
        }
    }

    /** How a status answers the request; {@link #retryable()} as the shared retry policy sees it. */
    public enum Status {
        SUCCESS, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, REQUEST_TIMEOUT, RATE_LIMITED, SERVER_ERROR, CLIENT_ERROR;

        public boolean retryable() {
            return this == REQUEST_TIMEOUT || this == RATE_LIMITED || this == SERVER_ERROR;
        }

        public static Status of(int code) {
            if (code >= 200 && code < 300) {
                return SUCCESS;
            }
            return switch (code) {
                case 401 -> UNAUTHORIZED;
                case 403 -> FORBIDDEN;
                case 404 -> NOT_FOUND;
                case 408 -> REQUEST_TIMEOUT;
                case 429 -> RATE_LIMITED;
                default -> code >= 500 ? SERVER_ERROR : CLIENT_ERROR;
            };
        }
    }

    /** No answer: the client turns this into its own exception, with its own words. */
    public static final class NoAnswerException extends RuntimeException {
        private final Failure failure;

        NoAnswerException(Failure failure, Throwable cause) {
            super(failure + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** Told of every request sent: {@code status} is 0 when no answer came. */
    @FunctionalInterface
    public interface Listener {
        void sent(String operation, String method, int status);
    }

    private final HttpClient http;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final Clock clock;
    private final List<Listener> listeners;

    private HttpTransport(HttpClient http, Map<String, String> headers, Duration requestTimeout, Clock clock,
            List<Listener> listeners) {
        this.http = Objects.requireNonNull(http, "http");
        this.headers = Map.copyOf(headers);
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.listeners = listeners;
    }

    /**
     * @param http           shared connection pool (see {@link #httpClient(Duration)})
     * @param headers        sent on every request (client identification, Accept)
     * @param requestTimeout per request; null or zero = none
     * @param listeners      told of every request; shared, not copied (a component adds its metrics later)
     */
    public static HttpTransport of(HttpClient http, Map<String, String> headers, Duration requestTimeout,
            List<Listener> listeners) {
        return new HttpTransport(http, new LinkedHashMap<>(headers), requestTimeout, Clock.systemUTC(), listeners);
    }

    /** The JDK client every upstream uses: the connect timeout, redirects followed. */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The same transport (pool, headers, listeners) with another request timeout, e.g. for a quick probe. */
    public HttpTransport withRequestTimeout(Duration timeout) {
        return new HttpTransport(http, headers, timeout, clock, listeners);
    }

    /** The same transport reading HTTP-date {@code Retry-After}s against {@code clock}. */
    public HttpTransport withClock(Clock c) {
        return new HttpTransport(http, headers, requestTimeout, Objects.requireNonNull(c, "clock"), listeners);
    }

    /** A copy that also tells {@code listener}; this transport's requests are not told to it. */
    public HttpTransport withListener(Listener listener) {
        List<Listener> more = new CopyOnWriteArrayList<>(listeners);
        more.add(Objects.requireNonNull(listener, "listener"));
        return new HttpTransport(http, headers, requestTimeout, clock, more);
    }

    /** A new listener list for {@link #of}: safe to add to while requests are sent. */
    public static List<Listener> listeners() {
        return new CopyOnWriteArrayList<>();
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Sends one request with the fixed headers and the timeout added, and returns the answer whatever its status
     * ({@link Status#of} classifies it).
     *
     * @throws NoAnswerException when no answer came
     */
    public <T> HttpResponse<T> send(String operation, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        headers.forEach(request::header);
        if (requestTimeout != null && !requestTimeout.isZero()) {
            request.timeout(requestTimeout);
        }
        HttpRequest r = request.build();
        try {
            HttpResponse<T> rsp = http.send(r, body);
            notify(operation, r.method(), rsp.statusCode());
            return rsp;
        } catch (HttpConnectTimeoutException e) {
            throw noAnswer(operation, r, Failure.CONNECT_TIMEOUT, e);
        } catch (HttpTimeoutException e) {
            throw noAnswer(operation, r, Failure.TIMEOUT, e);
        } catch (ConnectException e) {
            throw noAnswer(operation, r, Failure.REFUSED, e);
        } catch (IOException e) {
            throw noAnswer(operation, r, Failure.IO, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw noAnswer(operation, r, Failure.INTERRUPTED, e);
        }
    }

    /** The answer's {@code Retry-After}, or null. */
    public Duration retryAfter(HttpResponse<?> rsp) {
        return RetryAfterDelay.parse(rsp.headers().firstValue("Retry-After").orElse(null), clock);
    }

    private NoAnswerException noAnswer(String operation, HttpRequest r, Failure failure, Throwable cause) {
        notify(operation, r.method(), 0);
        return new NoAnswerException(failure, cause);
    }

    private void notify(String operation, String method, int status) {
        for (Listener l : listeners) {
            l.sent(operation, method, status);
        }
    }
}
