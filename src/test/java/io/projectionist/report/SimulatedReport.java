package io.projectionist.report;

import io.projectionist.plex.PlexClient;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.tautulli.TautulliClient;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A simulator on a fixed clock and a report job pointed at it (Tautulli, and Plex when asked). */
final class SimulatedReport implements AutoCloseable {

    static final Instant ANCHOR = Instant.parse("2026-11-21T15:30:00Z");

    final Simulator sim;
    final TautulliClient tautulli;
    final PlexClient plex;

    SimulatedReport(int plays, int historyDays, ZoneId zone, boolean withPlex) throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withSeed(11).withPlays(plays).withHistoryDays(historyDays).withAnchor(ANCHOR)
                .withZone(zone), SimClock.fixed(ANCHOR));
        tautulli = new TautulliClient(HttpClient.newHttpClient(), sim.tautulliUrl(), sim.tautulliApiKey(),
                Duration.ofSeconds(60), false);
        plex = withPlex ? PlexClient.builder().baseUrl(sim.plexUrl()).token(sim.plexTokens().admin()).build() : null;
    }

    ReportJob job() {
        return new ReportJob(new TautulliReportSource(tautulli, plex, Clock.fixed(ANCHOR, ZoneOffset.UTC)),
                ZoneOffset.UTC);
    }

    @Override
    public void close() {
        sim.close();
    }
}
