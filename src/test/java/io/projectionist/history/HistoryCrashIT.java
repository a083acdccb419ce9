package io.projectionist.history;

import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of history ingestion, with real processes: the packaged daemon backfills 100,000 plays and is
 * killed with SIGKILL at random moments five times, then runs to the end. Every play must be in the output
 * exactly once.
 */
class HistoryCrashIT {

    static final int PLAYS = 100_000;
    static final Path ROOT = Path.of("target/it/history-crash").toAbsolutePath();
    static Simulator sim;

    @BeforeAll
    static void startSimulator() throws Exception {
        HistoryOutput.delete(ROOT);
        Files.createDirectories(ROOT.resolve("routes"));
        try (var routes = Files.list(Path.of("routes"))) {
            for (Path r : routes.toList()) {
                Files.copy(r, ROOT.resolve("routes").resolve(r.getFileName()));
            }
        }
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(PLAYS).withSeed(99));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    static Process startDaemon(int run) throws IOException {
        String jar = Path.of(System.getProperty("projectionist.jar", "target/projectionist.jar")).toAbsolutePath()
                .toString();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar, "run").directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ROOT.resolve("run-" + run + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("TAUTULLI_URL", sim.tautulliUrl());
        env.put("TAUTULLI_API_KEY", sim.tautulliApiKey());
        env.put("PLEX_URL", sim.plexUrl());
        env.put("PLEX_TOKEN", sim.plexTokens().admin());
        env.put("PROJECTIONIST_HISTORY_POLL_INTERVAL", "1000");
        env.put("PROJECTIONIST_HISTORY_PAGE_SIZE", "2000");
        env.put("PROJECTIONIST_HISTORY_TIME_ZONE", "UTC");
        env.put("PROJECTIONIST_EVENTS_ENABLED", "false");
        return pb.start();
    }

    /** Lines in the JSONL files: cheap enough to poll. */
    static long lines() throws IOException {
        long n = 0;
        for (Path f : HistoryOutput.files(ROOT.resolve("out/history"), ".jsonl")) {
            byte[] b = Files.readAllBytes(f);
            for (byte c : b) {
                if (c == '\n') {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void everyPlayExactlyOnceAfterFiveKills() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> kills = new ArrayList<>();
        // five kill points spread over the backfill: after a random number of plays has been written, plus a
        // random few milliseconds so the kill lands anywhere in a page (fetching, enriching, writing, committing)
        long[] targets = random.longs(5, 1_000, PLAYS - 5_000).sorted().toArray();
        for (int run = 1; run <= 5; run++) {
            Process p = startDaemon(run);
            long deadline = System.currentTimeMillis() + 60_000;
            while (lines() < targets[run - 1] && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            long extra = random.nextInt(400);
            Thread.sleep(extra);
            long before = lines();
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            kills.add("run " + run + ": killed at >= " + targets[run - 1] + " lines + " + extra + " ms (" + before
                    + " lines seen)");
        }
        System.out.println("HistoryCrashIT seed " + seed + "\n  " + String.join("\n  ", kills));

        Process last = startDaemon(6);
        long deadline = System.currentTimeMillis() + 120_000;
        while (lines() < PLAYS && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(3000); // further polls must not add anything
        last.destroy();
        assertThat(last.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Map<Long, Integer> counts = new HashMap<>();
        for (Path f : HistoryOutput.files(ROOT.resolve("out/history"), ".jsonl")) {
            for (String line : Files.readAllLines(f)) {
                int at = line.indexOf("\"row_id\":");
                int end = line.indexOf(',', at);
                counts.merge(Long.parseLong(line.substring(at + 9, end)), 1, Integer::sum);
            }
        }
        List<Long> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .limit(10).toList();
        assertThat(duplicated).as("plays written twice (seed " + seed + ")").isEmpty();
        assertThat(counts).as("every play, seed " + seed).hasSize(PLAYS);
        for (int id = 1; id <= PLAYS; id++) {
            assertThat(counts).containsKey((long) id);
        }
        // CSV mirrors JSON Lines
        long csvRows = 0;
        for (Path f : HistoryOutput.files(ROOT.resolve("out/history"), ".csv")) {
            csvRows += Files.readAllLines(f).size() - 1;
        }
        assertThat(csvRows).isEqualTo(PLAYS);
        assertThat(new File(ROOT.toFile(), "run-6.log")).exists();
    }
}
