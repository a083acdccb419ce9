package io.projectionist.bench;

import io.projectionist.plex.PlexClient;
import io.projectionist.report.ReportJob;
import io.projectionist.report.ReportSettings;
import io.projectionist.report.TautulliReportSource;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.tautulli.TautulliClient;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How long a weekly report takes against a large history: every Tautulli call (served by the simulator from its
 * columnar history), the Plex collection look-ups, building and writing all formats.
 * Run: mvn -B -Pbench test-compile exec:java -Dexec.mainClass=io.projectionist.bench.ReportBench
 * [-Dexec.args="1000000 3650 7"] (plays, days of history, report days).
 */
public final class ReportBench {

    public static void main(String[] args) throws Exception {
        int plays = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int historyDays = args.length > 1 ? Integer.parseInt(args[1]) : 3650;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        long t0 = System.nanoTime();
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withPlays(plays).withHistoryDays(historyDays))) {
            double genMs = (System.nanoTime() - t0) / 1e6;
            TautulliClient tautulli = new TautulliClient(HttpClient.newHttpClient(), sim.tautulliUrl(),
                    sim.tautulliApiKey(), Duration.ofMinutes(5), false);
            PlexClient plex = PlexClient.builder().baseUrl(sim.plexUrl()).token(sim.plexTokens().admin()).build();
            ReportJob job = new ReportJob(new TautulliReportSource(tautulli, plex, Clock.systemUTC()),
                    ZoneId.systemDefault());
            ReportSettings settings = ReportSettings.defaults(Path.of("target/bench/reports")).withDays(days);
            job.run(settings); // warm-up: JIT, connections, the simulator's lazily built tables
            for (int run = 1; run <= 3; run++) {
                long t = System.nanoTime();
                ReportJob.Result r = job.run(settings);
                System.out.printf("plays=%,d history=%d days report=%dd run %d: total %.0f ms (fetch %d ms, build %d ms,"
                                + " write %d ms) — %,d plays in period, %,d history rows read for insights, %d insights%n",
                        plays, historyDays, days, run, (System.nanoTime() - t) / 1e6, r.fetchMillis(), r.buildMillis(),
                        r.writeMillis(), r.report().totals().plays(), r.historyRows(), r.report().insights().size());
            }
            System.out.printf("(world generated in %.0f ms)%n", genMs);
        }
    }
}
