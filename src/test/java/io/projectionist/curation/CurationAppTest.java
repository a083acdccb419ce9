package io.projectionist.curation;

import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.plex.PlexState.CollectionInfo;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped application with curation switched to apply: the startup run plans, applies and verifies against the
 * simulator, writes the plan files and publishes the summary to the notify endpoint.
 */
@CamelMainTest(mainClass = Projectionist.class)
class CurationAppTest {

    static final Path DIR = Path.of("target/it/curation-app");
    static final List<String> KEYS = List.of("tautulli.url", "tautulli.api-key", "plex.url", "plex.token",
            "projectionist.out-dir", "projectionist.data-dir", "projectionist.history.enabled",
            "projectionist.events.enabled", "projectionist.curation.file", "projectionist.curation.apply",
            "projectionist.curation.on-startup", "projectionist.curation.startup-delay",
            "projectionist.curation.notify-uri");
    static Simulator sim;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void start() throws Exception {
        CurationReconcileTest.deleteTree(DIR);
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("curation.yaml"), """
                collections:
                  - title: Trending this week
                    section: Movies
                    source: { type: popular, days: 7, size: 10 }
                    visibility: { home: true, shared: true }
                    position: 1
                """);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(3000));
        SimulatorSettings.of(sim, true, DIR).forEach(System::setProperty);
        System.setProperty("projectionist.history.enabled", "false");
        System.setProperty("projectionist.events.enabled", "false");
        System.setProperty("projectionist.curation.file", DIR.resolve("curation.yaml").toString());
        System.setProperty("projectionist.curation.apply", "true");
        System.setProperty("projectionist.curation.on-startup", "true");
        System.setProperty("projectionist.curation.startup-delay", "500");
        System.setProperty("projectionist.curation.notify-uri", "seda:curation-applied-test");
    }

    @AfterAll
    static void stop() {
        KEYS.forEach(System::clearProperty);
        sim.close();
    }

    @Test
    void startupRunAppliesVerifiesAndNotifies() throws Exception {
        ConsumerTemplate consumer = context.createConsumerTemplate();
        Exchange e = consumer.receive("seda:curation-applied-test", 30_000);
        assertThat(e).as("a summary published after applying").isNotNull();
        Map<?, ?> summary = e.getMessage().getBody(Map.class);
        assertThat(summary.get("mode")).isEqualTo("apply");
        assertThat(((Number) summary.get("applied")).intValue()).isGreaterThanOrEqualTo(4);
        assertThat(e.getMessage().getHeader(CurationRoutes.TEXT, String.class))
                .contains("create collection \"Trending this week\"");
        CollectionInfo c = sim.plexState().collections(1).stream()
                .filter(x -> x.title().equals("Trending this week")).findFirst().orElseThrow();
        assertThat(c.items()).hasSize(10);
        assertThat(sim.plexState().managedHubs(1).get(0).collectionRatingKey()).isEqualTo(c.ratingKey());
        assertThat(Files.readString(DIR.resolve("out/plans/curation-plan.txt"))).contains("apply");
        assertThat(Files.readAllLines(DIR.resolve("data/curation/audit.jsonl"))).isNotEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DIR.resolve("data/curation/audit.jsonl"))))
                .as("the audit log is the daemon user's alone").isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DIR.resolve("data/curation"))))
                .isEqualTo("rwx------");
        try (var s = Files.list(DIR.resolve("data/plans"))) {
            assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("curation-.*\\.json"));
        }
    }
}
