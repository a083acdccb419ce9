package io.projectionist.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Plex that is configured but fails (500 to everything, then 401 to everything) must not turn plays into
 * {@code not_in_plex} rows: the pages are parked, nothing is written or committed and the watermark stays. Once
 * Plex is back, the next poll ingests every play enriched, and replaying the parked pages adds nothing twice.
 */
@CamelMainTest(mainClass = Projectionist.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryPlexOutageTest {

    static final Path ROOT = Path.of("target/it/history-plex-outage");
    static final Path OUT = ROOT.resolve("out/history");
    static final Path DATA = ROOT.resolve("data");
    static final Path DEAD = DATA.resolve("dead-letter/history");
    /** Larger runs for the figures: {@code -Dhistory.outage.plays=20000 -Dhistory.outage.page-size=5000}. */
    static final int PLAYS = Integer.getInteger("history.outage.plays", 1200);
    static final int PAGE = Integer.getInteger("history.outage.page-size", 400);
    /** More faults than the run makes Plex requests: Plex fails everything until reset. */
    static final int ALWAYS = 200_000;
    static final List<String> PROPS = List.of("tautulli.url", "tautulli.api-key", "plex.url", "plex.token",
            "projectionist.out-dir", "projectionist.data-dir", "projectionist.history.poll-interval",
            "projectionist.history.page-size", "projectionist.history.time-zone",
            "projectionist.history.plex-concurrency", "projectionist.history.breaker-open-millis",
            "projectionist.upstream.retries", "projectionist.upstream.retry-delay",
            "projectionist.upstream.max-retry-delay");
    static Simulator sim;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startSimulator() throws Exception {
        HistoryOutput.delete(ROOT);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(PLAYS).withSeed(13));
        sim.plexFaults().failNext(ALWAYS, 500);
        SimulatorSettings.of(sim, true).forEach(System::setProperty);
        System.setProperty("projectionist.out-dir", ROOT.resolve("out").toString());
        System.setProperty("projectionist.data-dir", DATA.toString());
        System.setProperty("projectionist.history.poll-interval", "300");
        System.setProperty("projectionist.history.page-size", String.valueOf(PAGE));
        System.setProperty("projectionist.history.time-zone", "UTC");
        System.setProperty("projectionist.history.plex-concurrency", "1");
        // the breaker opens under the failures and half-opens quickly, so both paths (breaker open, and a
        // failed call) are exercised
        System.setProperty("projectionist.history.breaker-open-millis", "1000");
        System.setProperty("projectionist.upstream.retries", "2");
        System.setProperty("projectionist.upstream.retry-delay", "10");
        System.setProperty("projectionist.upstream.max-retry-delay", "20");
    }

    @AfterAll
    static void stopSimulator() {
        PROPS.forEach(System::clearProperty);
        sim.close();
    }

    private void awaitPolls(int polls) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("history-ingest").whenDone(polls).create();
        assertThat(done.matches(60, TimeUnit.SECONDS)).as(polls + " history page(s) done").isTrue();
    }

    private static void awaitDeadLetters() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (HistoryOutput.files(DEAD, ".json").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Every row id in the parked pages, duplicates included. */
    private static List<Long> parkedIds() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Long> ids = new ArrayList<>();
        for (Path f : HistoryOutput.files(DEAD, ".json")) {
            for (JsonNode row : mapper.readTree(f.toFile()).path("rows")) {
                ids.add(row.path("id").asLong());
            }
        }
        return ids;
    }

    /** The run's figures, one line: rows written, distinct ids, enriched, parked, committed, watermark. */
    private static void report(String phase) throws IOException {
        Map<Long, Integer> counts = HistoryOutput.idCounts(OUT);
        long enriched = HistoryOutput.plays(OUT).stream()
                .filter(p -> "enriched".equals(p.path("enrichment_status").asText())).count();
        Path seen = DATA.resolve("history/seen-plays");
        long committed = Files.exists(seen) ? Files.readAllLines(seen).size() : 0;
        Path watermark = DATA.resolve("history/watermark");
        System.out.printf("history outage figures (%s, %d plays): rows written %d, distinct ids %d, enriched %d;"
                        + " parked %d plays in %d files; ids committed %d; watermark %s%n", phase, PLAYS,
                counts.values().stream().mapToInt(Integer::intValue).sum(), counts.size(), enriched,
                parkedIds().size(), HistoryOutput.files(DEAD, ".json").size(), committed,
                Files.exists(watermark) ? Files.readString(watermark).strip() : "none");
    }

    private static void assertNothingIngested() throws IOException {
        assertThat(HistoryOutput.files(OUT, ".jsonl")).as("no play written").isEmpty();
        assertThat(HistoryOutput.files(OUT, ".csv")).as("no play written").isEmpty();
        Path seen = DATA.resolve("history/seen-plays");
        assertThat(!Files.exists(seen) || Files.size(seen) == 0).as("no id committed").isTrue();
        assertThat(DATA.resolve("history/watermark")).as("the watermark has not moved").doesNotExist();
        List<Long> parked = parkedIds();
        assertThat(parked).as("the first page is parked").hasSizeGreaterThanOrEqualTo(PAGE);
        assertThat(Set.copyOf(parked)).as("each play parked once, however often it is re-read").hasSize(parked.size());
    }

    @Test
    @Order(1)
    void plexFailingEverythingParksThePagesAndWritesNothing() throws Exception {
        awaitDeadLetters();
        awaitPolls(3); // the page is read again and again while Plex fails: still parked once
        report("Plex answering 500");
        assertNothingIngested();
        assertThat(Files.readString(HistoryOutput.files(DEAD, ".json").get(0))).contains("\"reason\":\"");

        // a token Plex rejects is no different: Plex is down for us
        sim.plexFaults().reset();
        sim.plexFaults().failNext(ALWAYS, 401);
        awaitPolls(3);
        report("Plex answering 401");
        assertNothingIngested();
    }

    @Test
    @Order(2)
    void oncePlexIsBackEveryPlayIsIngestedEnrichedExactlyOnce() throws Exception {
        sim.plexFaults().reset();
        long deadline = System.currentTimeMillis() + 60_000;
        while (HistoryOutput.idCounts(OUT).size() < PLAYS && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        report("Plex back");
        Set<Long> world = sim.world().history().stream().map(r -> (long) r.id()).collect(Collectors.toSet());
        Map<Long, Integer> counts = HistoryOutput.idCounts(OUT);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(world);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(HistoryOutput.plays(OUT))
                .allSatisfy(p -> assertThat(p.path("enrichment_status").asText()).isEqualTo("enriched"));

        // the parked pages were ingested by the poll: replaying them adds nothing and empties the folder
        int parkedFiles = HistoryOutput.files(DEAD, ".json").size();
        HistoryDeadLetters letters = context.getRegistry().lookupByNameAndType("historyDeadLetters",
                HistoryDeadLetters.class);
        assertThat(letters.replay(context.createProducerTemplate(), "direct:history-page")).isEqualTo(parkedFiles);
        assertThat(HistoryOutput.files(DEAD, ".json")).isEmpty();
        Map<Long, Integer> after = HistoryOutput.idCounts(OUT);
        assertThat(after).hasSize(PLAYS);
        assertThat(after.values()).allMatch(n -> n == 1);
        report("after replay");
        assertThat(Files.readString(DATA.resolve("history/watermark")).strip()).matches("\\d{4}-\\d{2}-\\d{2}");
    }
}
