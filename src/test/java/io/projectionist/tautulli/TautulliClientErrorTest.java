package io.projectionist.tautulli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.projectionist.tautulli.TautulliException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.Arrays;

/** Every error form Tautulli (or what stands in front of it) produces, mapped to a clear, keyless exception. */
class TautulliClientErrorTest {

    static WireMockServer server;
    TautulliClient client;

    @BeforeAll
    static void startServer() {
        server = TautulliFixtures.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        client = new TautulliClient(HttpClient.newHttpClient(), server.baseUrl(), TautulliFixtures.KEY,
                Duration.ofMillis(800), false);
    }

    private TautulliException fail(String cmd) {
        return fail(cmd, Map.of());
    }

    private TautulliException fail(String cmd, Map<String, String> params) {
        TautulliException e = catchThrowableOfType(TautulliException.class, () -> client.callTyped(cmd, params));
        assertThat(e).as("expected a TautulliException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(TautulliFixtures.KEY).startsWith("Tautulli " + cmd + " failed: ");
        return e;
    }

    @Test
    void invalidKeyIsA400ThatNamesTheSetting() {
        TautulliFixtures.serve(server, "arnold", "error_invalid_apikey.json", 400);
        TautulliException e = fail("arnold");
        assertThat(e.getKind()).isEqualTo(Kind.INVALID_API_KEY);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Invalid apikey").contains("TAUTULLI_API_KEY");
    }

    @Test
    void missingKey() {
        TautulliFixtures.serve(server, "arnold", "error_missing_apikey.json", 400);
        TautulliException e = fail("arnold");
        assertThat(e.getKind()).isEqualTo(Kind.INVALID_API_KEY);
        assertThat(e.getServerMessage()).isEqualTo("Parameter apikey is required");
    }

    @Test
    void missingAndUnknownCommandsAreNotRetriedAndAbbreviated() {
        TautulliFixtures.serve(server, "foo", "error_unknown_cmd.json", 400);
        TautulliException unknown = fail("foo");
        assertThat(unknown.getKind()).isEqualTo(Kind.API_ERROR);
        assertThat(unknown.isRetryable()).isFalse();
        assertThat(unknown.getMessage()).contains("Unknown command: foo").hasSizeLessThan(500);
        server.resetAll();
        TautulliFixtures.serve(server, "", "error_missing_cmd.json", 400);
        TautulliException missing = fail("");
        assertThat(missing.getServerMessage()).startsWith("Parameter cmd is required");
    }

    @Test
    void missingParameterHasNoServerMessageSoTheErrorNamesWhatWasSent() {
        TautulliFixtures.serve(server, "get_user", "error_missing_param.json", 400);
        TautulliException e = fail("get_user", Map.of("include_last_seen", "1"));
        assertThat(e.getServerMessage()).isNull();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("no message").contains("include_last_seen");
    }

    @Test
    void exceptionInsideACommandIsA500AndRetryable() {
        TautulliFixtures.serve(server, "get_history", "error_exception_500.json", 500);
        TautulliException e = fail("get_history", Map.of("start", "abc"));
        assertThat(e.getKind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("Check the logs for errors");
    }

    @Test
    void debugModeCherryPyBodyIsReadToo() {
        TautulliFixtures.serve(server, "get_history", "error_exception_500_debug.json", 500);
        TautulliException e = fail("get_history");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getServerMessage()).contains("unexpected condition");
    }

    @Test
    void nonV2PathAnswers200WithAnError() {
        TautulliFixtures.serve(server, "arnold", "error_api_v1.json", 200);
        TautulliException e = fail("arnold");
        assertThat(e.getKind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("/api/v2").contains("tautulli.url");
    }

    @Test
    void htmlInsteadOfJsonIsAClearError() {
        server.stubFor(TautulliFixtures.command("get_activity").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>Organizr - Login</title></head><body>…</body></html>")));
        TautulliException e = fail("get_activity");
        assertThat(e.getKind()).isEqualTo(Kind.NOT_JSON);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("HTML page titled 'Organizr - Login'").contains("tautulli.url")
                .doesNotContain("Jackson").doesNotContain("Unrecognized token");
    }

    @Test
    void gatewayErrorPageIsRetryable() {
        server.stubFor(TautulliFixtures.command("get_activity").willReturn(aResponse().withStatus(502)
                .withBody("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")));
        TautulliException e = fail("get_activity");
        assertThat(e.getKind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("502 Bad Gateway");
    }

    @Test
    void truncatedBodyIsRetryableAndSaysSo() {
        byte[] full = TautulliFixtures.fixture("get_history.json");
        byte[] cut = Arrays.copyOf(full, full.length / 2);
        server.stubFor(TautulliFixtures.command("get_history").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(cut)));
        TautulliException e = fail("get_history");
        assertThat(e.getKind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("truncated");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        server.stubFor(TautulliFixtures.command("get_history").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("")));
        TautulliException e = fail("get_history");
        assertThat(e.getKind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void notFoundAndProxyRefusals() {
        server.stubFor(TautulliFixtures.command("arnold").willReturn(aResponse().withStatus(404)
                .withBody("<html><head><title>404 Not Found</title></head></html>")));
        TautulliException nf = fail("arnold");
        assertThat(nf.isRetryable()).isFalse();
        assertThat(nf.getMessage()).contains("tautulli.url");
        server.resetAll();
        server.stubFor(TautulliFixtures.command("arnold").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"auth\"}")));
        TautulliException auth = fail("arnold");
        assertThat(auth.getKind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(auth.isRetryable()).isFalse();
    }

    @Test
    void timeoutIsRetryableAndNamesTheSetting() {
        server.stubFor(TautulliFixtures.command("get_activity").willReturn(aResponse().withStatus(200)
                .withFixedDelay(3000).withBody(TautulliFixtures.fixture("get_activity.json"))));
        TautulliException e = fail("get_activity");
        assertThat(e.getKind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("request-timeout");
        // the user's setting, not the component option it is mapped to
        assertThat(e.getMessage()).contains("tautulli.request-timeout (TAUTULLI_REQUEST_TIMEOUT)")
                .doesNotContain("camel.component");
    }

    @Test
    void connectionResetIsRetryable() {
        server.stubFor(TautulliFixtures.command("get_activity")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TautulliException e = fail("get_activity");
        assertThat(e.getKind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void refusedConnectionNamesTheUrlSetting() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TautulliClient down = new TautulliClient(HttpClient.newHttpClient(), "http://127.0.0.1:" + port,
                TautulliFixtures.KEY, Duration.ofSeconds(2), true);
        TautulliException e = catchThrowableOfType(TautulliException.class, () -> down.callTyped("arnold", Map.of()));
        assertThat(e.getKind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("TAUTULLI_URL")
                .doesNotContain(TautulliFixtures.KEY);
    }

    @Test
    void keyTravelsInTheFormBodyNotTheUrl() {
        TautulliFixtures.serve(server, "arnold", "arnold.json");
        client.callTyped("arnold", Map.of());
        server.verify(postRequestedFor(urlPathEqualTo("/api/v2"))
                .withRequestBody(WireMock.containing("apikey=" + TautulliFixtures.KEY)));
        assertThat(server.getAllServeEvents()).allSatisfy(ev ->
                assertThat(ev.getRequest().getUrl()).doesNotContain(TautulliFixtures.KEY));
    }

    @Test
    void baseUrlMayCarryAnHttpRootOrTheApiPath() {
        assertThat(TautulliClient.apiUri("http://nas:8181/tautulli/").toString())
                .isEqualTo("http://nas:8181/tautulli/api/v2");
        assertThat(TautulliClient.apiUri("http://nas:8181/api/v2").toString()).isEqualTo("http://nas:8181/api/v2");
    }
}
