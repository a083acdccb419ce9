package io.projectionist.tautulli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import com.github.tomakehurst.wiremock.client.WireMock;

/** Serves the real Tautulli responses in {@code fixtures/tautulli/} over HTTP, the way Tautulli sent them. */
final class TautulliFixtures {

    static final String KEY = "0123456789abcdef0123456789abcdef";

    private TautulliFixtures() {
    }

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    static byte[] fixture(String name) {
        try (InputStream in = TautulliFixtures.class.getResourceAsStream("/fixtures/tautulli/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST to /api/v2 whose form body names the command. */
    static MappingBuilder command(String cmd) {
        return post(urlPathEqualTo("/api/v2")).withRequestBody(containing("cmd=" + cmd + "&")
                .or(WireMock.matching(".*cmd=" + cmd + "$")));
    }

    static void serve(WireMockServer server, String cmd, String fixture) {
        serve(server, cmd, fixture, 200);
    }

    static void serve(WireMockServer server, String cmd, String fixture, int status) {
        server.stubFor(command(cmd).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(fixture(fixture))));
    }
}
