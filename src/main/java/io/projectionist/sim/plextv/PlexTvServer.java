package io.projectionist.sim.plextv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the parts of plex.tv the PIN login uses (plex-api.md §7.2), on the JDK's HttpServer:
 * <ul>
 *   <li>{@code POST /api/v2/pins[?strong=true]}: creates a PIN and answers 201 with plex.tv's JSON (id, code, product,
 *       trusted, qr, clientIdentifier, location, expiresIn, createdAt, expiresAt, authToken null, newRegistration
 *       null); 400 when {@code X-Plex-Client-Identifier} is missing.</li>
 *   <li>{@code GET /api/v2/pins/{id}}: the PIN, with {@code authToken} null until {@code authorizeAfter} has elapsed
 *       since creation (or {@link #authorize} was called), then the issued token. 404 for an unknown or expired PIN
 *       or another client's PIN; 429 with {@code {"errors":[{"code":1003,"message":"API rate limit exceeded"}]}} and
 *       a {@code Retry-After} header when polled sooner than {@code minPollInterval} after the previous poll.</li>
 *   <li>{@code GET /api/v2/user}: 200 with the account (and its token) for the issued token (header
 *       {@code X-Plex-Token} or query parameter), 401 otherwise.</li>
 * </ul>
 * Deterministic: PIN ids count up from 1000000001 and codes come from a seeded generator; time comes from the given
 * {@link Clock} (a {@code SimClock.fixed} makes a test exact without sleeping).
 */
public final class PlexTvServer implements AutoCloseable {

    /** How a 429 announces when to come back. */
    public enum RetryAfterStyle {
        /** {@code Retry-After: <seconds>} (whole seconds, at least 1). */
        SECONDS,
        /** {@code Retry-After: <IMF-fixdate>}. */
        HTTP_DATE,
        /** No header: the client must back off on its own. */
        NONE
    }

    /** What the simulator knows about one PIN (no token: see {@link #token()}). */
    public record PinView(long id, String code, String clientIdentifier, String product, boolean strong, Instant createdAt,
            Instant expiresAt, boolean authorized, int polls, int rateLimited) {
    }

    private static final Pattern PIN_PATH = Pattern.compile("/api/v2/pins/([^/]+)/?");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SHORT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Duration authorizeAfter;
    private final Duration minPollInterval;
    private final Duration pinLifetime;
    private final String token;
    private final RetryAfterStyle retryAfterStyle;
    private final Random random;
    private final Map<Long, Pin> pins = new LinkedHashMap<>();
    private long nextId = 1_000_000_001L;
    private int created;
    private int polls;
    private int rateLimited;
    private int userChecks;

    private PlexTvServer(Builder b, HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.clock = b.clock;
        this.authorizeAfter = b.authorizeAfter;
        this.minPollInterval = b.minPollInterval;
        this.pinLifetime = b.pinLifetime;
        this.token = b.token;
        this.retryAfterStyle = b.retryAfterStyle;
        this.random = new Random(b.seed);
    }

    /**
     * Starts a simulator on the system clock.
     *
     * @param bindHost        address to bind (e.g. 127.0.0.1)
     * @param port            port, 0 for any free one
     * @param authorizeAfter  PINs are authorised this long after creation; null: only by {@link #authorize}
     * @param minPollInterval polls of one PIN closer together than this get 429; null or zero: no rate limit
     * @param tokenToIssue    the token authorised PINs carry and {@code /api/v2/user} accepts
     */
    public static PlexTvServer start(String bindHost, int port, Duration authorizeAfter, Duration minPollInterval,
            String tokenToIssue) throws IOException {
        return builder().authorizeAfter(authorizeAfter).minPollInterval(minPollInterval).token(tokenToIssue)
                .start(bindHost, port);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** http://host:port, no trailing slash: the client's plex.tv base URL. */
    public String url() {
        String h = server.getAddress().getHostString();
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The token this simulator issues (a throw-away value, never a real one). */
    public String token() {
        return token;
    }

    /** Authorises a PIN now, as if its user had signed in. */
    public synchronized void authorize(long pinId) {
        pin(pinId).authorized = true;
    }

    /** Expires a PIN now: later polls get 404, as on plex.tv. */
    public synchronized void expire(long pinId) {
        Pin p = pin(pinId);
        p.expiresAt = clock.instant().minusMillis(1);
    }

    public synchronized Optional<PinView> pinView(long pinId) {
        Pin p = pins.get(pinId);
        return p == null ? Optional.empty() : Optional.of(p.view(isAuthorized(p, clock.instant())));
    }

    /** Every PIN created so far, oldest first. */
    public synchronized List<PinView> pins() {
        Instant now = clock.instant();
        return pins.values().stream().map(p -> p.view(isAuthorized(p, now))).toList();
    }

    /** PINs created. */
    public synchronized int createdCount() {
        return created;
    }

    /** {@code GET /api/v2/pins/{id}} requests, including rate-limited ones. */
    public synchronized int pollCount() {
        return polls;
    }

    /** Polls answered with 429. */
    public synchronized int rateLimitedCount() {
        return rateLimited;
    }

    /** {@code GET /api/v2/user} requests. */
    public synchronized int userCheckCount() {
        return userChecks;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    private void serve(HttpExchange ex) {
        try (ex) {
            Reply reply;
            try {
                reply = route(ex);
            } catch (RuntimeException e) {
                reply = error(500, 1, "Internal error: " + e.getClass().getSimpleName());
            }
            reply.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
    }

    private Reply route(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        if (path.equals("/api/v2/pins") || path.equals("/api/v2/pins/")) {
            return method.equals("POST") ? createPin(ex, query) : error(405, 1000, "Method not allowed");
        }
        Matcher m = PIN_PATH.matcher(path);
        if (m.matches()) {
            return method.equals("GET") ? checkPin(ex, m.group(1)) : error(405, 1000, "Method not allowed");
        }
        if (path.equals("/api/v2/user")) {
            return method.equals("GET") ? user(ex, query) : error(405, 1000, "Method not allowed");
        }
        return error(404, 1002, "Not found");
    }

    private Reply createPin(HttpExchange ex, String query) {
        String clientId = header(ex, "X-Plex-Client-Identifier");
        if (clientId == null) {
            return error(400, 1000, "X-Plex-Client-Identifier is missing");
        }
        boolean strong = queryParam(query, "strong").map(v -> v.equals("true") || v.equals("1")).orElse(false);
        String product = Optional.ofNullable(header(ex, "X-Plex-Product")).orElse("Plex Web");
        Pin p;
        synchronized (this) {
            Instant now = clock.instant();
            p = new Pin(nextId++, strong ? code(ALPHABET, 25) : code(SHORT_ALPHABET, 4), clientId, product, strong,
                    now, now.plus(pinLifetime));
            pins.put(p.id, p);
            created++;
            return new Reply(201, json(pinJson(p, now)), Map.of());
        }
    }

    private synchronized Reply checkPin(HttpExchange ex, String rawId) {
        String clientId = header(ex, "X-Plex-Client-Identifier");
        if (clientId == null) {
            return error(400, 1000, "X-Plex-Client-Identifier is missing");
        }
        polls++;
        Instant now = clock.instant();
        Pin p;
        try {
            p = pins.get(Long.parseLong(rawId));
        } catch (NumberFormatException e) {
            p = null;
        }
        if (p == null || !p.clientIdentifier.equals(clientId) || !now.isBefore(p.expiresAt)) {
            return error(404, 1020, "Code not found or expired");
        }
        p.polls++;
        Instant last = p.lastPoll;
        p.lastPoll = now;
        if (last != null && minPollInterval != null && !minPollInterval.isZero()) {
            Duration since = Duration.between(last, now);
            if (since.compareTo(minPollInterval) < 0) {
                rateLimited++;
                p.rateLimited++;
                Duration wait = minPollInterval.minus(since);
                return new Reply(429, "{\"errors\":[{\"code\":1003,\"message\":\"API rate limit exceeded\"}]}",
                        retryAfter(now, wait));
            }
        }
        return new Reply(200, json(pinJson(p, now)), Map.of());
    }

    private Map<String, String> retryAfter(Instant now, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return switch (retryAfterStyle) {
            case SECONDS -> Map.of("Retry-After", String.valueOf(seconds));
            case HTTP_DATE -> Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds + 1).atOffset(ZoneOffset.UTC)));
            case NONE -> Map.of();
        };
    }

    private Reply user(HttpExchange ex, String query) {
        synchronized (this) {
            userChecks++;
        }
        String given = Optional.ofNullable(header(ex, "X-Plex-Token")).or(() -> queryParam(query, "X-Plex-Token"))
                .orElse(null);
        if (given == null || !given.equals(token)) {
            return error(401, 1001, "User could not be authenticated");
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", 12345678);
        user.put("uuid", "0f1e2d3c4b5a6978");
        user.put("username", "sim-owner");
        user.put("title", "sim-owner");
        user.put("email", "owner@example.invalid");
        user.put("locale", null);
        user.put("emailOnlyAuth", false);
        user.put("hasPassword", true);
        user.put("protected", false);
        user.put("thumb", "https://plex.tv/users/0f1e2d3c4b5a6978/avatar");
        user.put("authToken", token);
        user.put("subscription", Map.of("active", true, "status", "Active", "plan", "lifetime"));
        return new Reply(200, json(user), Map.of());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Map<String, Object> pinJson(Pin p, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id);
        m.put("code", p.code);
        m.put("product", p.product);
        m.put("trusted", false);
        m.put("qr", "https://plex.tv/api/v2/pins/qr/" + p.code);
        m.put("clientIdentifier", p.clientIdentifier);
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("code", "NL");
        location.put("european_union_member", true);
        location.put("continent_code", "EU");
        location.put("country", "Netherlands");
        location.put("city", "Amsterdam");
        location.put("time_zone", "Europe/Amsterdam");
        location.put("postal_code", "1012");
        location.put("in_privacy_restricted_country", true);
        location.put("in_privacy_restricted_region", true);
        location.put("subdivisions", "North Holland");
        location.put("coordinates", "52.3740, 4.8897");
        m.put("location", location);
        m.put("expiresIn", Math.max(0, Duration.between(now, p.expiresAt).toSeconds()));
        m.put("createdAt", ISO.format(p.createdAt.truncatedTo(ChronoUnit.SECONDS)));
        m.put("expiresAt", ISO.format(p.expiresAt.truncatedTo(ChronoUnit.SECONDS)));
        m.put("authToken", isAuthorized(p, now) ? token : null);
        m.put("newRegistration", null);
        return m;
    }

    private boolean isAuthorized(Pin p, Instant now) {
        return p.authorized || (authorizeAfter != null && !now.isBefore(p.createdAt.plus(authorizeAfter)));
    }

    private Pin pin(long id) {
        Pin p = pins.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no PIN " + id);
        }
        return p;
    }

    private String code(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private Reply error(int status, int code, String message) {
        return new Reply(status, json(Map.of("errors", List.of(
                new LinkedHashMap<>(Map.of("code", code, "message", message, "status", status))))), Map.of());
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(HttpExchange ex, String name) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Optional<String> queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private record Reply(int status, String body, Map<String, String> headers) {
    }

    private static final class Pin {
        final long id;
        final String code;
        final String clientIdentifier;
        final String product;
        final boolean strong;
        final Instant createdAt;
        Instant expiresAt;
        boolean authorized;
        Instant lastPoll;
        int polls;
        int rateLimited;

        Pin(long id, String code, String clientIdentifier, String product, boolean strong, Instant createdAt,
                Instant expiresAt) {
            this.id = id;
            this.code = code;
            this.clientIdentifier = clientIdentifier;
            this.product = product;
            this.strong = strong;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
        }

        PinView view(boolean isAuthorized) {
            return new PinView(id, code, clientIdentifier, product, strong, createdAt, expiresAt, isAuthorized, polls,
                    rateLimited);
        }
    }

    /** Settings; every one has a default (authorise after 5 s, 1 s between polls, PINs live 30 minutes). */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration authorizeAfter = Duration.ofSeconds(5);
        private Duration minPollInterval = Duration.ofSeconds(1);
        private Duration pinLifetime = Duration.ofMinutes(30);
        private String token = "sim-plextv-token-0123456789";
        private RetryAfterStyle retryAfterStyle = RetryAfterStyle.SECONDS;
        private long seed = 42;

        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** Null: PINs are only authorised by {@link PlexTvServer#authorize}. */
        public Builder authorizeAfter(Duration v) {
            authorizeAfter = v;
            return this;
        }

        /** Null or zero: no rate limit. */
        public Builder minPollInterval(Duration v) {
            minPollInterval = v;
            return this;
        }

        public Builder pinLifetime(Duration v) {
            pinLifetime = Objects.requireNonNull(v, "pinLifetime");
            return this;
        }

        public Builder token(String v) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("token to issue is required");
            }
            token = v;
            return this;
        }

        public Builder retryAfter(RetryAfterStyle v) {
            retryAfterStyle = Objects.requireNonNull(v, "retryAfterStyle");
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public PlexTvServer start(String bindHost, int port) throws IOException {
            HttpServer http = HttpServer.create(new InetSocketAddress(bindHost, port), 32);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sim-plextv-http-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            PlexTvServer sim = new PlexTvServer(this, http, executor);
            http.createContext("/", sim::serve);
            http.setExecutor(executor);
            http.start();
            return sim;
        }
    }
}
