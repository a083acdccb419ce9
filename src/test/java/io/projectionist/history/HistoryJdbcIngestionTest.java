package io.projectionist.history;

import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** projectionist.history.store=jdbc: the same ingestion with its state in a real PostgreSQL (embedded, no Docker). */
@CamelMainTest(mainClass = Projectionist.class)
class HistoryJdbcIngestionTest {

    static final Path ROOT = Path.of("target/it/history-jdbc");
    static final int PLAYS = 600;
    static Simulator sim;
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        HistoryOutput.delete(ROOT);
        pg = EmbeddedPostgres.builder().start();
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(PLAYS).withSeed(11));
        SimulatorSettings.of(sim, true, ROOT).forEach(System::setProperty);
        System.setProperty("projectionist.history.store", "jdbc");
        System.setProperty("projectionist.history.jdbc-url", pg.getJdbcUrl("postgres", "postgres"));
        System.setProperty("projectionist.history.jdbc-user", "postgres");
        System.setProperty("projectionist.history.page-size", "250");
    }

    @AfterAll
    static void stop() throws Exception {
        for (String p : List.of("tautulli.url", "tautulli.api-key", "plex.url", "plex.token", "projectionist.out-dir",
                "projectionist.data-dir", "projectionist.history.store", "projectionist.history.jdbc-url",
                "projectionist.history.jdbc-user", "projectionist.history.page-size")) {
            System.clearProperty(p);
        }
        sim.close();
        pg.close();
    }

    @Test
    void ingestsOnceWithStateInPostgres() throws Exception {
        Path history = ROOT.resolve("out/history");
        long deadline = System.currentTimeMillis() + 60_000;
        while (HistoryOutput.idCounts(history).size() < PLAYS && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        Map<Long, Integer> counts = HistoryOutput.idCounts(history);
        assertThat(counts).hasSize(PLAYS);
        assertThat(counts.values()).allMatch(n -> n == 1);
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet wm = c.createStatement().executeQuery("SELECT last_fully_read FROM projectionist_watermark");
             ResultSet ids = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'history'")) {
            assertThat(wm.next()).as("watermark stored in PostgreSQL").isTrue();
            assertThat(ids.next()).isTrue();
            assertThat(ids.getLong(1)).as("ingested ids stored in PostgreSQL").isPositive();
        }
        assertThat(ROOT.resolve("data/history/watermark")).doesNotExist();
    }
}
