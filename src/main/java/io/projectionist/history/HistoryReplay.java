package io.projectionist.history;

import io.projectionist.Daemon;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.io.IOException;

/**
 * {@code projectionist replay history}: boots the daemon's configuration with only the ingestion routes and no
 * pollers, and sends every parked page through the same pipeline (dedup, Plex enrichment, sinks). Pages that
 * fail again are parked again with the new reason. Plays the daemon's polls ingested meanwhile are dropped by the
 * ids, so a page replayed after Plex came back adds nothing twice.
 */
public final class HistoryReplay {

    private HistoryReplay() {
    }

    /** @return the number of pages still parked afterwards */
    public static int run(List<Path> configFiles, PrintStream out) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camel.main.routes-include-pattern", "classpath:no-yaml-routes-for-replay/*.yaml");
        overrides.put("camel.main.routes-builder-classes",
                "io.projectionist.ops.UpstreamErrorHandling,io.projectionist.history.HistoryRoutes");
        overrides.put("projectionist.history.enabled", "false"); // no polling: only what is parked
        Main main = Daemon.create(new Daemon.Options(configFiles, null, overrides));
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            HistoryDeadLetters letters = context.getRegistry().lookupByNameAndType("historyDeadLetters",
                    HistoryDeadLetters.class);
            int replayed = letters.replay(context.createProducerTemplate(), "direct:history-page");
            int left = count(letters.dir());
            out.printf("history: %d parked page(s) ingested, %d still parked in %s%n", replayed, left, letters.dir());
            return left;
        } finally {
            main.stop();
        }
    }

    private static int count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}
