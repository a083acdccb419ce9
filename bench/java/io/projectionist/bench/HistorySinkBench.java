package io.projectionist.bench;

import io.projectionist.history.EnrichedPlay;
import io.projectionist.history.HistoryEnricher;
import io.projectionist.history.HistoryFileSink;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.tautulli.TautulliClient;
import io.projectionist.tautulli.model.HistoryPage;
import io.projectionist.tautulli.model.HistoryRow;

import java.net.http.HttpClient;
import java.time.Duration;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.projectionist.support.Json;
import java.io.OutputStream;
import java.lang.reflect.Method;

/**
 * The file-drop sink alone: enriched plays from the simulator (Tautulli rows joined with Plex metadata, as the
 * ingestion route builds them) written as day files, JSON Lines only and JSON Lines + CSV, in pages as the route
 * hands them over. Isolates the sink's cost from fetching and enrichment.
 *
 * <pre>
 * mvn -B -Pbench test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.args="-Xmx1g -cp %classpath io.projectionist.bench.HistorySinkBench 200000 5000"
 * </pre>
 * Arguments: plays; page size.
 */
public final class HistorySinkBench {

    public static void main(String[] args) throws Exception {
        int plays = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        List<EnrichedPlay> enriched;
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withPlays(plays))) {
            List<HistoryRow> rows = new ArrayList<>(plays);
            TautulliClient tautulli = new TautulliClient(HttpClient.newHttpClient(), sim.tautulliUrl(),
                    sim.tautulliApiKey(), Duration.ofSeconds(60), false);
            while (rows.size() < plays) {
                HistoryPage page = (HistoryPage) tautulli.callTyped("get_history", Map.of("length", "10000",
                        "start", String.valueOf(rows.size()), "grouping", "0", "order_column", "started",
                        "order_dir", "asc", "include_activity", "0"));
                rows.addAll(page.data());
            }
            PlexClient plex = PlexClient.builder().baseUrl(sim.plexUrl()).token(sim.plexTokens().admin()).build();
            HistoryEnricher enricher = new HistoryEnricher(50, 100_000);
            Map<String, Optional<PlexItem>> answers = new HashMap<>();
            for (List<String> batch : enricher.missingBatches(rows)) {
                enricher.remember(batch, plex.metadata(batch), answers);
            }
            enriched = enricher.apply(rows, answers);
        }
        for (int round = 1; round <= 3; round++) {
            ObjectWriter json = Json.snakeCase().writer()
                    .withRootValueSeparator("\n");
            long ts = System.nanoTime();
            try (var w = json.writeValues(OutputStream.nullOutputStream())) {
                w.writeAll(enriched);
            }
            double ss = (System.nanoTime() - ts) / 1e9;
            System.out.printf("round %d, JSON serialisation alone: %,.0f rows/s%n", round, enriched.size() / ss);
            Method writeCsv = HistoryFileSink.class.getDeclaredMethod("writeCsv", List.class,
                    OutputStream.class);
            writeCsv.setAccessible(true);
            ts = System.nanoTime();
            writeCsv.invoke(null, enriched, OutputStream.nullOutputStream());
            ss = (System.nanoTime() - ts) / 1e9;
            System.out.printf("round %d, CSV formatting alone: %,.0f rows/s%n", round, enriched.size() / ss);
            for (boolean csv : new boolean[] {false, true}) {
                Path dir = Path.of("target/bench/sink-" + round + "-" + csv);
                HistoryBackfillBench.delete(dir);
                HistoryFileSink sink = new HistoryFileSink(dir, ZoneOffset.UTC, csv);
                long t0 = System.nanoTime();
                for (int i = 0; i < enriched.size(); i += pageSize) {
                    List<EnrichedPlay> page = new ArrayList<>(enriched.subList(i, Math.min(enriched.size(), i + pageSize)));
                    // as the route does: while more pages follow, the last play's day stays open
                    boolean more = i + pageSize < enriched.size();
                    sink.write(page, more ? sink.dayOf(page.get(page.size() - 1).play()) : null);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d, %s: %,d plays in %.2f s = %,.0f rows/s%n", round,
                        csv ? "JSONL + CSV" : "JSONL only", enriched.size(), s, enriched.size() / s);
            }
        }
    }
}
