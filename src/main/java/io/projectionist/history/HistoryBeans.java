package io.projectionist.history;

import io.projectionist.tautulli.HistoryWatermark;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.Settings;

/**
 * Builds the ingestion's state and helpers from {@code projectionist.history.*}: the watermark and the seen-plays
 * store in the data folder ({@code store=file}, the default) or in PostgreSQL ({@code store=jdbc}), the Plex
 * enrichment cache, the file sink, progress and dead letters.
 */
public class HistoryBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent pc = context.getPropertiesComponent();
        Settings settings = Settings.of(pc);
        Path dataDir = Path.of(prop(pc, "projectionist.data-dir", "data"));
        ZoneId zone = zone(prop(pc, "projectionist.history.time-zone", ""));
        int overlap = settings.integer("projectionist.history.overlap-days", 1, 0, 365);

        HistoryWatermark watermark;
        SeenPlays.Store store;
        String kind = prop(pc, "projectionist.history.store", "file");
        if ("jdbc".equals(kind)) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(prop(pc, "projectionist.history.jdbc-url", ""));
            ds.setUser(prop(pc, "projectionist.history.jdbc-user", ""));
            ds.setPassword(prop(pc, "projectionist.history.jdbc-password", ""));
            watermark = new JdbcHistoryWatermark(ds, "history");
            store = new JdbcSeenStore(ds, "history",
                    Duration.ofDays(settings.number("projectionist.history.jdbc-retention-days", 7, 1, 36_500)));
        } else if ("file".equals(kind)) {
            watermark = new FileHistoryWatermark(dataDir.resolve("history/watermark"));
            store = new FileSeenStore(dataDir.resolve("history/seen-plays"));
        } else {
            throw new ConfigurationException("projectionist.history.store"
                    + " (PROJECTIONIST_HISTORY_STORE) must be file or jdbc, not '" + kind + "'");
        }
        SeenPlays seen = new SeenPlays(store);
        HistoryFileSink sink = new HistoryFileSink(
                Path.of(prop(pc, "projectionist.history.dir",
                        Path.of(prop(pc, "projectionist.out-dir", "out")).resolve("history").toString())),
                zone, settings.bool("projectionist.history.csv", true));
        HistoryProgress progress = new HistoryProgress(
                Duration.ofMillis(settings.millis("projectionist.history.progress-interval", 10_000)));

        context.getRegistry().bind("historyWatermark", HistoryWatermark.class, watermark);
        context.getRegistry().bind("historySeen", seen);
        context.getRegistry().bind("historyEnricher", new HistoryEnricher(
                settings.integer("projectionist.history.plex-batch-size", 50, 1, 1_000),
                settings.integer("projectionist.history.cache-size", 20_000, 0, Integer.MAX_VALUE)));
        context.getRegistry().bind("historySink", sink);
        context.getRegistry().bind("historyProgress", progress);
        HistoryWriter writer = new HistoryWriter(sink, seen, progress, overlap, zone);
        context.getRegistry().bind("historyWriter", writer);
        context.addService(writer); // stopping it drops the unpublished day files of an interrupted backfill
        context.getRegistry().bind("historyDeadLetters", new HistoryDeadLetters(Path.of(
                prop(pc, "projectionist.history.dead-letter-dir", dataDir.resolve("dead-letter/history").toString())),
                seen));
        // bounded concurrency toward Plex, whatever the page size
        ExecutorService plexPool = context.getExecutorServiceManager().newFixedThreadPool(this, "history-plex",
                settings.integer("projectionist.history.plex-concurrency", 2, 1, 64));
        settings.throwIfProblems(); // every mistake at once, before anything runs
        context.getRegistry().bind("historyPlexPool", plexPool);
        // one writer: pages are written in the order they were read (the sink keeps a day open across pages)
        context.getRegistry().bind("historyWriterPool",
                context.getExecutorServiceManager().newSingleThreadExecutor(this, "history-writer"));
    }

    static ZoneId zone(String value) {
        return value == null || value.isBlank() ? ZoneId.systemDefault() : ZoneId.of(value.strip());
    }

    private static String prop(PropertiesComponent pc, String key, String fallback) {
        return pc.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(fallback);
    }
}
