package io.projectionist.report;

import io.projectionist.plex.PlexClient;
import io.projectionist.support.SecretFiles;
import io.projectionist.tautulli.TautulliClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

    /** A job whose clients are built from the settings (tautulli.*, plex.*); Plex only when plex.url is set. */
    public static ReportJob fromProperties(Function<String, Optional<String>> property) {
        Function<String, Optional<String>> p = k -> property.apply(k).map(String::strip).filter(v -> !v.isEmpty());
        String url = p.apply("tautulli.url").orElseThrow(() -> new io.projectionist.ops.ConfigurationException(
                "tautulli.url (TAUTULLI_URL) is not set (Tautulli's base URL, e.g. http://nas:8181)"));
        String key = p.apply("tautulli.api-key").orElseGet(() -> p.apply("tautulli.api-key-file")
                .map(f -> SecretFiles.read(Path.of(f), "tautulli.api-key-file").strip())
                .orElseThrow(() -> new io.projectionist.ops.ConfigurationException(
                        "tautulli.api-key (TAUTULLI_API_KEY) is not set, nor tautulli.api-key-file")));
        long connect = p.apply("tautulli.connect-timeout").map(Long::parseLong).orElse(10_000L);
        long request = p.apply("tautulli.request-timeout").map(Long::parseLong).orElse(30_000L);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(connect))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        TautulliClient tautulli = new TautulliClient(http, url, key, Duration.ofMillis(request), false);
        return new ReportJob(new TautulliReportSource(tautulli, plexClient(p), Clock.systemDefaultZone()),
                ZoneId.systemDefault());
    }

    static PlexClient plexClient(Function<String, Optional<String>> p) {
        Optional<String> url = p.apply("plex.url");
        if (url.isEmpty()) {
            return null;
        }
        String token = p.apply("plex.token").orElseGet(() -> p.apply("plex.token-file")
                .map(f -> SecretFiles.read(Path.of(f), "plex.token-file").strip()).orElse(null));
        PlexClient.Builder b = PlexClient.builder().baseUrl(url.get()).token(token);
        p.apply("plex.connect-timeout").map(Long::parseLong).ifPresent(ms -> b.connectTimeout(Duration.ofMillis(ms)));
        p.apply("plex.request-timeout").map(Long::parseLong).ifPresent(ms -> b.requestTimeout(Duration.ofMillis(ms)));
        p.apply("plex.format").map(f -> io.projectionist.plex.PlexFormat.valueOf(f.toLowerCase(java.util.Locale.ROOT)))
                .ifPresent(b::format);
        return b.build();
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
