package io.projectionist.sim.plex;

import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexFormat;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.faults.Faults;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import java.net.URLEncoder;

/** A world, live sessions on a fixed clock, and a Plex simulator over them; clients and raw HTTP helpers. */
abstract class PlexSimSupport {

    static final long SEED = 42;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    World world;
    SimClock clock;
    LiveSessions sessions;
    Faults faults;
    PlexServer plex;

    int plays() {
        return 3000;
    }

    @BeforeEach
    void startPlex() throws IOException {
        clock = SimClock.fixed(SimTestSupport.ANCHOR);
        world = World.generate(SEED, plays(), 90, SimTestSupport.ANCHOR, ZoneId.of("UTC"));
        sessions = new LiveSessions(world, clock);
        faults = new Faults();
        plex = PlexServer.start(world, sessions, "127.0.0.1", 0, PlexTokens.forSeed(SEED), faults);
    }

    @AfterEach
    void stopPlex() {
        if (plex != null) {
            plex.close();
        }
    }

    PlexClient client(PlexFormat format) {
        return client(format, plex.tokens().admin());
    }

    PlexClient client(PlexFormat format, String token) {
        return PlexClient.builder().baseUrl(plex.url()).token(token).clientIdentifier("sim-test")
                .format(format).requestTimeout(Duration.ofSeconds(10)).pageSize(100).build();
    }

    String admin() {
        return plex.tokens().admin();
    }

    String shared() {
        return plex.tokens().shared();
    }

    String mid() {
        return world.server().machineIdentifier();
    }

    /** A raw reply; header names lower-case. */
    record Reply(int status, String body, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String contentType() {
            return header("content-type");
        }
    }

    /** {@code method} {@code pathAndQuery} (already encoded) with the token header and optional JSON. */
    Reply call(String method, String pathAndQuery, String token, boolean json, String... headerPairs) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(plex.url() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("X-Plex-Token", token);
        }
        if (json) {
            b.header("Accept", "application/json");
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            return new Reply(r.statusCode(), r.body(), h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String pathAndQuery, boolean json) {
        return call("GET", pathAndQuery, admin(), json);
    }

    /**
     * Sends a request line exactly as given (raw brackets, {@code >}) over a socket, as python-plexapi's HTTP stack
     * does; java.net.URI would refuse such a target.
     */
    Reply raw(String method, String target, String token) {
        try (Socket s = new Socket("127.0.0.1", plex.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Plex-Token: " + token
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            out.write(req.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String head = all.substring(0, end);
            String body = all.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                h.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
            }
            return new Reply(status, body, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
