package io.projectionist.delivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.world.LiveSession;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import java.util.LinkedHashMap;

/**
 * Boots the real application (application.properties, routes/*.yaml with the two example routes, the Java routes
 * listed there) against the simulator's live sessions and a WireMock receiver with three destinations.
 */
@CamelMainTest(mainClass = Projectionist.class)
class EventsMainTest {

    static final Path DIR = Path.of("target/it/events-main");
    static final Map<String, String> PROPS = new LinkedHashMap<>();
    static Simulator sim;
    static WireMockServer wm;
    static List<LiveSession> live;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void start() throws Exception {
        deleteRecursively(DIR);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(200));
        live = sim.sessions().startRandom(2); // a 4K movie transcoding to 1080p, a direct-play episode
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        wm.stubFor(post(urlPathEqualTo("/hook")).willReturn(ok()));
        wm.stubFor(post(urlPathEqualTo("/4k")).willReturn(ok()));
        wm.stubFor(post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(204)));
        PROPS.putAll(SimulatorSettings.of(sim, false, DIR));
        PROPS.put("projectionist.activity.cron", "0/1 * * * * ?");
        PROPS.put("projectionist.history.enabled", "false");
        PROPS.put("projectionist.events.start-after-seconds", "2");
        PROPS.put("projectionist.events.unreachable-after", "2");
        // each failed poll must count: no retries inside the poll (they would absorb the six 500s below)
        PROPS.put("projectionist.upstream.retries", "0");
        // the failed polls below must fail: no retries inside the activity poll
        PROPS.put("projectionist.activity.poll-retries", "0");
        PROPS.put("projectionist.webhooks", "hook,transcodes-4k,busy-discord");
        PROPS.put("projectionist.webhooks.hook.url", wm.baseUrl() + "/hook");
        PROPS.put("projectionist.webhooks.hook.secret", "s3cret");
        PROPS.put("projectionist.webhooks.transcodes-4k.url", wm.baseUrl() + "/4k");
        PROPS.put("projectionist.webhooks.transcodes-4k.events", "none");
        PROPS.put("projectionist.webhooks.busy-discord.type", "discord");
        PROPS.put("projectionist.webhooks.busy-discord.url", wm.baseUrl() + "/discord");
        PROPS.put("projectionist.webhooks.busy-discord.events", "none");
        PROPS.put("projectionist.examples.busy-streams", "1");
        PROPS.forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        PROPS.keySet().forEach(System::clearProperty);
        wm.stop();
        sim.close();
    }

    List<Harness.Received> at(String path) {
        return Harness.received(wm).stream().filter(r -> r.path().equals(path)).toList();
    }

    List<String> hookEvents() {
        return at("/hook").stream().map(Harness.Received::event).toList();
    }

    @Test
    void sessionsBecomeEventsAtEveryDestination() throws Exception {
        assertThat(context.getRoute("activity-events")).isNotNull();
        assertThat(context.getRoute("webhook-4k-transcodes")).as("example route loaded").isNotNull();
        assertThat(context.getRoute("discord-busy-server")).as("example route loaded").isNotNull();

        assertThat(Harness.await(() -> hookEvents().stream().filter("playback.started"::equals).count() == 2,
                15_000)).as("both sessions announced after 2 s of play").isTrue();
        for (Harness.Received r : at("/hook")) {
            assertThat(r.headers().get("x-projectionist-signature"))
                    .isEqualTo(Payloads.sign("s3cret", Harness.JSON.writeValueAsString(r.body())));
        }
        assertThat(Harness.await(() -> at("/4k").size() == 1 && at("/discord").size() == 2, 5_000)).isTrue();
        assertThat(at("/4k").get(0).body().path("video_resolution").asText()).isEqualTo("4k");
        assertThat(at("/4k").get(0).body().path("session_key").asText()).isEqualTo(live.get(0).sessionKey());
        assertThat(at("/discord").get(0).body().path("embeds").get(0).path("title").asText()).contains(" started ");

        sim.sessions().pause(live.get(1).sessionKey());
        assertThat(Harness.await(() -> hookEvents().contains("playback.paused"), 5_000)).isTrue();

        // Tautulli fails three polls (one per second: one poll feeds every subscriber): one unreachable, then one
        // reachable
        sim.tautulliFaults().failNext(3, 500);
        assertThat(Harness.await(() -> hookEvents().contains("tautulli.reachable"), 10_000)).isTrue();
        assertThat(hookEvents().stream().filter(e -> e.startsWith("tautulli.")).toList())
                .containsExactly("tautulli.unreachable", "tautulli.reachable");

        sim.sessions().stop(live.get(1).sessionKey());
        assertThat(Harness.await(() -> hookEvents().contains("playback.stopped"), 5_000)).isTrue();
        Thread.sleep(1_500);
        assertThat(hookEvents().stream().filter("playback.started"::equals).count()).isEqualTo(2);
        assertThat(hookEvents().stream().filter("playback.stopped"::equals).count()).isEqualTo(1);
        assertThat(Files.readString(DIR.resolve("data/events/announced.json"))).contains("playback.started");
        try (Stream<Path> files = Files.list(DIR.resolve("out/events"))) {
            Path audit = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
            assertThat(Files.readAllLines(audit)).hasSizeGreaterThanOrEqualTo(hookEvents().size());
        }
    }

    static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
