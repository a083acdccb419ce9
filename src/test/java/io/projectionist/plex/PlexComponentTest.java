package io.projectionist.plex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexSession;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.projectionist.plex.PlexTestSupport.TOKEN;
import static io.projectionist.plex.PlexTestSupport.resource;
import static io.projectionist.plex.PlexTestSupport.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The component through Camel: camel.component.plex.* binding, URI options, headers, body inputs, the consumer. */
class PlexComponentTest extends CamelMainTestSupport {

    private static WireMockServer wm;

    @BeforeAll
    static void startFake() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stopFake() {
        wm.stop();
    }

    @BeforeEach
    void stubs() {
        wm.resetRequests();
    }

    private static void stubAll() {
        wm.resetMappings();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        for (String k : List.of("1", "2", "3", "5", "6")) {
            wm.stubFor(get(urlPathMatching("/library/metadata/(.*,)?" + k + "(,.*)?")).willReturn(xml(
                    "<MediaContainer size=\"2\">" + "<Video ratingKey=\"" + k + "\" type=\"movie\" title=\"T" + k + "\"/>"
                            + "</MediaContainer>")));
        }
        wm.stubFor(get("/library/metadata/1,2").willReturn(xml("<MediaContainer size=\"2\"><Video ratingKey=\"2\" "
                + "title=\"T2\"/><Video ratingKey=\"1\" title=\"T1\"/></MediaContainer>")));
        wm.stubFor(get("/library/metadata/5,6").willReturn(xml("<MediaContainer size=\"2\"><Video ratingKey=\"5\"/>"
                + "<Video ratingKey=\"6\"/></MediaContainer>")));
        wm.stubFor(get("/identity").willReturn(xml(resource("/plex/identity.xml"))));
        wm.stubFor(get("/library/metadata/3").willReturn(aResponse().withStatus(404).withBody("<html><head><title>Not Found</title></head></html>")));
        wm.stubFor(get("/status/sessions").willReturn(xml(resource("/fixtures/plex/pms_active_sessions_reduced.xml"))));
        wm.stubFor(get(urlPathEqualTo("/hubs/sections/1/manage")).willReturn(xml("<MediaContainer size=\"0\"/>")));
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        stubAll();
        Properties p = new Properties();
        // exactly how a user configures it in application.properties
        p.setProperty("camel.component.plex.base-url", wm.baseUrl());
        p.setProperty("camel.component.plex.token", TOKEN);
        p.setProperty("camel.component.plex.client-identifier", "camel-test-client");
        configuration.withUseOverridePropertiesWithPropertiesComponent(p);
    }

    @Override
    protected String getPropertyPlaceholderFileName() {
        return "plex-component-test.properties"; // absent on purpose: keep the project's application.properties out
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x").to("plex:metadata?batchSize=2");
                from("direct:fixed").to("plex:metadata?ratingKeys=5,6&batchSize=50");
                from("direct:hubs").to("plex:hubs?action=move&sectionId=1");
                from("direct:hubGet").to("plex:hubs?action=get&sectionId=1");
                from("plex:sessions?delay=200&initialDelay=0").routeId("poll").autoStartup(false).to("mock:sessions");
            }
        };
    }

    @Test
    void componentOptionsBindFromCamelComponentPlexProperties() {
        PlexComponent c = context.getComponent("plex", PlexComponent.class);
        assertThat(c.getBaseUrl()).isEqualTo(wm.baseUrl());
        assertThat(c.getToken()).isEqualTo(TOKEN);
        assertThat(c.getClientIdentifier()).isEqualTo("camel-test-client");
        PlexEndpoint ep = context.getEndpoint("plex:metadata?batchSize=7&format=json", PlexEndpoint.class);
        assertThat(ep.getConfiguration().getBatchSize()).isEqualTo(7);
        assertThat(ep.getConfiguration().getFormat()).isEqualTo(PlexFormat.json);
        assertThat(ep.getConfiguration().getBaseUrl()).as("component default").isEqualTo(wm.baseUrl());
    }

    @Test
    @SuppressWarnings("unchecked")
    void collectionBodyIsBatchedByTheUriOption() {
        Map<String, PlexItem> out = template.requestBody("direct:x", List.of("1", "2", "3"), Map.class);
        assertThat(out).containsOnlyKeys("1", "2");
        assertThat(out.get("1").title()).isEqualTo("T1");
        // batchSize=2: 1,2 then 3 (a 404: none exist, not an error)
        wm.verify(getRequestedFor(urlEqualTo("/library/metadata/1,2"))
                .withHeader("X-Plex-Token", equalTo(TOKEN))
                .withHeader("X-Plex-Client-Identifier", equalTo("camel-test-client")));
        wm.verify(getRequestedFor(urlEqualTo("/library/metadata/3")));
        wm.verify(2, getRequestedFor(urlPathMatching("/library/metadata/.*")));
    }

    @Test
    void commaStringBodyAndMissingKeysHeader() {
        var exchange = template.request("direct:x", e -> e.getMessage().setBody("1, 2,3"));
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsOnlyKeys("1", "2");
        assertThat(exchange.getMessage().getHeader(PlexConstants.MISSING_RATING_KEYS)).isEqualTo(List.of("3"));
        assertThat(exchange.getMessage().getHeader(PlexConstants.RESULT_COUNT)).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void headerOverridesTheBody() {
        Map<String, Object> out = template.requestBodyAndHeader("direct:x", List.of("1", "2"), PlexConstants.RATING_KEYS, "5", Map.class);
        assertThat(out).containsOnlyKeys("5");
        wm.verify(1, getRequestedFor(urlPathMatching("/library/metadata/.*")));
        wm.verify(getRequestedFor(urlEqualTo("/library/metadata/5")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void uriOptionIsUsedWhenThereIsNoHeader() {
        Map<String, Object> out = template.requestBody("direct:fixed", "ignored-body", Map.class);
        assertThat(out).containsOnlyKeys("5", "6");
        wm.verify(getRequestedFor(urlEqualTo("/library/metadata/5,6")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataResultOfOneStepFeedsTheNext() {
        Map<?, ?> first = template.requestBody("direct:x", List.of("1", "2"), Map.class);
        Map<String, Object> again = template.requestBody("direct:x", first, Map.class);
        assertThat(again.keySet()).containsExactly("1", "2");
    }

    @Test
    void hubMoveFromHeaders() {
        template.sendBodyAndHeaders("direct:hubs", null, Map.of(PlexConstants.IDENTIFIER, "custom.collection.1.343546",
                PlexConstants.AFTER, "custom.collection.1.577628"));
        wm.verify(putRequestedFor(urlEqualTo(
                "/hubs/sections/1/manage/custom.collection.1.343546/move?after=custom.collection.1.577628")));
        // identifier derived from a collection rating key, no after = first
        template.sendBodyAndHeader("direct:hubs", null, PlexConstants.COLLECTION, "577628");
        wm.verify(putRequestedFor(urlEqualTo("/hubs/sections/1/manage/custom.collection.1.577628/move")));
    }

    @Test
    void hubGetOfAnUnmanagedCollectionGivesAPlaceholder() {
        var ex = template.request("direct:hubGet", e -> e.getMessage().setHeader(PlexConstants.COLLECTION, "42"));
        assertThat(ex.getException()).isNull();
        ManagedHub hub = ex.getMessage().getBody(ManagedHub.class);
        assertThat(hub.managed()).isFalse();
        assertThat(hub.identifier()).isEqualTo("custom.collection.1.42");
        assertThat(hub.promotedToOwnHome()).isFalse();
        assertThat(ex.getMessage().getHeader(PlexConstants.HUB_MANAGED)).isEqualTo(false);
        wm.verify(getRequestedFor(urlPathEqualTo("/hubs/sections/1/manage")).withQueryParam("metadataItemId", equalTo("42")));
    }

    @Test
    void missingInputsAndPlexErrorsReachTheRoute() {
        assertThatThrownBy(() -> template.requestBody("direct:x", (Object) null))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining(PlexConstants.RATING_KEYS);
        wm.stubFor(get("/library/metadata/1,2").willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> template.requestBody("direct:x", "1,2"))
                .isInstanceOf(CamelExecutionException.class).rootCause().isInstanceOf(PlexException.class)
                .hasMessageContaining("HTTP 401").hasMessageNotContaining(TOKEN);
        stubAll();
    }

    @Test
    void sessionsConsumerEmitsOneSnapshotPerPoll() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:sessions");
        mock.expectedMinimumMessageCount(2);
        context.getRouteController().startRoute("poll");
        mock.assertIsSatisfied(5000);
        context.getRouteController().stopRoute("poll");
        List<?> snapshot = mock.getExchanges().get(0).getMessage().getBody(List.class);
        assertThat(snapshot).hasSize(3).allSatisfy(s -> assertThat(s).isInstanceOf(PlexSession.class));
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(PlexConstants.RESULT_COUNT)).isEqualTo(3);
    }

    @Test
    void writeOperationsCannotBePolled() {
        assertThatThrownBy(() -> context.getEndpoint("plex:hubs?action=move&sectionId=1").createConsumer(e -> { }))
                .hasMessageContaining("cannot be polled");
        assertThatThrownBy(() -> context.getEndpoint("plex:terminate").createConsumer(e -> { }))
                .hasMessageContaining("cannot be polled");
    }

    @Test
    void unknownOptionsAndOperationsAreRejected() {
        assertThatThrownBy(() -> context.getEndpoint("plex:metadata?batchSise=2"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("batchSise");
        assertThatThrownBy(() -> context.getEndpoint("plex:metadatum"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasStackTraceContaining("unknown plex: operation");
    }

    @Test
    void tokenInAUriIsMasked() {
        Endpoint ep = context.getEndpoint("plex:identity?token=uri-secret-123");
        assertThat(ep.toString()).doesNotContain("uri-secret-123");
        assertThat(((PlexEndpoint) ep).getConfiguration().toString()).doesNotContain("uri-secret-123");
        assertThat(((PlexEndpoint) ep).getClient().toString()).doesNotContain("uri-secret-123");
    }

    @Test
    void tokenFileIsReadWhenTheTokenIsBlank(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plex.token");
        Files.writeString(file, "file-token-456\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        PlexComponent c = new PlexComponent();
        c.setBaseUrl(wm.baseUrl());
        c.setTokenFile(file.toString());
        context.addComponent("plexfile", c);
        template.requestBody("plexfile:identity", (Object) null);
        wm.verify(getRequestedFor(urlEqualTo("/identity")).withHeader("X-Plex-Token", equalTo("file-token-456")));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PlexComponent open = new PlexComponent();
        open.setBaseUrl(wm.baseUrl());
        open.setTokenFile(file.toString());
        context.addComponent("plexopen", open);
        assertThatThrownBy(() -> template.requestBody("plexopen:identity", (Object) null)).hasStackTraceContaining("chmod 600")
                .hasStackTraceContaining("camel.component.plex.tokenFile");
    }
}
