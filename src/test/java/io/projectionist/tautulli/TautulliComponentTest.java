package io.projectionist.tautulli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.HomeStat;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.projectionist.tautulli.model.GraphData;

/** The component as routes use it: options, headers, polling with Quartz, validation and masking. */
class TautulliComponentTest extends CamelTestSupport {

    static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = TautulliFixtures.start();
        TautulliFixtures.serve(server, "get_activity", "get_activity_live.json");
        TautulliFixtures.serve(server, "get_home_stats", "get_home_stats_single.json");
        TautulliFixtures.serve(server, "get_history", "get_history.json");
        TautulliFixtures.serve(server, "get_plays_by_date", "get_plays_by_date.json");
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TautulliComponent tautulli = new TautulliComponent();
        tautulli.setBaseUrl(server.baseUrl());
        tautulli.setApiKey(TautulliFixtures.KEY);
        context.addComponent("tautulli", tautulli);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("tautulli:activity?scheduler=quartz&scheduler.cron=0/1 * * * * ?").routeId("poll")
                        .to("mock:snapshots");
                from("direct:stats").to("tautulli:get_home_stats?statId=top_platforms&timeRange=7&statsCount=2");
                from("direct:any").to("tautulli:get_history?length=50&grouping=0&param.include_activity=0");
            }
        };
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static Map<String, String> lastFormFor(String cmd) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/api/v2")));
        for (int i = requests.size() - 1; i >= 0; i--) {
            Map<String, String> f = form(requests.get(i));
            if (cmd.equals(f.get("cmd"))) {
                return f;
            }
        }
        throw new AssertionError("no request for " + cmd);
    }

    @Test
    void quartzScheduledConsumerEmitsOneTypedSnapshotPerPoll() throws Exception {
        MockEndpoint snapshots = getMockEndpoint("mock:snapshots");
        snapshots.expectedMinimumMessageCount(3);
        snapshots.assertIsSatisfied(15_000);
        Exchange first = snapshots.getExchanges().get(0);
        Activity activity = first.getMessage().getBody(Activity.class);
        assertThat(activity.sessions()).hasSize(3);
        assertThat(first.getMessage().getHeader(TautulliConstants.RESULT_COMMAND)).isEqualTo("get_activity");
        assertThat(first.getMessage().getHeader(TautulliConstants.COMMAND)).as("no override for the next call").isNull();
        assertThat(first.getMessage().getHeader(TautulliConstants.POLLED_AT, Long.class)).isPositive();
        // when each poll started: paced by the cron (Quartz may fire one missed tick at once under load, so
        // three polls span at least one second), not a tight loop
        long t0 = snapshots.getExchanges().get(0).getMessage().getHeader(TautulliConstants.POLLED_AT, Long.class);
        long t2 = snapshots.getExchanges().get(2).getMessage().getHeader(TautulliConstants.POLLED_AT, Long.class);
        assertThat(t2 - t0).as("cron every second").isBetween(900L, 4000L);
    }

    @Test
    void uriOptionsBecomeSnakeCaseApiParameters() {
        Object body = template.requestBody("direct:stats", (Object) null);
        assertThat(body).isInstanceOf(HomeStat.class);
        Map<String, String> sent = lastFormFor("get_home_stats");
        assertThat(sent).containsEntry("stat_id", "top_platforms").containsEntry("time_range", "7")
                .containsEntry("stats_count", "2").containsEntry("apikey", TautulliFixtures.KEY);
    }

    @Test
    void genericParamPrefixAndHeadersOverride() {
        template.requestBodyAndHeaders("direct:any", null, Map.of(
                "CamelTautulliParam.length", "5",
                TautulliConstants.PARAMS, Map.of("user_id", 1002)));
        Map<String, String> sent = lastFormFor("get_history");
        assertThat(sent).containsEntry("length", "5").containsEntry("grouping", "0")
                .containsEntry("include_activity", "0").containsEntry("user_id", "1002");
    }

    @Test
    void commandHeaderCallsAnotherCommand() {
        Exchange out = template.request("direct:any", e -> e.getMessage().setHeader(TautulliConstants.COMMAND,
                "get_plays_by_date"));
        assertThat(out.getMessage().getBody()).isInstanceOf(GraphData.class);
        assertThat(out.getMessage().getHeader(TautulliConstants.RESULT_COMMAND)).isEqualTo("get_plays_by_date");
        assertThat(out.getMessage().getHeader(TautulliConstants.COMMAND)).as("used up by the call").isNull();
    }

    @Test
    void unknownOptionIsRejectedWithItsName() {
        assertThatThrownBy(() -> context.getEndpoint("tautulli:get_history?lenght=10"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("lenght");
    }

    @Test
    void apiKeyIsMaskedInEndpointUris() {
        Endpoint ep = context.getEndpoint("tautulli:get_history?apiKey=SECRETKEY123&length=3");
        // what Camel logs and shows is the sanitised form; the raw URI stays internal
        assertThat(ep.toString()).doesNotContain("SECRETKEY123").contains("length=3");
    }

    @Test
    void missingBaseUrlNamesTheSetting() {
        TautulliComponent bare = new TautulliComponent();
        bare.setApiKey("k");
        context.addComponent("bare", bare);
        assertThatThrownBy(() -> template.requestBody("bare:arnold", (Object) null))
                .hasRootCauseMessage("tautulli.url (TAUTULLI_URL) is not set: Tautulli's base URL is needed for arnold");
    }
}
