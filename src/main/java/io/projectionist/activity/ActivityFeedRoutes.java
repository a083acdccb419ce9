package io.projectionist.activity;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Tautulli source of the {@link ActivityFeed}: one poll of {@code tautulli:activity} per
 * {@code projectionist.activity.cron}, whoever listens.
 *
 * <pre>
 * tautulli:activity (Quartz cron, failures bridged) ─┬─ snapshot ─► ActivityFeed.ENDPOINT ─► activity-feed
 *                                                    └─ failure ──► ActivityFeed.FAILURES ─► activity-feed-failures
 * activity-feed ─► recipientList: every seda:projectionist-activity.&lt;name&gt; with a consumer
 *                  (snapshots, events, policies, metrics, user routes; each its own queue and thread)
 * activity-feed-failures ─► every seda:projectionist-activity-failures.&lt;name&gt; (events: tautulli.unreachable)
 * </pre>
 *
 * It always runs: the stream gauges subscribe whatever else is configured, and a user who deletes
 * {@code routes/activity-snapshots.yaml} only stops the snapshot log, not events, policies or metrics.
 */
public class ActivityFeedRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "activity-poll";
    public static final String FEED_ROUTE_ID = "activity-feed";
    public static final String FAILURES_ROUTE_ID = "activity-feed-failures";
    private static final String SUBSCRIBERS = "projectionistActivitySubscribers";
    static final String CRON = "projectionist.activity.cron";
    /** Keys that once set the cadence of their own poller; the one feed now polls on {@value #CRON}. */
    static final List<String> FORMER_CRONS = List.of("projectionist.events.cron", "projectionist.policy.cron");

    private static final Logger LOG = LoggerFactory.getLogger("io.projectionist.activity");

    private final AtomicInteger failedInARow = new AtomicInteger();

    @Override
    public void configure() {
        PropertiesComponent pc = getCamelContext().getPropertiesComponent();
        String cron = pc.resolveProperty(CRON).filter(v -> !v.isBlank()).orElse("0/10 * * * * ?");
        formerCronWarnings(pc::resolveProperty, cron).forEach(LOG::warn);

        from("tautulli:activity?scheduler=quartz&scheduler.cron=RAW(" + cron + ")&bridgeErrorHandler=true"
                + "&pollRetries={{projectionist.activity.poll-retries:2}}")
                .routeId(ROUTE_ID)
                // a failed poll arrives here bridged from the consumer; it is published as a new exchange
                // (one inside onException counts as exhausted and would skip the subscribers' error handling)
                .onException(Exception.class)
                    .onWhen(exchangeProperty(Exchange.ERRORHANDLER_BRIDGE).isEqualTo(true)).handled(true)
                    .process(e -> {
                        Throwable cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                        int n = failedInARow.incrementAndGet();
                        (n == 1 ? LOG.atWarn() : LOG.atDebug()).log("activity poll failed ({} in a row): {}", n,
                                cause == null ? "unknown error" : cause.getMessage());
                        try (ProducerTemplate template = e.getContext().createProducerTemplate()) {
                            template.sendBodyAndHeader(ActivityFeed.FAILURES, cause, ActivityFeed.SOURCE_HEADER,
                                    ActivityFeed.SOURCE_TAUTULLI_POLL);
                        }
                    })
                .end()
                .process(e -> {
                    int failed = failedInARow.getAndSet(0);
                    if (failed > 0) {
                        LOG.info("activity poll works again after {} failed poll(s)", failed);
                    }
                })
                .setHeader(ActivityFeed.SOURCE_HEADER, constant(ActivityFeed.SOURCE_TAUTULLI_POLL))
                .to(ActivityFeed.ENDPOINT);

        fanOut(ActivityFeed.ENDPOINT, FEED_ROUTE_ID, ActivityFeed.SUBSCRIBER_PREFIX);
        fanOut(ActivityFeed.FAILURES, FAILURES_ROUTE_ID, ActivityFeed.FAILURE_SUBSCRIBER_PREFIX);
    }

    /** A warning for each former poller cron set to something other than the feed's {@code cron}. */
    static List<String> formerCronWarnings(Function<String, Optional<String>> properties, String cron) {
        List<String> out = new ArrayList<>();
        for (String key : FORMER_CRONS) {
            properties.apply(key).filter(v -> !v.isBlank() && !v.strip().equals(cron.strip())).ifPresent(v ->
                    out.add(key + " = '" + v + "' no longer has an effect: one poll feeds events and policies alike, on "
                            + CRON + " ('" + cron + "'); set that instead"));
        }
        return out;
    }

    /**
     * Every message once into each subscriber queue: the seda producer enqueues a copy of the exchange (the same
     * body object) and returns, so the source's thread never waits for a subscriber.
     */
    private void fanOut(String endpoint, String routeId, String prefix) {
        from(endpoint).routeId(routeId)
                .setExchangePattern(ExchangePattern.InOnly)
                .process(e -> e.setProperty(SUBSCRIBERS, ActivityFeed.subscribers(e.getContext(), prefix)))
                .recipientList(exchangeProperty(SUBSCRIBERS));
    }
}
