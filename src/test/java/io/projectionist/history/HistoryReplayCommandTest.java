package io.projectionist.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.projectionist.ReplayCommand;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.support.Json;
import io.projectionist.tautulli.TautulliClient;
import io.projectionist.tautulli.model.HistoryPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code projectionist replay history}: parked pages go through the real pipeline and leave the folder. */
class HistoryReplayCommandTest {

    static final Path ROOT = Path.of("target/it/history-replay");
    static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        HistoryOutput.delete(ROOT);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(50).withSeed(5));
        SimulatorSettings.of(sim, true, ROOT).forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        for (String p : List.of("tautulli.url", "tautulli.api-key", "plex.url", "plex.token", "projectionist.out-dir",
                "projectionist.data-dir")) {
            System.clearProperty(p);
        }
        sim.close();
    }

    @Test
    void parkedPageIsIngestedAndRemoved() throws Exception {
        // park three real rows the way the ingestion does
        HistoryPage page = (HistoryPage) new TautulliClient(HttpClient.newHttpClient(), sim.tautulliUrl(),
                sim.tautulliApiKey(), Duration.ofSeconds(5), false)
                .callTyped("get_history", Map.of("length", "3", "grouping", "0"));
        ObjectMapper mapper = Json.snakeCase();
        ObjectNode doc = mapper.createObjectNode();
        doc.put("reason", "PlexException: Plex failed (HTTP 500)");
        doc.set("rows", mapper.valueToTree(page.data()));
        Path dead = ROOT.resolve("data/dead-letter/history");
        Files.createDirectories(dead);
        Files.write(dead.resolve("page-1-test.json"), mapper.writeValueAsBytes(doc));

        int exit = new CommandLine(new ReplayCommand()).execute("history");

        assertThat(exit).isZero();
        assertThat(HistoryOutput.files(dead, ".json")).isEmpty();
        Map<Long, Integer> counts = HistoryOutput.idCounts(ROOT.resolve("out/history"));
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(
                page.data().stream().map(r -> r.id()).toList());
        assertThat(HistoryOutput.plays(ROOT.resolve("out/history")))
                .allSatisfy(p -> assertThat(p.path("enrichment_status").asText()).isEqualTo("enriched"));
    }

    @Test
    void anythingButHistoryIsABadArgument() {
        assertThat(new CommandLine(new ReplayCommand()).execute("histroy")).isEqualTo(2);
    }
}
