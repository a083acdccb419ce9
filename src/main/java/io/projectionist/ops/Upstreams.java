package io.projectionist.ops;

import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.PlexFormat;
import io.projectionist.plex.model.PlexServer;
import io.projectionist.support.SecretFiles;
import io.projectionist.tautulli.TautulliClient;
import io.projectionist.tautulli.TautulliException;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Clients for Tautulli and Plex built from the settings ({@code tautulli.*}, {@code plex.*}), and read-only probes
 * that tell "reachable and the key/token accepted" from "unreachable" and from "key/token refused". Shared by the
 * readiness checks, the {@code check} command and the stream policies. Plain Java.
 */
public final class Upstreams {

    /** What a probe found. */
    public enum Status {
        /** Reachable, and the key or token was accepted. */
        OK,
        /** No connection, or no answer in time. */
        UNREACHABLE,
        /** Reachable, but the API key or token was refused. */
        REJECTED,
        /** Reachable, but the answer was not what the API gives (wrong URL, a proxy page, a server error). */
        ERROR,
        /** Not configured (Plex without plex.url). */
        NOT_CONFIGURED
    }

    /** One probe's outcome: the status and a one-line description (never a secret). */
    public record Probe(String target, Status status, String detail) {
        public boolean ok() {
            return status == Status.OK || status == Status.NOT_CONFIGURED;
        }
    }

    private Upstreams() {
    }

    /** A lookup that treats blank values as absent. */
    public static Function<String, Optional<String>> nonBlank(Function<String, Optional<String>> lookup) {
        return k -> lookup.apply(k).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The Tautulli client of the settings; {@code timeout} (optional) caps connect and request timeouts. */
    public static TautulliClient tautulli(Function<String, Optional<String>> lookup, Duration timeout) {
        Function<String, Optional<String>> p = nonBlank(lookup);
        String url = p.apply("tautulli.url").orElseThrow(() -> new ConfigurationException(
                "tautulli.url (TAUTULLI_URL) is not set (Tautulli's base URL, e.g. http://nas:8181)"));
        String key = p.apply("tautulli.api-key").orElseGet(() -> p.apply("tautulli.api-key-file")
                .map(f -> read(f, "tautulli.api-key-file"))
                .orElseThrow(() -> new ConfigurationException(
                        "tautulli.api-key (TAUTULLI_API_KEY) is not set, nor tautulli.api-key-file")));
        Duration connect = cap(millis(p, "tautulli.connect-timeout", 10_000), timeout);
        Duration request = cap(millis(p, "tautulli.request-timeout", 30_000), timeout);
        HttpClient http = HttpClient.newBuilder().connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new TautulliClient(http, url, key, request, false);
    }

    /** The Plex client of the settings, or empty when {@code plex.url} is not set. */
    public static Optional<PlexClient> plex(Function<String, Optional<String>> lookup, Duration timeout) {
        Function<String, Optional<String>> p = nonBlank(lookup);
        Optional<String> url = p.apply("plex.url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String token = p.apply("plex.token").orElseGet(() -> p.apply("plex.token-file")
                .map(f -> read(f, "plex.token-file")).orElse(null));
        PlexClient.Builder b = PlexClient.builder().baseUrl(url.get()).token(token)
                .connectTimeout(cap(millis(p, "plex.connect-timeout", 10_000), timeout))
                .requestTimeout(cap(millis(p, "plex.request-timeout", 30_000), timeout));
        p.apply("plex.format").map(f -> PlexFormat.valueOf(f.toLowerCase(Locale.ROOT))).ifPresent(b::format);
        return Optional.of(b.build());
    }

    /**
     * Tautulli's cheapest authenticated command, {@code arnold}: it answers only when the API is reachable and the
     * key is accepted. With {@code details}, also asks {@code get_tautulli_info} (version) and
     * {@code server_status} (whether Tautulli reaches its Plex).
     */
    public static Probe probeTautulli(TautulliClient client, boolean details) {
        String target = client.apiUri().toString();
        try {
            client.call("arnold", Map.of());
        } catch (TautulliException e) {
            return new Probe(target, classify(e), describe(e));
        } catch (RuntimeException e) {
            return new Probe(target, Status.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        StringBuilder detail = new StringBuilder("reachable, API key accepted");
        if (details) {
            try {
                String version = client.call("get_tautulli_info", Map.of()).data().path("tautulli_version").asText("");
                if (!version.isEmpty()) {
                    detail.append(" (Tautulli ").append(version).append(')');
                }
                var connected = client.call("server_status", Map.of()).data().path("connected");
                detail.append("; Tautulli's own Plex connection: ").append(connected.isBoolean()
                        ? (connected.asBoolean() ? "connected" : "NOT connected") : "not tried yet");
            } catch (RuntimeException ignored) {
                // optional details: the probe itself passed
            }
        }
        return new Probe(target, Status.OK, detail.toString());
    }

    /** {@code GET /} with the token: answers only when Plex is reachable and the token is accepted. */
    public static Probe probePlex(PlexClient client) {
        String target = client.baseUrl();
        try {
            PlexServer s = client.server();
            return new Probe(target, Status.OK, "reachable, token accepted (" + nz(s.friendlyName(), "Plex")
                    + (s.version() == null ? "" : ", version " + s.version()) + ")");
        } catch (PlexException e) {
            Status status = switch (e.getKind()) {
                case UNAUTHORIZED, FORBIDDEN -> Status.REJECTED;
                case TIMEOUT, CONNECTION -> Status.UNREACHABLE;
                default -> Status.ERROR;
            };
            String what = status == Status.REJECTED
                    ? "token rejected (HTTP " + e.getStatusCode() + ") — check plex.token / PLEX_TOKEN (or plex.token-file)"
                    : status == Status.UNREACHABLE ? "unreachable: " + e.getMessage() + " — check plex.url / PLEX_URL"
                    : e.getMessage();
            return new Probe(target, status, what);
        } catch (RuntimeException e) {
            return new Probe(target, Status.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static Status classify(TautulliException e) {
        return switch (e.getKind()) {
            case INVALID_API_KEY -> Status.REJECTED;
            case UNREACHABLE, TIMEOUT -> Status.UNREACHABLE;
            default -> Status.ERROR;
        };
    }

    static String describe(TautulliException e) {
        return switch (e.getKind()) {
            case INVALID_API_KEY -> "API key rejected (" + nz(e.getServerMessage(), "Invalid apikey")
                    + ") — check tautulli.api-key / TAUTULLI_API_KEY (or tautulli.api-key-file)";
            case UNREACHABLE, TIMEOUT -> "unreachable: " + e.getMessage();
            default -> e.getMessage();
        };
    }

    private static String read(String file, String setting) {
        try {
            return SecretFiles.read(Path.of(file), setting).strip();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static Duration millis(Function<String, Optional<String>> p, String key, long fallback) {
        String v = p.apply(key).orElse(null);
        try {
            return Duration.ofMillis(v == null ? fallback : Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(Settings.describe(key) + " must be a number of milliseconds, not '"
                    + v + "'");
        }
    }

    private static Duration cap(Duration d, Duration max) {
        return max == null || d.compareTo(max) <= 0 ? d : max;
    }

    private static String nz(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
