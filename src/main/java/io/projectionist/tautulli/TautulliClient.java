package io.projectionist.tautulli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.support.Json;
import io.projectionist.support.HttpTransport;
import io.projectionist.support.ResponseBodies;
import io.projectionist.support.RetryAfterDelay;
import io.projectionist.tautulli.TautulliException.Kind;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import io.projectionist.tautulli.model.HistoryPage;

/**
 * Calls Tautulli's API v2. Plain Java, no Camel types, so it is reused by the launcher's checks and tested on its
 * own. The API key travels in a POST form body (Tautulli accepts POST for every command), so it never appears in
 * a URL, a proxy access log or an exception message.
 */
public class TautulliClient {

    /** The result of a successful call: the envelope's message and data. */
    public record Response(String command, String message, JsonNode data) {
    }

    private static final int MAX_SERVER_MESSAGE = 300;

    private final HttpTransport transport;
    private final URI apiUri;
    private final String apiKey;
    private final Duration requestTimeout;
    private final boolean useGet;
    private final ObjectMapper mapper = Json.snakeCase();

    /**
     * @param baseUrl Tautulli's base URL including any HTTP root, e.g. {@code http://nas:8181/tautulli}; a URL that
     *                already ends in {@code /api/v2} is accepted as is
     */
    public TautulliClient(HttpClient http, String baseUrl, String apiKey, Duration requestTimeout, boolean useGet) {
        this(HttpTransport.of(Objects.requireNonNull(http), Map.of("Accept", "application/json"), requestTimeout,
                HttpTransport.listeners()), baseUrl, apiKey, useGet);
    }

    private TautulliClient(HttpTransport transport, String baseUrl, String apiKey, boolean useGet) {
        this.transport = transport;
        this.apiUri = apiUri(baseUrl);
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.requestTimeout = transport.requestTimeout();
        this.useGet = useGet;
    }

    private TautulliClient(TautulliClient src, HttpTransport transport) {
        this.transport = transport;
        this.apiUri = src.apiUri;
        this.apiKey = src.apiKey;
        this.requestTimeout = transport.requestTimeout();
        this.useGet = src.useGet;
    }

    /** This client with another request timeout (a quick probe); same connections. */
    public TautulliClient withRequestTimeout(Duration timeout) {
        return new TautulliClient(this, transport.withRequestTimeout(timeout));
    }

    static URI apiUri(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.endsWith("/api/v2")) {
            base = base + "/api/v2";
        }
        return URI.create(base);
    }

    /** The request timeout; null = none. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The API URL (no key in it), for messages. */
    public URI apiUri() {
        return apiUri;
    }

    /** Envelope bound straight to the history page: the hot path of ingestion skips the JSON tree. */
    record HistoryEnvelope(Body response) {
        record Body(String result, String message, HistoryPage data) {
        }
    }

    /** Calls a command and decodes its data into the command's record type (see {@link TautulliCommands}). */
    public Object callTyped(String command, Map<String, String> params) {
        if ("get_history".equals(command)) {
            HttpResponse<byte[]> rsp = send(command, params);
            if (rsp.statusCode() == 200) {
                try {
                    HistoryEnvelope env = mapper.readValue(rsp.body(), HistoryEnvelope.class);
                    if (env.response() != null && "success".equals(env.response().result())
                            && env.response().data() != null) {
                        return env.response().data();
                    }
                } catch (IOException notTheUsualShape) {
                    // fall through: the general path explains what is wrong
                }
            }
            return decode(interpret(command, params, rsp.statusCode(),
                    rsp.headers().firstValue("Retry-After").orElse(null), rsp.body()), params);
        }
        return decode(call(command, params), params);
    }

    /** Decodes a successful response into the command's record type. */
    public Object decode(Response rsp, Map<String, String> params) {
        try {
            return TautulliCommands.decode(mapper, rsp.command(), params, rsp.message(), rsp.data());
        } catch (IOException | IllegalArgumentException e) {
            throw new TautulliException(rsp.command(), 200, Kind.NOT_JSON, false, null, null,
                    "the response data does not have the shape of " + rsp.command() + ": " + e.getMessage(), e);
        }
    }

    /** Calls a command and returns the envelope's message and data, or throws a {@link TautulliException}. */
    public Response call(String command, Map<String, String> params) {
        HttpResponse<byte[]> rsp = send(command, params);
        return interpret(command, params, rsp.statusCode(), rsp.headers().firstValue("Retry-After").orElse(null),
                rsp.body());
    }

    private HttpResponse<byte[]> send(String command, Map<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("apikey", apiKey);
        form.put("cmd", command);
        params.forEach((k, v) -> {
            if (v != null) {
                form.put(k, v);
            }
        });
        String encoded = encode(form);
        HttpRequest.Builder req = HttpRequest.newBuilder();
        if (useGet) {
            req.uri(URI.create(apiUri + "?" + encoded)).GET();
        } else {
            req.uri(apiUri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encoded));
        }
        try {
            return transport.send(command, req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTransport.NoAnswerException e) {
            Throwable cause = e.getCause();
            throw switch (e.failure()) {
                case CONNECT_TIMEOUT, TIMEOUT -> new TautulliException(command, 0, Kind.TIMEOUT, true, null, null,
                        "no answer from " + apiUri + " within " + requestTimeout.toMillis()
                                + " ms; see tautulli.request-timeout (TAUTULLI_REQUEST_TIMEOUT)", null);
                case REFUSED -> new TautulliException(command, 0, Kind.UNREACHABLE, true, null, null,
                        "cannot connect to " + apiUri + " (" + scrub(String.valueOf(cause.getMessage())) + ")"
                                + " — check tautulli.url / TAUTULLI_URL", null);
                case IO -> new TautulliException(command, 0, Kind.UNREACHABLE, true, null, null,
                        "connection to " + apiUri + " failed (" + cause.getClass().getSimpleName() + ": "
                                + scrub(String.valueOf(cause.getMessage())) + ")", null);
                case INTERRUPTED -> new TautulliException(command, 0, Kind.UNREACHABLE, true, null, null,
                        "interrupted", cause);
            };
        }
    }

    /** Applies Tautulli's status and envelope rules to one response. Package-private for tests. */
    Response interpret(String command, Map<String, String> params, int status, String retryAfterHeader,
                       byte[] bodyBytes) {
        String body = new String(bodyBytes, StandardCharsets.UTF_8);
        Duration retryAfter = RetryAfterDelay.parse(retryAfterHeader);
        JsonNode root;
        try {
            root = body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonEOFException e) {
            throw new TautulliException(command, status, Kind.TRUNCATED, true, null, retryAfter,
                    "HTTP " + status + " with a truncated JSON body (" + bodyBytes.length + " bytes, "
                            + jsonProblem(e) + ")", null);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw notJson(command, status, retryAfter, body);
        }
        JsonNode envelope = root.get("response");
        String serverMessage = text(envelope == null ? root.get("message") : envelope.get("message"));
        if (status >= 500) {
            // an exception inside the command (or CherryPy's debug body): worth another try
            throw new TautulliException(command, status, status == 500 ? Kind.SERVER_ERROR : Kind.UNAVAILABLE, true,
                    serverMessage, retryAfter, "HTTP " + status + " — " + quote(serverMessage), null);
        }
        if (status != 200 && status != 400) {
            throw httpStatus(command, status, retryAfter, body);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new TautulliException(command, status, Kind.NOT_JSON, false, serverMessage, retryAfter,
                    "HTTP " + status + " with JSON that is not Tautulli's {\"response\": …} envelope: "
                            + ResponseBodies.describe(body), null);
        }
        String result = text(envelope.get("result"));
        if (status == 200 && "success".equals(result)) {
            JsonNode data = envelope.get("data");
            return new Response(command, serverMessage, data == null ? mapper.createObjectNode() : data);
        }
        throw apiError(command, params, status, serverMessage, retryAfter);
    }

    private TautulliException apiError(String command, Map<String, String> params, int status, String message,
                                       Duration retryAfter) {
        if (message == null) {
            // Tautulli's answer to a missing required parameter or a failed lookup
            return new TautulliException(command, status, Kind.API_ERROR, false, null, retryAfter,
                    "HTTP " + status + ", Tautulli gave no message (usually a missing or invalid parameter; sent: "
                            + (params.isEmpty() ? "no parameters" : String.join(", ", params.keySet())) + ")", null);
        }
        if (message.startsWith("Invalid apikey") || message.startsWith("Parameter apikey is required")) {
            return new TautulliException(command, status, Kind.INVALID_API_KEY, false, message, retryAfter,
                    "HTTP " + status + " — " + quote(message) + ": check tautulli.api-key / TAUTULLI_API_KEY", null);
        }
        if (message.startsWith("Please use the /api/v2 endpoint")) {
            return new TautulliException(command, status, Kind.NOT_FOUND, false, message, retryAfter,
                    "HTTP " + status + " — " + quote(message) + ": check tautulli.url", null);
        }
        return new TautulliException(command, status, Kind.API_ERROR, false, message, retryAfter,
                "HTTP " + status + " — " + quote(message), null);
    }

    private TautulliException notJson(String command, int status, Duration retryAfter, String body) {
        boolean transientStatus = status == 429 || status >= 500;
        String hint = status == 200 || status == 404
                ? ": check that tautulli.url is Tautulli's base URL (including any HTTP root)" : "";
        return new TautulliException(command, status, transientStatus ? Kind.UNAVAILABLE : Kind.NOT_JSON,
                transientStatus, null, retryAfter,
                "HTTP " + status + " with " + ResponseBodies.describe(body) + " instead of JSON" + hint, null);
    }

    private TautulliException httpStatus(String command, int status, Duration retryAfter, String body) {
        return switch (status) {
            case 401, 403 -> new TautulliException(command, status, Kind.FORBIDDEN, false, null, retryAfter,
                    "HTTP " + status + " from " + apiUri + " (Tautulli itself answers 400 for a bad key; "
                            + "something in front of it refused the request)", null);
            case 404 -> new TautulliException(command, status, Kind.NOT_FOUND, false, null, retryAfter,
                    "HTTP 404 at " + apiUri + ": check tautulli.url", null);
            case 429 -> new TautulliException(command, status, Kind.UNAVAILABLE, true, null, retryAfter,
                    "HTTP 429 (rate limited)" + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds()
                            + " s"), null);
            default -> new TautulliException(command, status, Kind.API_ERROR, false, null, retryAfter,
                    "unexpected HTTP " + status + ": " + ResponseBodies.describe(body), null);
        };
    }

    private String scrub(String message) {
        return apiKey.isEmpty() ? message : message.replace(apiKey, "xxxxxx");
    }

    private static String encode(Map<String, String> form) {
        StringJoiner j = new StringJoiner("&");
        form.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String quote(String serverMessage) {
        return serverMessage == null ? "no message"
                : "'" + ResponseBodies.abbreviate(serverMessage, MAX_SERVER_MESSAGE) + "'";
    }

    private static String jsonProblem(IOException e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return ResponseBodies.abbreviate(String.valueOf(m).replaceAll("\\s+", " "), 160);
    }
}
