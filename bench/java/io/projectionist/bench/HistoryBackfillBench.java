package io.projectionist.bench;

import io.projectionist.Daemon;
import io.projectionist.history.HistoryProgress;
import io.projectionist.plex.PlexConstants;
import io.projectionist.sim.world.World;
import io.projectionist.sim.world.PlayRow;
import io.projectionist.tautulli.TautulliClient;
import io.projectionist.tautulli.model.HistoryPage;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * History backfill throughput: the shipped ingestion (pages, idempotent consumer, batched and cached Plex
 * enrichment, JSONL + CSV sinks) against a naive route (one Plex request per row, no cache), on the simulator.
 * Prints rows/s, Plex requests (as counted by the simulator), distinct items, the largest live heap after GC and
 * peak RSS. The simulator runs as a separate process ({@code projectionist simulate}), as Tautulli and Plex do, so
 * heap and RSS are the daemon's; it still shares the two cores.
 *
 * <pre>
 * mvn -B -Pbench test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.args="-Xmx256m -cp %classpath io.projectionist.bench.HistoryBackfillBench 100000,1000000 20000"
 * </pre>
 * Arguments: history sizes; rows the naive baseline processes (its rate is what is compared).
 */
public final class HistoryBackfillBench {

    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "100000,1000000").split(",");
        int baselineRows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        for (String size : sizes) {
            run(Integer.parseInt(size.strip()), baselineRows);
        }
    }

    static final long SEED = 42;

    static void run(int plays, int baselineRows) throws Exception {
        Path root = Path.of("target/bench/history-" + plays);
        delete(root);
        // the same world the simulator process generates from the seed: what the plays need from Plex
        int distinct = distinctItems(World.generate(SEED, plays, 90, Instant.now(), ZoneOffset.UTC));
        System.gc();

        // --- shipped ingestion, against the simulator in a process of its own ---
        double seconds;
        long plexRequests;
        long simRssKb;
        LiveHeap live;
        try (ExternalSimulator sim = ExternalSimulator.start(plays, SEED)) {
            Map<String, String> o = new LinkedHashMap<>();
            o.put("tautulli.url", sim.tautulliUrl());
            o.put("tautulli.api-key", sim.tautulliApiKey());
            o.put("plex.url", sim.plexUrl());
            o.put("plex.token", sim.plexToken());
            o.put("projectionist.out-dir", root.resolve("out").toString());
            o.put("projectionist.data-dir", root.resolve("data").toString());
            o.put("projectionist.history.time-zone", "UTC");
            o.put("projectionist.history.poll-interval", "3600000");
            o.put("projectionist.history.progress-interval", "5000");
            o.put("camel.main.routes-include-pattern", "classpath:no-yaml-routes-in-bench/*.yaml");
            o.put("camel.main.routes-builder-classes",
                    "io.projectionist.ops.UpstreamErrorHandling,io.projectionist.history.HistoryRoutes");
            live = new LiveHeap();
            Main main = Daemon.create(new Daemon.Options(List.of(), null, o));
            long t0 = System.nanoTime();
            main.start();
            CamelContext ctx = main.getCamelContext();
            HistoryProgress progress = ctx.getRegistry().lookupByNameAndType("historyProgress", HistoryProgress.class);
            while (progress.written() < plays) {
                Thread.sleep(50);
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            main.stop();
            live.close();
            simRssKb = sim.peakRssKb();
            plexRequests = sim.stop();
        }
        System.out.printf("%n== %,d plays ==%n", plays);
        System.out.printf("shipped:  %,d rows in %.1f s = %,.0f rows/s; Plex requests %,d for %,d distinct items"
                        + " (%,d / 50 = %,d); live heap after GC max %,d MB (of -Xmx %,d MB); peak RSS %,d MB"
                        + " (simulator process: %,d MB)%n",
                plays, seconds, plays / seconds, plexRequests, distinct, distinct, (distinct + 49) / 50,
                live.maxBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, peakRssKb() >> 10, simRssKb >> 10);

        // --- naive baseline: one Plex request per row, no cache, a fresh simulator ---
        System.gc();
        try (ExternalSimulator sim = ExternalSimulator.start(plays, SEED)) {
            List<HistoryRow> rows = firstRows(sim.tautulliUrl(), sim.tautulliApiKey(), baselineRows);
            Main naive = Daemon.create(new Daemon.Options(List.of(), null, Map.of(
                    "tautulli.url", sim.tautulliUrl(), "tautulli.api-key", sim.tautulliApiKey(),
                    "plex.url", sim.plexUrl(), "plex.token", sim.plexToken(),
                    "camel.main.routes-include-pattern", "classpath:no-yaml-routes-in-bench/*.yaml",
                    "camel.main.routes-builder-classes", "io.projectionist.ops.UpstreamErrorHandling",
                    "projectionist.data-dir", root.resolve("naive-data").toString())));
            naive.start();
            ProducerTemplate template = naive.getCamelContext().createProducerTemplate();
            Path out = root.resolve("naive.jsonl");
            long t1 = System.nanoTime();
            try (var w = Files.newBufferedWriter(out)) {
                for (HistoryRow row : rows) {
                    Object item = template.requestBodyAndHeader("plex:metadata", null, PlexConstants.RATING_KEYS,
                            row.ratingKey());
                    w.write(String.valueOf(row.id()) + " " + (item != null) + "\n");
                }
            }
            double naiveSeconds = (System.nanoTime() - t1) / 1e9;
            naive.stop();
            long naiveRequests = sim.stop();
            System.out.printf("baseline: %,d rows in %.1f s = %,.0f rows/s; Plex requests %,d%n",
                    rows.size(), naiveSeconds, rows.size() / naiveSeconds, naiveRequests);
            System.out.printf("shipped / baseline rows/s: %.1fx%n", (plays / seconds) / (rows.size() / naiveSeconds));
        }
    }

    static List<HistoryRow> firstRows(String tautulliUrl, String apiKey, int n) {
        TautulliClient client = new TautulliClient(HttpClient.newHttpClient(), tautulliUrl, apiKey,
                Duration.ofSeconds(60), false);
        HistoryPage page = (HistoryPage) client.callTyped("get_history", Map.of("length", String.valueOf(n),
                "grouping", "0", "order_column", "started", "order_dir", "asc", "include_activity", "0"));
        return page.data();
    }

    /** Distinct rating keys the plays need: the items, and shows/artists of episodes and tracks. */
    static int distinctItems(World world) {
        Set<Integer> keys = new HashSet<>();
        for (PlayRow r : world.history()) {
            keys.add(r.item().ratingKey());
            world.grandparent(r.item()).ifPresent(g -> keys.add(g.ratingKey()));
        }
        return keys.size();
    }

    /** The largest live set seen: old-generation use right after a collection, sampled while the run goes on. */
    static final class LiveHeap implements AutoCloseable {
        private volatile long max;
        private final Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        used += pool.getCollectionUsage().getUsed();
                    }
                }
                max = Math.max(max, used);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "live-heap");

        LiveHeap() {
            sampler.setDaemon(true);
            sampler.start();
        }

        long maxBytes() {
            return max;
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }

    static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static void delete(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
