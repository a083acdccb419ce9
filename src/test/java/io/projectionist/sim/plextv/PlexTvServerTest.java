package io.projectionist.sim.plextv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.sim.SimClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class PlexTvServerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final String TOKEN = "issued-TOKEN-123";
    private static final String CLIENT = "test-client";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final SimClock clock = SimClock.fixed(T0);
    private PlexTvServer sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private PlexTvServer start(PlexTvServer.Builder b) throws Exception {
        sim = b.clock(clock).token(TOKEN).start("127.0.0.1", 0);
        return sim;
    }

    private HttpResponse<String> send(String method, String path, String clientId, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json")
                .header("X-Plex-Product", "Projectionist");
        if (clientId != null) {
            b.header("X-Plex-Client-Identifier", clientId);
        }
        if (token != null) {
            b.header("X-Plex-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode createPin() throws Exception {
        HttpResponse<String> rsp = send("POST", "/api/v2/pins?strong=true", CLIENT, null);
        assertThat(rsp.statusCode()).isEqualTo(201);
        return json.readTree(rsp.body());
    }

    @Test
    void createsPinsShapedLikePlexTv() throws Exception {
        start(PlexTvServer.builder().authorizeAfter(Duration.ofSeconds(5)).pinLifetime(Duration.ofMinutes(30)));
        JsonNode pin = createPin();
        assertThat(pin.get("id").asLong()).isEqualTo(1_000_000_001L);
        assertThat(pin.get("code").asText()).hasSize(25).matches("[a-z0-9]+");
        assertThat(pin.get("product").asText()).isEqualTo("Projectionist");
        assertThat(pin.get("trusted").asBoolean()).isFalse();
        assertThat(pin.get("clientIdentifier").asText()).isEqualTo(CLIENT);
        assertThat(pin.get("location").get("code").asText()).isNotBlank();
        assertThat(pin.get("expiresIn").asLong()).isEqualTo(1800);
        assertThat(pin.get("createdAt").asText()).isEqualTo("2025-03-01T12:00:00Z");
        assertThat(pin.get("expiresAt").asText()).isEqualTo("2025-03-01T12:30:00Z");
        assertThat(pin.has("authToken")).isTrue();
        assertThat(pin.get("authToken").isNull()).isTrue();
        assertThat(pin.get("newRegistration").isNull()).isTrue();
        assertThat(createPin().get("id").asLong()).isEqualTo(1_000_000_002L);
        assertThat(sim.createdCount()).isEqualTo(2);

        JsonNode shortPin = json.readTree(send("POST", "/api/v2/pins", CLIENT, null).body());
        assertThat(shortPin.get("code").asText()).hasSize(4);
    }

    @Test
    void refusesPinsWithoutClientIdentifier() throws Exception {
        start(PlexTvServer.builder());
        HttpResponse<String> rsp = send("POST", "/api/v2/pins?strong=true", null, null);
        assertThat(rsp.statusCode()).isEqualTo(400);
        assertThat(json.readTree(rsp.body()).get("errors").get(0).get("message").asText())
                .contains("X-Plex-Client-Identifier");
        assertThat(sim.createdCount()).isZero();
    }

    @Test
    void authorisesAfterTheDelayAndRateLimitsFastPolls() throws Exception {
        start(PlexTvServer.builder().authorizeAfter(Duration.ofSeconds(10)).minPollInterval(Duration.ofSeconds(2)));
        long id = createPin().get("id").asLong();
        String path = "/api/v2/pins/" + id;

        HttpResponse<String> first = send("GET", path, CLIENT, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json.readTree(first.body()).get("authToken").isNull()).isTrue();

        clock.advance(Duration.ofMillis(500));
        HttpResponse<String> tooSoon = send("GET", path, CLIENT, null);
        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(tooSoon.body()).isEqualTo("{\"errors\":[{\"code\":1003,\"message\":\"API rate limit exceeded\"}]}");
        assertThat(tooSoon.headers().firstValue("Retry-After")).hasValue("2"); // 1.5 s left, rounded up
        assertThat(sim.rateLimitedCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> ok = send("GET", path, CLIENT, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("authToken").isNull()).isTrue();
        assertThat(json.readTree(ok.body()).get("expiresIn").asLong()).isEqualTo(1797); // 2.5 s later

        clock.advance(Duration.ofSeconds(8)); // 10.5 s after creation
        JsonNode done = json.readTree(send("GET", path, CLIENT, null).body());
        assertThat(done.get("authToken").asText()).isEqualTo(TOKEN);
        assertThat(sim.pollCount()).isEqualTo(4);
        assertThat(sim.pinView(id)).hasValueSatisfying(p -> {
            assertThat(p.authorized()).isTrue();
            assertThat(p.rateLimited()).isEqualTo(1);
            assertThat(p.product()).isEqualTo("Projectionist");
        });
    }

    @Test
    void retryAfterAsHttpDateOrAbsent() throws Exception {
        start(PlexTvServer.builder().minPollInterval(Duration.ofSeconds(3))
                .retryAfter(PlexTvServer.RetryAfterStyle.HTTP_DATE));
        long id = createPin().get("id").asLong();
        send("GET", "/api/v2/pins/" + id, CLIENT, null);
        HttpResponse<String> rsp = send("GET", "/api/v2/pins/" + id, CLIENT, null);
        assertThat(rsp.statusCode()).isEqualTo(429);
        Instant at = ZonedDateTime.parse(rsp.headers().firstValue("Retry-After").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(at).isAfterOrEqualTo(T0.plusSeconds(3));
        sim.close();

        sim = PlexTvServer.builder().clock(clock).minPollInterval(Duration.ofSeconds(3))
                .retryAfter(PlexTvServer.RetryAfterStyle.NONE).start("127.0.0.1", 0);
        long id2 = createPin().get("id").asLong();
        send("GET", "/api/v2/pins/" + id2, CLIENT, null);
        HttpResponse<String> none = send("GET", "/api/v2/pins/" + id2, CLIENT, null);
        assertThat(none.statusCode()).isEqualTo(429);
        assertThat(none.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void manualAuthorisationAndExpiry() throws Exception {
        start(PlexTvServer.builder().authorizeAfter(null).minPollInterval(null).pinLifetime(Duration.ofMinutes(15)));
        long id = createPin().get("id").asLong();
        clock.advance(Duration.ofMinutes(10));
        assertThat(json.readTree(send("GET", "/api/v2/pins/" + id, CLIENT, null).body()).get("authToken").isNull()).isTrue();
        sim.authorize(id);
        assertThat(json.readTree(send("GET", "/api/v2/pins/" + id, CLIENT, null).body()).get("authToken").asText())
                .isEqualTo(TOKEN);
        clock.advance(Duration.ofMinutes(5));
        assertThat(send("GET", "/api/v2/pins/" + id, CLIENT, null).statusCode()).isEqualTo(404);

        long id2 = createPin().get("id").asLong();
        sim.expire(id2);
        HttpResponse<String> gone = send("GET", "/api/v2/pins/" + id2, CLIENT, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("Code not found or expired");
    }

    @Test
    void unknownPinsAndOtherClientsPinsAre404() throws Exception {
        start(PlexTvServer.builder().authorizeAfter(Duration.ZERO));
        long id = createPin().get("id").asLong();
        assertThat(send("GET", "/api/v2/pins/999", CLIENT, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v2/pins/abc", CLIENT, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v2/pins/" + id, "someone-else", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v2/pins/" + id, null, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v2/pins/" + id, CLIENT, null).statusCode()).isEqualTo(200);
    }

    @Test
    void userEndpointAcceptsOnlyTheIssuedToken() throws Exception {
        start(PlexTvServer.builder());
        HttpResponse<String> ok = send("GET", "/api/v2/user", CLIENT, TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("authToken").asText()).isEqualTo(TOKEN);
        assertThat(send("GET", "/api/v2/user", CLIENT, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v2/user", CLIENT, null).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.url() + "/api/v2/user?X-Plex-Token=" + TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(sim.userCheckCount()).isEqualTo(4);
    }

    @Test
    void staticStartUsesTheGivenSettings() throws Exception {
        sim = PlexTvServer.start("127.0.0.1", 0, Duration.ZERO, Duration.ZERO, "tok-xyz");
        assertThat(sim.url()).startsWith("http://127.0.0.1:");
        assertThat(sim.token()).isEqualTo("tok-xyz");
        long id = createPin().get("id").asLong();
        assertThat(json.readTree(send("GET", "/api/v2/pins/" + id, CLIENT, null).body()).get("authToken").asText())
                .isEqualTo("tok-xyz");
        assertThat(send("GET", "/api/v2/pins/" + id, CLIENT, null).statusCode()).isEqualTo(200); // no rate limit
    }
}
