package io.projectionist.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.PlayRow;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Files;

/**
 * Ingestion when Plex misbehaves: a 429 with Retry-After is waited out exactly and nothing is lost; Plex down
 * parks the page in the dead-letter folder and replay ingests it; an item gone from Plex still ingests, marked.
 */
@CamelMainTest(mainClass = Projectionist.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryResilienceTest {

    static final Path ROOT = Path.of("target/it/history-resilience");
    static final Path OUT = ROOT.resolve("out");
    static final Path DEAD = ROOT.resolve("data/dead-letter/history");
    static final int PLAYS = 400;
    static final int RETRY_AFTER_SECONDS = 2;
    static Simulator sim;
    static long startedAt;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startSimulator() throws Exception {
        HistoryOutput.delete(ROOT);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(PLAYS).withSeed(7));
        // the first two Plex calls are refused with 429 and Retry-After: 2
        sim.plexFaults().rateLimitNext(2, RETRY_AFTER_SECONDS);
        SimulatorSettings.of(sim, true).forEach(System::setProperty);
        System.setProperty("projectionist.out-dir", OUT.toString());
        System.setProperty("projectionist.data-dir", ROOT.resolve("data").toString());
        System.setProperty("projectionist.history.poll-interval", "500");
        System.setProperty("projectionist.history.time-zone", "UTC");
        System.setProperty("projectionist.history.plex-concurrency", "1");
        // short back-off so "Plex down" exhausts its retries quickly; Retry-After must still win over it
        System.setProperty("projectionist.upstream.retries", "3");
        System.setProperty("projectionist.upstream.retry-delay", "50");
        System.setProperty("projectionist.upstream.max-retry-delay", "200");
        // the breaker opens while Plex is down: let it try again soon after Plex is back
        System.setProperty("projectionist.history.breaker-open-millis", "1000");
        startedAt = System.currentTimeMillis();
    }

    @AfterAll
    static void stopSimulator() {
        for (String p : List.of("tautulli.url", "tautulli.api-key", "plex.url", "plex.token", "projectionist.out-dir",
                "projectionist.data-dir", "projectionist.history.poll-interval", "projectionist.history.time-zone",
                "projectionist.history.plex-concurrency", "projectionist.upstream.retries",
                "projectionist.upstream.retry-delay", "projectionist.upstream.max-retry-delay",
                "projectionist.history.breaker-open-millis")) {
            System.clearProperty(p);
        }
        sim.close();
    }

    private static void awaitRows(int rows) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (HistoryOutput.idCounts(OUT.resolve("history")).size() < rows && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    private static void awaitDeadLetters(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (HistoryOutput.files(DEAD, ".json").size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    @Order(1)
    void rateLimitIsWaitedOutExactlyAndNothingIsLost() throws Exception {
        awaitRows(PLAYS);
        long elapsed = System.currentTimeMillis() - startedAt;
        assertThat(sim.plexFaults().injected()).as("both 429s were served").isEqualTo(2);
        // the policy alone would have retried after 50 + 100 ms; Retry-After asked for 2 s each time
        assertThat(elapsed).isGreaterThanOrEqualTo(2L * RETRY_AFTER_SECONDS * 1000);
        Map<Long, Integer> counts = HistoryOutput.idCounts(OUT.resolve("history"));
        assertThat(counts).hasSize(PLAYS);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(HistoryOutput.plays(OUT.resolve("history")))
                .allSatisfy(p -> assertThat(p.path("enrichment_status").asText()).isEqualTo("enriched"));
        assertThat(HistoryOutput.files(DEAD, ".json")).isEmpty();
    }

    @Test
    @Order(2)
    void plexDownParksThePageAndReplayIngestsIt() throws Exception {
        Item fresh = unplayedMovie(0);
        sim.plexFaults().serverErrorNext(1000);
        PlayRow play = sim.sessions().stop(sim.sessions().start(1001, fresh.ratingKey()).sessionKey());
        awaitDeadLetters(1);
        assertThat(HistoryOutput.idCounts(OUT.resolve("history"))).doesNotContainKey((long) play.id());
        Path parked = HistoryOutput.files(DEAD, ".json").get(0);
        assertThat(Files.readString(parked)).contains("\"reason\":\"PlexException: ").contains("HTTP 500")
                .contains("\"id\":" + play.id());

        sim.plexFaults().reset();
        Thread.sleep(1100); // the failures opened the breaker: Plex is tried again once it half-opens
        ProducerTemplate template = context.createProducerTemplate();
        HistoryDeadLetters deadLetters = context.getRegistry().lookupByNameAndType("historyDeadLetters",
                HistoryDeadLetters.class);
        assertThat(deadLetters.replay(template, "direct:history-page")).isEqualTo(1);
        assertThat(HistoryOutput.files(DEAD, ".json")).isEmpty();
        Map<Long, Integer> counts = HistoryOutput.idCounts(OUT.resolve("history"));
        assertThat(counts).containsEntry((long) play.id(), 1);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(HistoryOutput.plays(OUT.resolve("history")).stream()
                .filter(p -> p.path("id").asLong() == play.id()).findFirst().orElseThrow()
                .path("enrichment_status").asText()).isEqualTo("enriched");
    }

    @Test
    @Order(3)
    void anItemGoneFromPlexStillIngestsMarked() throws Exception {
        Item gone = unplayedMovie(1);
        sim.plexFaults().failNext(1, 404); // Plex answers 404 for the whole multi-get: none of the keys exist
        PlayRow play = sim.sessions().stop(sim.sessions().start(1002, gone.ratingKey()).sessionKey());
        awaitRows(PLAYS + 2);
        JsonNode out = HistoryOutput.plays(OUT.resolve("history")).stream()
                .filter(p -> p.path("id").asLong() == play.id()).findFirst().orElseThrow();
        assertThat(out.path("enriched").asBoolean()).isFalse();
        assertThat(out.path("enrichment_status").asText()).isEqualTo("not_in_plex");
        assertThat(out.path("title").asText()).isEqualTo(gone.title()); // Tautulli's fields are all there
    }

    /** A movie nobody has played yet, so its metadata is not cached. */
    private static Item unplayedMovie(int skip) {
        Set<Integer> played = sim.world().history().stream().map(r -> r.item().ratingKey()).collect(Collectors.toSet());
        return sim.world().itemsOfType(MediaType.MOVIE).stream().filter(i -> !played.contains(i.ratingKey()))
                .skip(skip).findFirst().orElseThrow();
    }
}
