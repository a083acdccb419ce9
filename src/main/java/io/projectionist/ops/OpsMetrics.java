package io.projectionist.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.projectionist.activity.ActivityFeed;
import io.projectionist.history.HistoryEnricher;
import io.projectionist.history.HistoryProgress;
import io.projectionist.tautulli.model.Activity;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Projectionist's own metrics in Camel's Micrometer registry (served as Prometheus text on
 * {@code /observe/metrics}, next to Camel's {@code camel_*} and the JVM's {@code jvm_*}):
 * <ul>
 *   <li>domain gauges from the latest activity snapshot, labelled {@code server}: {@code projectionist_streams_active},
 *       {@code projectionist_streams_transcodes}, {@code projectionist_streams_direct_plays},
 *       {@code projectionist_streams_direct_streams}, {@code projectionist_bandwidth_total_kbps},
 *       {@code projectionist_bandwidth_lan_kbps}, {@code projectionist_bandwidth_wan_kbps};</li>
 *   <li>pipeline: {@code projectionist_plays_ingested_total}, {@code projectionist_enrichment_cache_hits_total},
 *       {@code projectionist_enrichment_cache_misses_total}, {@code projectionist_plex_requests_total{operation,outcome}},
 *       {@code projectionist_webhook_deliveries_total{destination,outcome}},
 *       {@code projectionist_dead_letters{destination}}, {@code projectionist_last_successful_poll_seconds{poll}}
 *       (Unix time), {@code projectionist_policy_actions_total{rule,mode,outcome}}.</li>
 * </ul>
 * Fed by {@link OpsEventNotifier} (Camel events), by the policy route and, for the stream gauges, by a subscriber of
 * the activity feed ({@link #activitySubscriber()}); thread-safe.
 */
public class OpsMetrics {

    public static final String BEAN = "projectionistMetrics";
    public static final String ACTIVITY_ROUTE = "activity-metrics";

    private final MeterRegistry registry;
    private final String server;
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong transcodes = new AtomicLong();
    private final AtomicLong directPlays = new AtomicLong();
    private final AtomicLong directStreams = new AtomicLong();
    private final AtomicLong bandwidthTotal = new AtomicLong();
    private final AtomicLong bandwidthLan = new AtomicLong();
    private final AtomicLong bandwidthWan = new AtomicLong();
    private final Map<String, AtomicLong> lastPoll = new ConcurrentHashMap<>();
    private final Path deadLetterRoot;
    private final MultiGauge deadLetters;
    private volatile Map<String, Integer> deadLetterCounts = Map.of();

    public OpsMetrics(MeterRegistry registry, String server, Path deadLetterRoot) {
        this.registry = registry;
        this.server = server;
        this.deadLetterRoot = deadLetterRoot;
        Tags s = Tags.of("server", server);
        gauge("projectionist_streams_active", "Streams playing, paused or buffering now", s, active);
        gauge("projectionist_streams_transcodes", "Streams being transcoded now", s, transcodes);
        gauge("projectionist_streams_direct_plays", "Streams in direct play now", s, directPlays);
        gauge("projectionist_streams_direct_streams", "Streams in direct stream (copy) now", s, directStreams);
        gauge("projectionist_bandwidth_total_kbps", "Bandwidth of all streams now (kbps)", s, bandwidthTotal);
        gauge("projectionist_bandwidth_lan_kbps", "Bandwidth of LAN streams now (kbps)", s, bandwidthLan);
        gauge("projectionist_bandwidth_wan_kbps", "Bandwidth of WAN streams now (kbps)", s, bandwidthWan);
        for (String poll : List.of("activity", "history")) {
            AtomicLong at = lastPoll.computeIfAbsent(poll, k -> new AtomicLong());
            Gauge.builder("projectionist_last_successful_poll", at, a -> a.get() / 1000.0)
                    .description("Unix time of the last successful poll (0 = none yet)")
                    .baseUnit("seconds").tags(s.and("poll", poll)).register(registry);
        }
        deadLetters = MultiGauge.builder("projectionist_dead_letters")
                .description("Events and pages parked in the dead-letter folder, by destination").register(registry);
    }

    private void gauge(String name, String description, Tags tags, AtomicLong value) {
        Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags).register(registry);
    }

    /** Counters read from the history ingestion's beans (looked up on each scrape, absent = 0). */
    public void bindHistory(CamelContext context) {
        functionCounter("projectionist_plays_ingested", "New plays written by history ingestion", context,
                c -> bean(c, "historyProgress", HistoryProgress.class).map(HistoryProgress::written).orElse(0L));
        functionCounter("projectionist_enrichment_cache_hits", "Rating keys found in the Plex enrichment cache",
                context, c -> bean(c, "historyEnricher", HistoryEnricher.class)
                        .map(HistoryEnricher::cacheHits).orElse(0L));
        functionCounter("projectionist_enrichment_cache_misses", "Rating keys fetched from Plex (not cached)",
                context, c -> bean(c, "historyEnricher", HistoryEnricher.class)
                        .map(HistoryEnricher::cacheMisses).orElse(0L));
    }

    private void functionCounter(String name, String description, CamelContext context,
                                 Function<CamelContext, Long> value) {
        ToDoubleFunction<CamelContext> f = c -> value.apply(c).doubleValue();
        FunctionCounter.builder(name, context, f).description(description).register(registry);
    }

    private static <T> Optional<T> bean(CamelContext c, String name, Class<T> type) {
        return Optional.ofNullable(c.getRegistry().lookupByNameAndType(name, type));
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String server() {
        return server;
    }

    /** The route {@value #ACTIVITY_ROUTE}: the stream gauges follow every snapshot on the activity feed. */
    public RouteBuilder activitySubscriber() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(ActivityFeed.subscriber("metrics")).routeId(ACTIVITY_ROUTE)
                        .process(e -> onActivity(e.getMessage().getBody(Activity.class)));
            }
        };
    }

    /** The latest activity snapshot. */
    public void onActivity(Activity a) {
        active.set(nz(a.streamCount()));
        transcodes.set(nz(a.streamCountTranscode()));
        directPlays.set(nz(a.streamCountDirectPlay()));
        directStreams.set(nz(a.streamCountDirectStream()));
        bandwidthTotal.set(nz(a.totalBandwidth()));
        bandwidthLan.set(nz(a.lanBandwidth()));
        bandwidthWan.set(nz(a.wanBandwidth()));
        polled("activity");
    }

    /** A successful poll of {@code poll} (activity, history) just now. */
    public void polled(String poll) {
        lastPoll.computeIfAbsent(poll, k -> new AtomicLong()).set(System.currentTimeMillis());
    }

    public long lastPollMillis(String poll) {
        AtomicLong at = lastPoll.get(poll);
        return at == null ? 0 : at.get();
    }

    /** One request sent to Plex ({@link io.projectionist.support.HttpTransport.Listener}); status 0 = no answer. */
    public void plexRequest(String operation, String method, int status) {
        plexRequest(operation, status >= 200 && status < 300 ? "ok" : "error");
    }

    public void plexRequest(String operation, String outcome) {
        counter("projectionist_plex_requests", "Requests to Plex by operation and outcome",
                "operation", operation, "outcome", outcome);
    }

    public void delivery(String destination, String outcome) {
        counter("projectionist_webhook_deliveries", "Event deliveries by destination and outcome (delivered,"
                + " dead_letter, failed)", "destination", destination, "outcome", outcome);
    }

    public void policyAction(String rule, String mode, String outcome) {
        counter("projectionist_policy_actions", "Stream policy decisions by rule, mode and outcome",
                "rule", rule, "mode", mode, "outcome", outcome);
    }

    private void counter(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(registry).increment();
    }

    /** Re-counts the dead-letter folder ({@code <data-dir>/dead-letter/<destination>/}). */
    public void refreshDeadLetters() {
        Map<String, Integer> counts = new TreeMap<>();
        if (Files.isDirectory(deadLetterRoot)) {
            try (Stream<Path> dirs = Files.list(deadLetterRoot)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        counts.put(dir.getFileName().toString(), (int) files.filter(Files::isRegularFile)
                                .filter(f -> !f.getFileName().toString().startsWith(".")).count());
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                return; // keep the last counts
            }
        }
        deadLetterCounts = Map.copyOf(counts);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((dest, n) -> rows.add(MultiGauge.Row.of(Tags.of("destination", dest), n)));
        deadLetters.register(rows, true);
    }

    public Map<String, Integer> deadLetterCounts() {
        return deadLetterCounts;
    }

    private static long nz(Number n) {
        return n == null ? 0 : n.longValue();
    }
}
