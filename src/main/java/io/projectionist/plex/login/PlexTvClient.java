package io.projectionist.plex.login;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.plex.PlexClient;
import io.projectionist.support.Json;
import io.projectionist.support.HttpTransport;
import io.projectionist.support.ResponseBodies;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The plex.tv calls of the PIN login (plex-api.md §7.2): create a PIN, check it, build the auth URL, and check a token.
 * Every request carries {@code Accept: application/json}, {@code X-Plex-Product}, {@code X-Plex-Version} and the
 * stable {@code X-Plex-Client-Identifier} (plex.tv only answers a PIN to the client that created it). Thread-safe.
 */
public final class PlexTvClient {

    public static final String DEFAULT_BASE_URL = "https://plex.tv";
    public static final String AUTH_APP_URL = "https://app.plex.tv/auth";

    /** Never let a token from a response body reach a message. */
    private static final Pattern TOKEN_FIELD = Pattern.compile("(\"authToken\"\\s*:\\s*\")[^\"]*(\")");

    private final HttpTransport transport;
    private final String baseUrl;
    private final String clientIdentifier;
    private final String product;
    private final String version;
    private final Duration requestTimeout;
    private final Clock clock;

    private PlexTvClient(Builder b) {
        this.baseUrl = stripSlash(b.baseUrl == null || b.baseUrl.isBlank() ? DEFAULT_BASE_URL : b.baseUrl);
        if (b.clientIdentifier == null || b.clientIdentifier.isBlank()) {
            throw new IllegalArgumentException("a client identifier is required");
        }
        this.clientIdentifier = b.clientIdentifier.strip();
        this.product = b.product;
        this.version = b.version;
        this.requestTimeout = b.requestTimeout;
        this.clock = b.clock;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("X-Plex-Product", product);
        headers.put("X-Plex-Version", version);
        headers.put("X-Plex-Client-Identifier", clientIdentifier);
        this.transport = HttpTransport.of(b.httpClient != null ? b.httpClient : HttpTransport.httpClient(b.connectTimeout),
                headers, requestTimeout, HttpTransport.listeners()).withClock(clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String clientIdentifier() {
        return clientIdentifier;
    }

    /** {@code POST /api/v2/pins?strong=true}: a long code for a link, valid for about 30 minutes. */
    public Pin createPin() {
        HttpResponse<String> rsp = send("POST", "/api/v2/pins?strong=true", null);
        return parsePin("POST /api/v2/pins", rsp.body());
    }

    /** {@code GET /api/v2/pins/{id}}; 404 ({@link PlexTvException.Kind#NOT_FOUND}) once the PIN has expired. */
    public Pin checkPin(long id) {
        HttpResponse<String> rsp = send("GET", "/api/v2/pins/" + id, null);
        return parsePin("GET /api/v2/pins/" + id, rsp.body());
    }

    /** The URL the user opens to sign in and authorise this client's PIN. */
    public String authUrl(String code) {
        return authUrl(clientIdentifier, code, product);
    }

    /** {@code https://app.plex.tv/auth#?clientID=<id>&code=<code>&context%5Bdevice%5D%5Bproduct%5D=<product>}. */
    public static String authUrl(String clientIdentifier, String code, String product) {
        return AUTH_APP_URL + "#?clientID=" + encode(clientIdentifier) + "&code=" + encode(code)
                + "&context%5Bdevice%5D%5Bproduct%5D=" + encode(product);
    }

    /** How plex.tv judged a token ({@code GET /api/v2/user}). */
    public enum TokenStatus {
        /** 200. */
        VALID,
        /** 401. */
        INVALID,
        /** Anything else, or no answer: not the same as invalid. */
        UNKNOWN
    }

    /** {@code GET /api/v2/user} with the token: 200 valid, 401 invalid, anything else unknown. */
    public TokenStatus checkToken(String token) {
        try {
            send("GET", "/api/v2/user", Objects.requireNonNull(token, "token"));
            return TokenStatus.VALID;
        } catch (PlexTvException e) {
            return e.getKind() == PlexTvException.Kind.UNAUTHORIZED ? TokenStatus.INVALID : TokenStatus.UNKNOWN;
        }
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    private HttpResponse<String> send(String method, String pathAndQuery, String token) {
        String call = method + " " + pathOnly(pathAndQuery);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("X-Plex-Token", token);
        }
        HttpResponse<String> rsp;
        try {
            rsp = transport.send(call, b, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTransport.NoAnswerException e) {
            Throwable cause = e.getCause();
            throw switch (e.failure()) {
                case CONNECT_TIMEOUT -> new PlexTvException("could not connect to plex.tv at " + baseUrl
                        + " in time for " + call, PlexTvException.Kind.CONNECTION, 0, null, cause);
                case TIMEOUT -> new PlexTvException("plex.tv did not answer " + call + " in time",
                        PlexTvException.Kind.CONNECTION, 0, null, cause);
                case REFUSED -> new PlexTvException("could not connect to plex.tv at " + baseUrl + " for " + call
                        + " (connection refused)", PlexTvException.Kind.CONNECTION, 0, null, cause);
                case IO -> new PlexTvException("connection to plex.tv at " + baseUrl + " failed for " + call + " ("
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
                        + cause.getMessage()) + ")", PlexTvException.Kind.CONNECTION, 0, null, cause);
                case INTERRUPTED -> new PlexTvException("interrupted during " + call,
                        PlexTvException.Kind.CONNECTION, 0, null, cause);
            };
        }
        int status = rsp.statusCode();
        if (status >= 200 && status < 300) {
            return rsp;
        }
        String body = redact(ResponseBodies.describe(rsp.body()));
        Duration retryAfter = transport.retryAfter(rsp);
        String after = retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + " s";
        throw switch (status) {
            case 401 -> new PlexTvException("plex.tv rejected the token (HTTP 401) for " + call,
                    PlexTvException.Kind.UNAUTHORIZED, status, null, null);
            case 404 -> new PlexTvException("plex.tv has no " + pathOnly(pathAndQuery) + " (HTTP 404)",
                    PlexTvException.Kind.NOT_FOUND, status, null, null);
            case 429 -> new PlexTvException("plex.tv is rate limiting (HTTP 429) " + call + after,
                    PlexTvException.Kind.RATE_LIMITED, status, retryAfter, null);
            default -> status >= 500
                    ? new PlexTvException("plex.tv failed (HTTP " + status + ") for " + call + ": " + body + after,
                            PlexTvException.Kind.SERVER_ERROR, status, retryAfter, null)
                    : new PlexTvException("plex.tv refused " + call + " (HTTP " + status + "): " + body,
                            PlexTvException.Kind.BAD_REQUEST, status, null, null);
        };
    }

    private Pin parsePin(String call, String body) {
        JsonNode n;
        try {
            n = Json.camelCase().readTree(body == null ? "" : body);
        } catch (IOException e) {
            n = null;
        }
        if (n == null || !n.isObject() || !n.hasNonNull("id") || !n.hasNonNull("code")) {
            throw new PlexTvException("plex.tv answered " + call + " with " + redact(ResponseBodies.describe(body))
                    + " instead of a PIN", PlexTvException.Kind.BAD_RESPONSE, 200, null, null);
        }
        Instant created = instant(n.get("createdAt"));
        Long expiresIn = n.hasNonNull("expiresIn") ? n.get("expiresIn").asLong() : null;
        Instant expires = instant(n.get("expiresAt"));
        if (expires == null && expiresIn != null) {
            expires = clock.instant().plusSeconds(expiresIn);
        }
        String token = text(n.get("authToken"));
        String client = text(n.get("clientIdentifier"));
        return new Pin(n.get("id").asLong(), text(n.get("code")), client == null ? clientIdentifier : client,
                created, expires, expiresIn, token);
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.asText();
        return s == null || s.isBlank() ? null : s;
    }

    /** ISO-8601 instants as plex.tv sends them; epoch seconds tolerated. */
    private static Instant instant(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return Instant.ofEpochSecond(n.asLong());
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(n.asText()).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String redact(String s) {
        return s == null ? null : TOKEN_FIELD.matcher(s).replaceAll("$1****$2");
    }

    private static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** Settings; only the client identifier is required. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String clientIdentifier;
        private String product = PlexClient.DEFAULT_PRODUCT;
        private String version = PlexClient.DEFAULT_VERSION;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(20);
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;

        public Builder baseUrl(String v) {
            baseUrl = v;
            return this;
        }

        public Builder clientIdentifier(String v) {
            clientIdentifier = v;
            return this;
        }

        public Builder product(String v) {
            product = Objects.requireNonNull(v, "product");
            return this;
        }

        public Builder version(String v) {
            version = Objects.requireNonNull(v, "version");
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = Objects.requireNonNull(v, "connectTimeout");
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        /** Used to read HTTP-date {@code Retry-After}s. */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        public Builder httpClient(HttpClient v) {
            httpClient = v;
            return this;
        }

        public PlexTvClient build() {
            return new PlexTvClient(this);
        }
    }
}
