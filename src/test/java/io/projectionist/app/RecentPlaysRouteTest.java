package io.projectionist.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.world.PlayRow;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped YAML example joins tautulli: history rows with plex:metadata from the simulated Plex. */
@CamelMainTest(mainClass = Projectionist.class)
class RecentPlaysRouteTest {

    static final Path OUT = Path.of("target/it/recent-plays");
    static Simulator sim;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void start() throws Exception {
        ActivityRouteMainTest.deleteRecursively(OUT);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(200).withSeed(3));
        SimulatorSettings.of(sim, true).forEach(System::setProperty);
        System.setProperty("projectionist.out-dir", OUT.toString());
        System.setProperty("projectionist.data-dir", OUT.resolve("data").toString());
        System.setProperty("projectionist.history.enabled", "false");
        System.setProperty("projectionist.examples.recent-plays.enabled", "true");
        System.setProperty("projectionist.examples.recent-plays.cron", "0/1 * * * * ?");
        // no activity polls: the Tautulli faults below are for the example route alone
        System.setProperty("projectionist.activity.cron", "0 0 0 1 1 ? 2099");
        System.setProperty("projectionist.upstream.retry-delay", "200");
    }

    @AfterAll
    static void stop() {
        for (String p : List.of("tautulli.url", "tautulli.api-key", "plex.url", "plex.token", "projectionist.out-dir",
                "projectionist.data-dir", "projectionist.history.enabled",
                "projectionist.examples.recent-plays.enabled", "projectionist.examples.recent-plays.cron",
                "projectionist.activity.cron", "projectionist.upstream.retry-delay")) {
            System.clearProperty(p);
        }
        sim.close();
    }

    @Test
    void lastPlaysAreWrittenWithTheirPlexMetadata() throws Exception {
        NotifyBuilder once = new NotifyBuilder(context).fromRoute("recent-plays-with-metadata").whenCompleted(1)
                .create();
        assertThat(once.matches(20, TimeUnit.SECONDS)).isTrue();
        JsonNode plays = new ObjectMapper().readTree(OUT.resolve("recent-plays.json").toFile());
        assertThat(plays).hasSize(25);
        // the newest play in the world comes first, with its item's metadata from Plex
        PlayRow newest = sim.world().history().row(sim.world().history().size() - 1);
        JsonNode first = plays.get(0);
        assertThat(first.path("id").asLong()).isEqualTo(newest.id());
        assertThat(first.path("enrichment_status").asText()).isEqualTo("enriched");
        assertThat(first.path("rating_key").asText()).isEqualTo(String.valueOf(newest.item().ratingKey()));
        for (JsonNode p : plays) {
            assertThat(p.path("enrichment_status").asText()).isEqualTo("enriched");
            if (!p.path("media_type").asText().equals("track")) {
                // video items carry their file's resolution, which only Plex knows
                assertThat(p.path("video_resolution").asText()).isNotBlank();
            }
        }
    }

    @Test
    void aTransientTautulliFailureIsRetriedByTheSharedRouteConfiguration() throws Exception {
        NotifyBuilder failed = new NotifyBuilder(context).fromRoute("recent-plays-with-metadata").whenFailed(1)
                .create();
        int before = sim.tautulliFaults().injected();
        sim.tautulliFaults().failNext(2, 503);
        // the example route is the only caller of Tautulli here (no activity polls, no history)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sim.tautulliFaults().injected() - before < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sim.tautulliFaults().injected() - before).as("both 503s were served").isEqualTo(2);
        // a run after the 503s completes, and upstream-retries redelivered the failed calls: no run failed
        NotifyBuilder completed = new NotifyBuilder(context).fromRoute("recent-plays-with-metadata")
                .whenCompleted(1).create();
        assertThat(completed.matches(20, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1_000); // a run that took a 503 may still be redelivering
        assertThat(failed.matches()).as("a run failed instead of being retried").isFalse();
        assertThat(new ObjectMapper().readTree(OUT.resolve("recent-plays.json").toFile())).hasSize(25);
    }
}
