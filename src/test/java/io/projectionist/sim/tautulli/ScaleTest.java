package io.projectionist.sim.tautulli;

import static io.projectionist.sim.SimTestSupport.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.http.Params;
import io.projectionist.sim.world.History;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.time.Instant;

/** A million plays: quick to generate, and get_history pages stay fast. */
class ScaleTest {

    static Simulator sim;
    static long generationMs;

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        sim = Simulator.start(SimTestSupport.options(1_000_000), SimClock.fixed(SimTestSupport.ANCHOR));
        generationMs = (System.nanoTime() - t0) / 1_000_000;
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void generatesInAFewSeconds() {
        assertThat(sim.world().history().size()).isEqualTo(1_000_000);
        assertThat(generationMs).as("generation + server start, ms").isLessThan(8_000);
    }

    @Test
    void aPageOfTenThousandRowsFromTheEndIsFast() throws Exception {
        TautulliApi direct = new TautulliApi(sim.world(), sim.sessions(), sim.clock(), sim.tautulliApiKey());
        Params p = new Params(Map.of("apikey", sim.tautulliApiKey(), "cmd", "get_history", "start", "990000",
                "length", "10000"));
        direct.handle("/api/v2", p).render(); // warm-up (JIT)
        long best = Long.MAX_VALUE;
        byte[] body = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            body = direct.handle("/api/v2", p).render();
            best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
        }
        assertThat(best).as("ms for a 10,000-row page at offset 990,000").isLessThan(400);
        JsonNode d = SimTestSupport.JSON.readTree(body).path("response").path("data");
        assertThat(d.path("recordsFiltered").asInt()).isEqualTo(1_000_000);
        assertThat(d.path("data")).hasSize(10_000);
        // newest first: offset 990,000 holds the oldest ten thousand
        assertThat(d.path("data").get(0).path("id").asInt()).isEqualTo(10_000);
        assertThat(d.path("data").get(9_999).path("id").asInt()).isEqualTo(1);

        // the same over HTTP, streamed
        long t0 = System.nanoTime();
        JsonNode overHttp = api(sim, "cmd", "get_history", "start", "990000", "length", "10000").data();
        long httpMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(overHttp.path("data")).hasSize(10_000);
        assertThat(httpMs).as("ms over HTTP").isLessThan(2_000);
    }

    @Test
    void dateBoundedAndFilteredQueriesStayFast() {
        History h = sim.world().history();
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(h.started(600_000)), ZoneOffset.UTC);
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        int expected = h.lowerBound(to) - h.lowerBound(from);
        long t0 = System.nanoTime();
        JsonNode d = api(sim, "cmd", "get_history", "after", day.toString(), "before", day.toString()).data();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(d.path("recordsFiltered").asInt()).isEqualTo(expected).isPositive();
        assertThat(ms).isLessThan(1_000);
        long t1 = System.nanoTime();
        JsonNode filtered = api(sim, "cmd", "get_history", "user_id", "1002", "media_type", "movie",
                "order_column", "duration", "length", "50").data();
        assertThat(filtered.path("data")).hasSize(50);
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(3_000);
        long t2 = System.nanoTime();
        assertThat(api(sim, "cmd", "get_home_stats").status()).isEqualTo(200);
        assertThat((System.nanoTime() - t2) / 1_000_000).isLessThan(3_000);
    }
}
