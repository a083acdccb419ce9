package io.projectionist.report;

import io.projectionist.ops.Upstreams;
import io.projectionist.plex.PlexClient;
import io.projectionist.support.UpstreamRetry;
import io.projectionist.tautulli.TautulliClient;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * One report run: fetch from Tautulli (and Plex), build, write every format, summarise. Shared by the scheduled
 * route, the {@code report} command and the benchmark; plain Java.
 */
public final class ReportJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

    /** What a run produced. */
    public record Result(Report report, List<Path> files, ReportSummary summary, long fetchMillis,
            long buildMillis, long writeMillis, int historyRows) {
    }

    private final TautulliReportSource source;
    private final ZoneId zone;

    public ReportJob(TautulliReportSource source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    /**
     * A job over the components' clients ({@link Upstreams}; Plex only when plex.url is set), retrying every call
     * with the shared back-off ({@code projectionist.upstream.*}).
     */
    public static ReportJob from(CamelContext context) {
        TautulliClient tautulli = Upstreams.tautulli(context);
        PlexClient plex = Upstreams.plex(context).orElse(null);
        UpstreamRetry retry = UpstreamRetry.from(context.getPropertiesComponent()::resolveProperty);
        return new ReportJob(new TautulliReportSource(tautulli, plex, Clock.systemDefaultZone(), retry),
                ZoneId.systemDefault());
    }

    public Result run(ReportSettings settings) throws IOException {
        long t0 = System.nanoTime();
        ReportInputs inputs = source.fetch(settings);
        long t1 = System.nanoTime();
        Report report = ReportBuilder.build(inputs, settings, zone);
        long t2 = System.nanoTime();
        List<Path> files = ReportWriter.write(report, settings.dir());
        long t3 = System.nanoTime();
        ReportSummary summary = ReportSummary.of(report, files);
        LOG.info("report: {} – {} written to {} ({} files; fetch {} ms, build {} ms, write {} ms)",
                report.meta().periodStart(), report.meta().periodEnd(), settings.dir(), files.size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        return new Result(report, files, summary, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000, inputs.plays().size());
    }
}
