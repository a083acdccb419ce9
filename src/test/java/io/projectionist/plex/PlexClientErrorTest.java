package io.projectionist.plex;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import io.projectionist.plex.PlexException.Kind;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.projectionist.plex.PlexTestSupport.TOKEN;
import static io.projectionist.plex.PlexTestSupport.client;
import static io.projectionist.plex.PlexTestSupport.htmlError;
import static io.projectionist.plex.PlexTestSupport.json;
import static io.projectionist.plex.PlexTestSupport.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

class PlexClientErrorTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private PlexClient plex() {
        return client(wm.baseUrl(), PlexFormat.xml).build();
    }

    /** Runs a call that must fail and checks what every PlexException must satisfy. */
    private static PlexException fails(Executable call) {
        PlexException e = assertThrows(PlexException.class, call);
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        assertThat(e.toString()).doesNotContain(TOKEN);
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
        }
        return e;
    }

    @Test
    void unauthorized() {
        wm.stubFor(get("/library/sections").willReturn(htmlError(401, "Unauthorized")));
        PlexException e = fails(() -> plex().sections());
        assertThat(e.getMessage()).isEqualTo("Plex rejected the token (HTTP 401) for GET /library/sections: "
                + "run `projectionist login` or set PLEX_TOKEN");
        assertThat(e.getKind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMethod()).isEqualTo("GET");
        assertThat(e.getPath()).isEqualTo("/library/sections");
        assertThat(e.getOperation()).isEqualTo("sections");
    }

    @Test
    void unauthorizedWithoutAnyToken() {
        wm.stubFor(get("/library/sections").willReturn(htmlError(401, "Unauthorized")));
        PlexException e = fails(() -> PlexClient.builder().baseUrl(wm.baseUrl()).build().sections());
        assertThat(e.getMessage()).contains("none is configured").contains("PLEX_TOKEN");
        assertThat(e.getKind()).isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void forbiddenForANonOwnerToken() {
        wm.stubFor(put(urlPathEqualTo("/hubs/sections/1/manage/x/move")).willReturn(aResponse().withStatus(403)));
        PlexException e = fails(() -> plex().moveHub("1", "x", null));
        assertThat(e.getKind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(e.getMessage()).contains("the token is not the server owner's (admin) token")
                .contains("PUT /hubs/sections/1/manage/x/move");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getOperation()).isEqualTo("hubs.move");
    }

    @Test
    void notFound() {
        wm.stubFor(get(urlPathEqualTo("/library/collections/5/children")).willReturn(htmlError(404, "Not Found")));
        PlexException e = fails(() -> plex().collectionItems("5"));
        assertThat(e).isInstanceOf(PlexNotFoundException.class);
        assertThat(e.getKind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("GET /library/collections/5/children").contains("404");
    }

    @Test
    void badRequestDescribesTheHtmlPage() {
        wm.stubFor(aDelete("/hubs/sections/1/manage/movie.genre").willReturn(htmlError(400, "Bad Request")));
        PlexException e = fails(() -> plex().removeHub("1", "movie.genre"));
        assertThat(e.getKind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("HTTP 400").contains("DELETE /hubs/sections/1/manage/movie.genre")
                .contains("an HTML page titled 'Bad Request'");
    }

    private static MappingBuilder aDelete(String url) {
        return WireMock.delete(url);
    }

    @Test
    void rateLimitedCarriesRetryAfterSeconds() {
        wm.stubFor(get("/status/sessions").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        PlexException e = fails(() -> plex().sessions());
        assertThat(e.getKind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("retry after 30 s");
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(120));
        wm.stubFor(get("/status/sessions").willReturn(aResponse().withStatus(503).withHeader("Retry-After", date)));
        PlexException e = fails(() -> plex().sessions());
        assertThat(e.getKind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getRetryAfter()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
    }

    @Test
    void serverErrorIsRetryable() {
        wm.stubFor(get("/library/sections").willReturn(htmlError(500, "Internal Server Error")));
        PlexException e = fails(() -> plex().sections());
        assertThat(e.getKind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getRetryAfter()).isNull();
        assertThat(e.getMessage()).contains("HTTP 500").contains("'Internal Server Error'");
    }

    @Test
    void timeoutIsRetryable() {
        wm.stubFor(get("/library/sections").willReturn(xml("<MediaContainer size=\"0\"/>").withFixedDelay(2000)));
        PlexClient slow = client(wm.baseUrl(), PlexFormat.xml).requestTimeout(Duration.ofMillis(200)).build();
        PlexException e = fails(slow::sections);
        assertThat(e.getKind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getStatusCode()).isZero();
        assertThat(e.getMessage()).contains("200 ms").contains("GET /library/sections");
    }

    @Test
    void connectionRefusedIsRetryable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PlexClient down = client("http://127.0.0.1:" + port, PlexFormat.xml).build();
        PlexException e = fails(down::sessions);
        assertThat(e.getKind()).isEqualTo(Kind.CONNECTION);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("GET /status/sessions");
    }

    @Test
    void connectionResetIsRetryable() {
        wm.stubFor(get("/status/sessions").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        PlexException e = fails(() -> plex().sessions());
        assertThat(e.getKind()).isEqualTo(Kind.CONNECTION);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void htmlWithStatus200IsAClearError() {
        wm.stubFor(get("/library/sections").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>Sign in - Proxy</title></head><body>login " + TOKEN + "</body></html>")));
        PlexException e = fails(() -> plex().sections());
        assertThat(e.getKind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("GET /library/sections").contains("'Sign in - Proxy'")
                .doesNotContain("Jackson").doesNotContain("Exception");
    }

    @Test
    void truncatedXmlIsAClearRetryableError() {
        wm.stubFor(get("/library/sections").willReturn(xml("<MediaContainer size=\"2\"><Directory key=\"1\" title=\"Mov")));
        PlexException e = fails(() -> plex().sections());
        assertThat(e.getKind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).startsWith("Plex answered GET /library/sections with malformed or truncated XML");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void truncatedJsonIsAClearRetryableError() {
        wm.stubFor(get("/library/sections").willReturn(json("{\"MediaContainer\":{\"size\":2,\"Directory\":[{\"key\":\"1\"")));
        PlexException e = fails(() -> client(wm.baseUrl(), PlexFormat.json).build().sections());
        assertThat(e.getKind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("malformed or truncated JSON").doesNotContain("com.fasterxml");
    }

    @Test
    void emptyBodyAndWrongRootAreErrors() {
        wm.stubFor(get("/library/sections").willReturn(xml("")));
        assertThat(fails(() -> plex().sections()).getMessage()).contains("empty body");
        wm.stubFor(get("/library/sections").willReturn(xml("<Response code=\"1\"/>")));
        assertThat(fails(() -> plex().sections()).getMessage()).contains("<Response>");
        wm.stubFor(get("/library/sections").willReturn(json("{\"errors\":[]}")));
        assertThat(fails(() -> plex().sections()).getMessage()).contains("without a MediaContainer");
    }

    @Test
    void anErrorInsideAMetadataBatchOtherThan404Propagates() {
        wm.stubFor(get(urlPathEqualTo("/library/metadata/1,2")).willReturn(htmlError(500, "Internal Server Error")));
        PlexException e = fails(() -> plex().metadata(List.of("1", "2")));
        assertThat(e.getKind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.getOperation()).isEqualTo("metadata");
    }
}
