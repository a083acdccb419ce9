package io.projectionist.history;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped application ingesting the simulator's history: a backfill writes every play once, enriched from the
 * simulated Plex; an unchanged history writes nothing more; a new play appears exactly once.
 */
@CamelMainTest(mainClass = Projectionist.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryIngestionTest {

    static final Path OUT = Path.of("target/it/history-ingestion/out");
    static final Path DATA = Path.of("target/it/history-ingestion/data");
    static final int PLAYS = 3000;
    static Simulator sim;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startSimulator() throws Exception {
        HistoryOutput.delete(OUT.getParent());
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(PLAYS));
        SimulatorSettings.of(sim, true).forEach(System::setProperty);
        System.setProperty("projectionist.out-dir", OUT.toString());
        System.setProperty("projectionist.data-dir", DATA.toString());
        System.setProperty("projectionist.history.poll-interval", "500");
        System.setProperty("projectionist.history.page-size", "700");
        System.setProperty("projectionist.history.time-zone", "UTC");
    }

    @AfterAll
    static void stopSimulator() {
        for (String p : List.of("tautulli.url", "tautulli.api-key", "plex.url", "plex.token", "projectionist.out-dir",
                "projectionist.data-dir", "projectionist.history.poll-interval", "projectionist.history.page-size",
                "projectionist.history.time-zone")) {
            System.clearProperty(p);
        }
        sim.close();
    }

    private void awaitPolls(int polls) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("history-ingest").whenCompleted(polls).create();
        assertThat(done.matches(60, TimeUnit.SECONDS)).as(polls + " history page(s) processed").isTrue();
    }

    private static void awaitRows(int rows) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (HistoryOutput.idCounts(OUT.resolve("history")).size() < rows && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    @Test
    @Order(1)
    void backfillWritesEveryPlayExactlyOnceEnriched() throws Exception {
        awaitRows(PLAYS);
        Map<Long, Integer> counts = HistoryOutput.idCounts(OUT.resolve("history"));
        assertThat(counts).hasSize(PLAYS);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(
                sim.world().history().stream().map(r -> (long) r.id()).collect(Collectors.toSet()));

        List<JsonNode> plays = HistoryOutput.plays(OUT.resolve("history"));
        assertThat(plays).allSatisfy(p -> assertThat(p.path("enrichment_status").asText()).isEqualTo("enriched"));
        // spot-check one play against the world: Tautulli's fields and Plex's metadata side by side
        PlayRow row = sim.world().history().row(PLAYS / 2);
        JsonNode out = plays.stream().filter(p -> p.path("id").asLong() == row.id()).findFirst().orElseThrow();
        assertThat(out.path("rating_key").asText()).isEqualTo(String.valueOf(row.item().ratingKey()));
        assertThat(out.path("user").asText()).isEqualTo(row.user().username());
        assertThat(out.path("started").asLong()).isEqualTo(row.started());
        assertThat(out.path("genres")).isNotEmpty();
        assertThat(out.path("video_resolution").asText()).isNotBlank();
        // files are partitioned by the day the play started, JSON Lines and CSV side by side
        Path jsonl = HistoryOutput.files(OUT.resolve("history"), ".jsonl").get(0);
        assertThat(jsonl.toString()).matches(".*history/\\d{4}/\\d{2}/\\d{2}\\.jsonl");
        Path csv = Path.of(jsonl.toString().replace(".jsonl", ".csv"));
        List<String> csvLines = Files.readAllLines(csv);
        assertThat(csvLines.get(0)).startsWith("reference_id,row_id,id,date,started,");
        assertThat(csvLines.get(0)).contains(",genres,").contains(",imdb_id,");
        assertThat(csvLines).hasSize(Files.readAllLines(jsonl).size() + 1);
        assertThat(Files.readString(DATA.resolve("history/watermark")).strip()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    @Order(2)
    void unchangedHistoryWritesNothingNew() throws Exception {
        Map<Path, Long> before = HistoryOutput.files(OUT.resolve("history"), "")
                .stream().filter(Files::isRegularFile)
                .collect(Collectors.toMap(p -> p, p -> p.toFile().lastModified() + p.toFile().length()));
        awaitPolls(2);
        Map<Path, Long> after = HistoryOutput.files(OUT.resolve("history"), "")
                .stream().filter(Files::isRegularFile)
                .collect(Collectors.toMap(p -> p, p -> p.toFile().lastModified() + p.toFile().length()));
        assertThat(after).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aNewPlayAppearsExactlyOnce() throws Exception {
        var session = sim.sessions().startRandom(1).get(0);
        PlayRow stopped = sim.sessions().stop(session.sessionKey());
        awaitRows(PLAYS + 1);
        awaitPolls(2); // and it stays single over further polls
        Map<Long, Integer> counts = HistoryOutput.idCounts(OUT.resolve("history"));
        assertThat(counts).hasSize(PLAYS + 1).containsEntry((long) stopped.id(), 1);
        assertThat(counts.values()).allMatch(n -> n == 1);
    }
}
