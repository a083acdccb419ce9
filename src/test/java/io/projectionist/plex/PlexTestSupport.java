package io.projectionist.plex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/** Shared bits of the plex: tests. */
final class PlexTestSupport {

    /** A token that must never show up in any message. */
    static final String TOKEN = "s3cr3t-T0KEN-xyz";
    static final String MID = "96f2fe7a78c9dc1f16a16bedbe90f98149be16b4";

    private PlexTestSupport() {
    }

    static String resource(String path) {
        try (InputStream in = PlexTestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=utf-8").withBody(body);
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Plex's HTML error page. */
    static ResponseDefinitionBuilder htmlError(int status, String title) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>" + title + "</title></head><body><h1>" + status + " " + title
                        + "</h1></body></html>");
    }

    static PlexClient.Builder client(String baseUrl, PlexFormat format) {
        return PlexClient.builder().baseUrl(baseUrl).token(TOKEN).clientIdentifier("test-client-id")
                .format(format).requestTimeout(Duration.ofSeconds(5));
    }
}
