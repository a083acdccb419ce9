package io.projectionist.ops;

import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.projectionist.ops.Scrape.await;
import static io.projectionist.ops.Scrape.get;
import static io.projectionist.ops.Scrape.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped application's management server against the simulator: health per dependency, and metrics that
 * follow the simulated server (a session starts → the stream gauges move), plus the pipeline counters.
 */
@CamelMainTest(mainClass = Projectionist.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsEndpointsTest {

    static final Path DIR = Path.of("target/it/ops-endpoints");
    static final int PLAYS = 300;
    static Simulator sim;
    static int port;
    static Map<String, String> props;

    @BeforeAll
    static void start() throws Exception {
        Scrape.deleteRecursively(DIR);
        Files.createDirectories(DIR.resolve("data/dead-letter/hook"));
        Files.writeString(DIR.resolve("data/dead-letter/hook/20260101T000000.000-000001.json"), "{}");
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(PLAYS));
        port = Scrape.freePort();
        props = Map.ofEntries(
                Map.entry("tautulli.url", sim.tautulliUrl()), Map.entry("tautulli.api-key", sim.tautulliApiKey()),
                Map.entry("plex.url", sim.plexUrl()), Map.entry("plex.token", sim.plexTokens().admin()),
                Map.entry("projectionist.out-dir", DIR.resolve("out").toString()),
                Map.entry("projectionist.data-dir", DIR.resolve("data").toString()),
                Map.entry("projectionist.management.port", String.valueOf(port)),
                Map.entry("projectionist.activity.cron", "0/1 * * * * ?"),
                Map.entry("projectionist.events.start-after-seconds", "0"),
                Map.entry("projectionist.webhooks", "filedrop"),
                Map.entry("projectionist.webhooks.filedrop.type", "file"),
                Map.entry("projectionist.health.cache-ms", "0"),
                Map.entry("projectionist.metrics.server", "home"),
                Map.entry("projectionist.metrics.dead-letter-refresh-ms", "500"));
        props.forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        props.keySet().forEach(System::clearProperty);
        sim.close();
    }

    @Test
    @Order(1)
    void healthIsUpPerDependencyAndLivenessIsSeparate() throws Exception {
        assertThat(await(20_000, () -> get(port, "/observe/health").status() == 200)).isTrue();
        Scrape.Response ready = get(port, "/observe/health/ready?exposureLevel=full");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"name\":\"tautulli\",\"status\":\"UP\"")
                .contains("\"name\":\"plex\",\"status\":\"UP\"").contains("API key accepted")
                .contains("token accepted").doesNotContain(sim.tautulliApiKey());
        // polling consumers (Quartz crons) are not part of readiness
        assertThat(ready.body()).doesNotContain("consumer:");
        Scrape.Response live = get(port, "/observe/health/live?exposureLevel=full");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"").doesNotContain("\"name\":\"tautulli\"");
    }

    @Test
    @Order(2)
    void streamGaugesFollowTheServer() throws Exception {
        String server = "server=\"home\"";
        assertThat(await(20_000, () -> value(port, "projectionist_last_successful_poll_seconds", "poll=\"activity\"") > 0))
                .isTrue();
        assertThat(value(port, "projectionist_streams_active", server)).isEqualTo(0.0);
        assertThat(value(port, "projectionist_streams_transcodes", server)).isEqualTo(0.0);

        sim.sessions().startRandom(1); // a 4K movie transcoding over the WAN
        assertThat(await(15_000, () -> value(port, "projectionist_streams_active", server) == 1.0)).isTrue();
        String metrics = get(port, "/observe/metrics").body();
        assertThat(Scrape.sample(metrics, "projectionist_streams_transcodes", server)).hasValue(1.0);
        assertThat(Scrape.sample(metrics, "projectionist_streams_direct_plays", server)).hasValue(0.0);
        double wan = Scrape.sample(metrics, "projectionist_bandwidth_wan_kbps", server).orElseThrow();
        assertThat(wan).isPositive();
        assertThat(Scrape.sample(metrics, "projectionist_bandwidth_total_kbps", server)).hasValue(wan);
        assertThat(Scrape.sample(metrics, "projectionist_bandwidth_lan_kbps", server)).hasValue(0.0);

        for (var s : sim.sessions().list()) {
            sim.sessions().stop(s.sessionKey());
        }
        assertThat(await(15_000, () -> value(port, "projectionist_streams_active", server) == 0.0)).isTrue();
        assertThat(value(port, "projectionist_bandwidth_total_kbps", server)).isEqualTo(0.0);

        sim.sessions().startRandom(2); // the 4K transcode again, and an episode in direct play on the LAN
        assertThat(await(15_000, () -> value(port, "projectionist_streams_active", server) == 2.0)).isTrue();
        assertThat(await(5_000, () -> value(port, "projectionist_streams_direct_plays", server) == 1.0)).isTrue();
        assertThat(value(port, "projectionist_streams_transcodes", server)).isEqualTo(1.0);
        assertThat(value(port, "projectionist_bandwidth_lan_kbps", server)).isPositive();
    }

    @Test
    @Order(3)
    void pipelineCountersCount() throws Exception {
        // the backfill ingests every play once, enriching them through Plex (a cache miss per distinct item)
        assertThat(await(30_000, () -> value(port, "projectionist_plays_ingested_total") >= PLAYS)).isTrue();
        assertThat(value(port, "projectionist_last_successful_poll_seconds", "poll=\"history\"")).isPositive();
        double misses = value(port, "projectionist_enrichment_cache_misses_total");
        assertThat(misses).isPositive();
        assertThat(value(port, "projectionist_enrichment_cache_hits_total")).isGreaterThanOrEqualTo(0.0);
        assertThat(value(port, "projectionist_plex_requests_total", "operation=\"metadata\"", "outcome=\"ok\""))
                .isPositive();
        // session events went to the file destination
        assertThat(await(15_000, () -> value(port, "projectionist_webhook_deliveries_total",
                "destination=\"filedrop\"", "outcome=\"delivered\"") >= 1)).isTrue();
        // the dead letter left in data/dead-letter/hook/, then one more
        assertThat(await(10_000, () -> value(port, "projectionist_dead_letters", "destination=\"hook\"") == 1.0)).isTrue();
        Files.writeString(DIR.resolve("data/dead-letter/hook/20260101T000001.000-000002.json"), "{}");
        assertThat(await(10_000, () -> value(port, "projectionist_dead_letters", "destination=\"hook\"") == 2.0)).isTrue();
        // Camel's and the JVM's own metrics are there too
        String metrics = get(port, "/observe/metrics").body();
        for (String name : List.of("camel_exchanges_total", "jvm_memory_used_bytes")) {
            assertThat(metrics).contains(name);
        }
    }
}
