package io.projectionist.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Helpers for simulator tests: fixed options, HTTP calls, fixtures. */
public final class SimTestSupport {

    public static final Instant ANCHOR = Instant.parse("2026-11-21T18:00:00Z");
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimTestSupport() {
    }

    public static SimulatorOptions options(int plays) {
        return SimulatorOptions.defaults().withPlays(plays).withAnchor(ANCHOR).withZone(ZoneId.of("UTC"));
    }

    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public JsonNode data() {
            return json().path("response").path("data");
        }

        public String result() {
            return json().path("response").path("result").asText();
        }

        public JsonNode message() {
            return json().path("response").path("message");
        }
    }

    public static String query(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    /** GET {url}{path}?{params}. */
    public static Reply get(String baseUrl, String path, Map<String, String> params) {
        String q = params.isEmpty() ? "" : "?" + query(params);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path + q)).GET().build());
    }

    /** GET /api/v2 with the simulator's key plus "k=v" pairs. */
    public static Reply api(Simulator sim, String... kv) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("apikey", sim.tautulliApiKey());
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return get(sim.tautulliUrl(), "/api/v2", p);
    }

    public static Reply post(String baseUrl, String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form))).build());
    }

    private static Reply send(HttpRequest req) {
        try {
            HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            return new Reply(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode fixture(String name) {
        try (InputStream in = SimTestSupport.class.getResourceAsStream("/fixtures/tautulli/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
