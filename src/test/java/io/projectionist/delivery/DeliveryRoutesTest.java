package io.projectionist.delivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.projectionist.Projectionist;
import io.projectionist.activity.ActivityEvent;
import io.projectionist.activity.EventType;
import io.projectionist.activity.SimActivity;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.tautulli.model.ActivitySession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** Delivery against in-JVM WireMock receivers: rate limits, an outage, permanent failures, replay. */
class DeliveryRoutesTest {

    static Simulator sim;
    static List<ActivitySession> sessions;

    @TempDir
    Path dir;

    @BeforeAll
    static void simulator() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(200));
        sim.sessions().startRandom(6);
        sessions = new SimActivity(sim).snapshot().sessions();
    }

    @AfterAll
    static void close() {
        sim.close();
    }

    Map<String, String> props(String url, String... more) {
        Map<String, String> p = new HashMap<>();
        p.put("projectionist.events.enabled", "false");
        p.put("projectionist.data-dir", dir.resolve("data").toString());
        p.put("projectionist.out-dir", dir.resolve("out").toString());
        p.put("projectionist.webhooks", "hook");
        p.put("projectionist.webhooks.hook.url", url);
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    /** {@code perSession} events for each live session, interleaved across sessions, in per-session order. */
    static List<ActivityEvent> events(int perSession) {
        EventType[] types = {EventType.PLAYBACK_STARTED, EventType.PLAYBACK_PAUSED, EventType.PLAYBACK_RESUMED,
            EventType.TRANSCODE_CHANGED, EventType.PLAYBACK_STOPPED};
        List<ActivityEvent> out = new ArrayList<>();
        for (int k = 0; k < perSession; k++) {
            for (ActivitySession s : sessions) {
                out.add(new ActivityEvent(types[k % types.length], s.sessionKey() + "#" + k, Instant.now(), s,
                        Map.of("sequence", k)));
            }
        }
        return out;
    }

    static void assertPerSessionOrder(List<Harness.Received> accepted) {
        Map<String, List<Integer>> bySession = new LinkedHashMap<>();
        for (Harness.Received r : accepted) {
            bySession.computeIfAbsent(r.body().path("session_key").asText(), k -> new ArrayList<>())
                    .add(r.body().path("sequence").asInt());
        }
        bySession.forEach((session, seq) -> assertThat(seq).as("session %s in order", session).isSorted());
    }

    @Test
    void burstToARateLimitedReceiverArrivesOnceInOrderWaitingRetryAfter() throws Exception {
        WireMockServer wm = new WireMockServer(options().dynamicPort().extensions(new Harness.RateLimit(5, "1")));
        wm.start();
        wm.stubFor(post(urlPathEqualTo("/hook")).willReturn(ok()));
        // the destination may send 10/s; the receiver takes 5/s: it must answer 429s, and they must be obeyed
        // (retry-delay 100 ms: a retry after ~1 s can only come from Retry-After)
        try (Harness h = new Harness(props(wm.baseUrl() + "/hook", "projectionist.webhooks.hook.throttle", "10",
                "projectionist.delivery.retry-delay-ms", "100"))) {
            List<ActivityEvent> burst = events(5);
            assertThat(burst).hasSize(30);
            long t0 = System.currentTimeMillis();
            burst.forEach(h::send);
            assertThat(Harness.await(() -> Harness.received(wm).stream().filter(r -> r.status() == 200).count() >= 30,
                    30_000)).as("30 accepted within 30 s").isTrue();
            Thread.sleep(300); // nothing more may arrive
            List<Harness.Received> all = Harness.received(wm);
            List<Harness.Received> accepted = all.stream().filter(r -> r.status() == 200).toList();
            List<Harness.Received> limited = all.stream().filter(r -> r.status() == 429).toList();
            assertThat(accepted).extracting(Harness.Received::id).doesNotHaveDuplicates().hasSize(30)
                    .containsExactlyInAnyOrderElementsOf(burst.stream().map(ActivityEvent::id).toList());
            assertPerSessionOrder(accepted);
            assertThat(limited).as("the receiver rate-limited some requests").isNotEmpty();
            List<Long> waits = new ArrayList<>();
            for (Harness.Received r : limited) {
                Harness.Received next = all.stream().filter(n -> n.at() >= r.at() && n != r && n.id().equals(r.id()))
                        .findFirst().orElseThrow();
                waits.add(next.at() - r.at());
            }
            assertThat(waits).as("each retry waited Retry-After: 1 s").allSatisfy(w ->
                    assertThat(w).isBetween(980L, 1_600L));
            long last = accepted.get(accepted.size() - 1).at();
            System.out.printf("burst: 30 events, %d requests (%d × 429), first accepted after %d ms, all 30 after"
                    + " %d ms; waits after 429: %s ms%n", all.size(), limited.size(), accepted.get(0).at() - t0,
                    last - t0, waits);
            assertThat(new DeadLetters(dir.resolve("data/dead-letter")).count()).isZero();
        } finally {
            wm.stop();
        }
    }

    @Test
    void receiverDownForTwentySecondsGetsEverythingWhenItReturns() throws Exception {
        WireMockServer probe = new WireMockServer(options().dynamicPort());
        probe.start();
        int port = probe.port();
        probe.stop(); // the receiver is down: connections are refused
        WireMockServer wm = new WireMockServer(options().port(port));
        try (Harness h = new Harness(props("http://localhost:" + port + "/hook",
                "projectionist.delivery.retry-delay-ms", "500", "projectionist.delivery.max-retry-delay-ms", "3000",
                "projectionist.delivery.max-retries", "15"))) {
            List<ActivityEvent> events = events(5).subList(0, 10);
            events.forEach(h::send);
            Thread.sleep(20_000);
            long back = System.currentTimeMillis();
            wm.start();
            wm.stubFor(post(urlPathEqualTo("/hook")).willReturn(ok()));
            assertThat(Harness.await(() -> Harness.received(wm).size() >= 10, 10_000)).isTrue();
            Thread.sleep(200);
            List<Harness.Received> got = Harness.received(wm);
            assertThat(got).extracting(Harness.Received::id).hasSize(10).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(events.stream().map(ActivityEvent::id).toList());
            assertPerSessionOrder(got);
            System.out.printf("outage: receiver back after 20 s; all 10 delivered %d ms later%n",
                    got.get(got.size() - 1).at() - back);
            assertThat(new DeadLetters(dir.resolve("data/dead-letter")).count()).isZero();
        } finally {
            wm.stop();
        }
    }

    @Test
    void permanentFailuresFillTheDeadLetterFolderAndReplayEmptiesIt() throws Exception {
        WireMockServer wm = new WireMockServer(options().dynamicPort());
        wm.start();
        wm.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(500).withBody("boom")));
        wm.stubFor(post(urlPathEqualTo("/strict")).willReturn(aResponse().withStatus(400).withBody("bad field")));
        Map<String, String> p = props(wm.baseUrl() + "/hook?token=abc", "projectionist.delivery.retry-delay-ms", "50",
                "projectionist.delivery.max-retries", "2", "projectionist.webhooks", "hook,strict",
                "projectionist.webhooks.strict.url", wm.baseUrl() + "/strict",
                "projectionist.webhooks.strict.events", "playback.started",
                "projectionist.webhooks.hook.secret", "k3y");
        DeadLetters letters = new DeadLetters(dir.resolve("data/dead-letter"));
        List<ActivityEvent> events = events(2).subList(0, 4);
        try (Harness h = new Harness(p)) {
            events.forEach(h::send);
            assertThat(Harness.await(() -> letters.list("hook").size() == 4 && letters.list("strict").size() == 4,
                    15_000)).as("4 + 4 dead letters").isTrue();
        }
        List<DeadLetters.Letter> hook = letters.readAll("hook");
        assertThat(hook).extracting(l -> l.event().get("event_id"))
                .containsExactlyElementsOf(events.stream().map(ActivityEvent::id).toList());
        assertThat(hook).allSatisfy(l -> {
            assertThat(l.reason()).startsWith("HTTP 500").contains("boom").doesNotContain("token");
            assertThat(l.attempts()).isEqualTo(3);
        });
        assertThat(letters.readAll("strict")).allSatisfy(l -> {
            assertThat(l.reason()).startsWith("HTTP 400");
            assertThat(l.attempts()).as("a 400 is not retried").isEqualTo(1);
        });
        // rw------- (the set's own order varies from run to run)
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(letters.list("hook").get(0))))
                .isEqualTo("rw-------");
        long hookRequests = Harness.received(wm).stream().filter(r -> r.path().startsWith("/hook")).count();
        assertThat(hookRequests).as("1 attempt + 2 retries each").isEqualTo(12);

        // still failing: replay keeps everything
        Path config = dir.resolve("replay.properties");
        StringBuilder text = new StringBuilder();
        p.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(config, text);
        assertThat(Projectionist.execute("replay", "--config", config.toString(), "--retries", "0")).isEqualTo(1);
        assertThat(letters.count()).isEqualTo(8);

        // the receivers are fixed: replay delivers in the original order and empties the folder
        wm.resetAll();
        wm.stubFor(post(urlPathEqualTo("/hook")).willReturn(ok()));
        wm.stubFor(post(urlPathEqualTo("/strict")).willReturn(ok()));
        assertThat(Projectionist.execute("replay", "--config", config.toString())).isZero();
        assertThat(letters.count()).isZero();
        List<Harness.Received> replayed = Harness.received(wm);
        assertThat(replayed.stream().filter(r -> r.path().startsWith("/hook")).map(Harness.Received::id).toList())
                .containsExactlyElementsOf(events.stream().map(ActivityEvent::id).toList());
        assertThat(replayed).filteredOn(r -> r.path().startsWith("/hook")).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/hook?token=abc");
            assertThat(r.headers().get("x-projectionist-signature"))
                    .isEqualTo(Payloads.sign("k3y", Harness.JSON.writeValueAsString(r.body())));
        });
        wm.stop();
    }

    @Test
    void yamlExampleRoutesFeedTheirDestinations() throws Exception {
        WireMockServer wm = new WireMockServer(options().dynamicPort());
        wm.start();
        wm.stubFor(post(urlPathEqualTo("/4k")).willReturn(ok()));
        wm.stubFor(post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(204)));
        Map<String, String> p = props(wm.baseUrl() + "/4k", "projectionist.webhooks", "transcodes-4k,busy-discord",
                "projectionist.webhooks.transcodes-4k.url", wm.baseUrl() + "/4k",
                "projectionist.webhooks.transcodes-4k.events", "none",
                "projectionist.webhooks.busy-discord.type", "discord",
                "projectionist.webhooks.busy-discord.url", wm.baseUrl() + "/discord",
                "projectionist.webhooks.busy-discord.events", "none",
                "projectionist.examples.busy-streams", "5");
        p.remove("projectionist.webhooks.hook.url");
        try (Harness h = new Harness(p)) {
            for (String file : List.of("routes/webhook-4k-transcodes.yaml", "routes/discord-busy-server.yaml")) {
                PluginHelper.getRoutesLoader(h.context).loadRoutes(
                        ResourceHelper.resolveMandatoryResource(h.context, "file:" + file));
            }
            // 6 live sessions: slot 0 (and 4) are 4K movies transcoding
            List<ActivityEvent> started = new ArrayList<>();
            for (ActivitySession s : sessions) {
                started.add(new ActivityEvent(EventType.PLAYBACK_STARTED, s.sessionKey() + "|started", Instant.now(), s,
                        Map.of("streams", 6)));
                h.send(new ActivityEvent(EventType.PLAYBACK_PAUSED, s.sessionKey() + "|paused", Instant.now(), s,
                        Map.of("streams", 6)));
            }
            started.forEach(h::send);
            long fourK = sessions.stream().filter(s -> "transcode".equals(s.transcodeDecision())
                    && "4k".equals(s.videoResolution())).count();
            assertThat(fourK).isPositive();
            assertThat(Harness.await(() -> Harness.received(wm).size() >= fourK + 6, 10_000)).isTrue();
            Thread.sleep(300);
            List<Harness.Received> got = Harness.received(wm);
            assertThat(got.stream().filter(r -> r.path().equals("/4k")).count()).isEqualTo(fourK);
            assertThat(got).filteredOn(r -> r.path().equals("/4k")).allSatisfy(r -> {
                assertThat(r.event()).isEqualTo("playback.started");
                assertThat(r.body().path("video_resolution").asText()).isEqualTo("4k");
            });
            List<Harness.Received> discord = got.stream().filter(r -> r.path().equals("/discord")).toList();
            assertThat(discord).hasSize(6).allSatisfy(r ->
                    assertThat(r.body().path("embeds").get(0).path("title").asText()).contains(" started "));
            assertThat(discord.get(0).body().path("embeds").get(0).path("fields").toString()).contains("Streams", "6");
        } finally {
            wm.stop();
        }
        Path audit;
        try (var files = Files.list(dir.resolve("out/events"))) {
            audit = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        assertThat(Files.readAllLines(audit)).hasSize(12);
        assertThat(Files.readAllLines(audit).stream().map(l -> l.contains("\"event\":\"playback."))
                .collect(Collectors.toSet())).containsOnly(true);
    }
}
