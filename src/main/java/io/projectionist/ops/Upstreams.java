package io.projectionist.ops;

import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.model.PlexServer;
import io.projectionist.plex.PlexComponent;
import io.projectionist.tautulli.TautulliClient;
import io.projectionist.tautulli.TautulliComponent;
import io.projectionist.tautulli.TautulliException;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The clients of the {@code tautulli} and {@code plex} components for callers outside a route, and read-only probes
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

    /**
     * The {@code tautulli} component's client ({@link TautulliComponent#client()}): the one every caller outside a
     * route uses. A context that Camel Main did not configure (a command's) gets the component bound from the
     * {@code camel.component.tautulli.*} settings first, as Main would.
     *
     * @throws ConfigurationException when the URL or the key is missing or malformed
     */
    public static TautulliClient tautulli(CamelContext context) {
        try {
            return component(context, "tautulli", TautulliComponent.class).client();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** The {@code plex} component's client ({@link PlexComponent#client()}), or empty when {@code plex.url} is not set. */
    public static Optional<PlexClient> plex(CamelContext context) {
        if (nonBlank(context.getPropertiesComponent()::resolveProperty).apply("plex.url").isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(component(context, "plex", PlexComponent.class).client());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** Component option ← setting, as application.properties maps them ({@code camel.component.*} wins). */
    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "tautulli", Map.of("baseUrl", "tautulli.url", "apiKey", "tautulli.api-key",
                    "apiKeyFile", "tautulli.api-key-file", "connectTimeout", "tautulli.connect-timeout",
                    "requestTimeout", "tautulli.request-timeout"),
            "plex", Map.of("baseUrl", "plex.url", "token", "plex.token", "tokenFile", "plex.token-file",
                    "connectTimeout", "plex.connect-timeout", "requestTimeout", "plex.request-timeout",
                    "format", "plex.format"));

    /** The component of a scheme; bound from {@code camel.component.<scheme>.*} when the context had none yet. */
    static <T extends Component> T component(CamelContext context, String scheme, Class<T> type) {
        boolean fresh = context.hasComponent(scheme) == null;
        T component = context.getComponent(scheme, type);
        if (fresh) {
            PropertiesComponent pc = context.getPropertiesComponent();
            String prefix = "camel.component." + scheme + ".";
            Map<String, Object> options = new LinkedHashMap<>();
            // the settings application.properties maps onto the component, for contexts without that file
            SETTINGS.getOrDefault(scheme, Map.of()).forEach((option, setting) -> pc.resolveProperty(setting)
                    .map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> options.put(option, v)));
            for (String key : pc.loadProperties(k -> k.startsWith(prefix)).stringPropertyNames()) {
                pc.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v ->
                        options.put(StringHelper.dashToCamelCase(key.substring(prefix.length())), v));
            }
            PropertyBindingSupport.build().withCamelContext(context).withTarget(component).withIgnoreCase(true)
                    .withProperties(options).bind();
        }
        return component;
    }

    /** A quick probe's timeout: the client's own, capped. */
    public static Duration capped(Duration timeout, Duration cap) {
        return cap == null || (timeout != null && timeout.compareTo(cap) <= 0) ? timeout : cap;
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

    private static String nz(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
