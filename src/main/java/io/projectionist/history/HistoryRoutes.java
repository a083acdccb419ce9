package io.projectionist.history;

import io.projectionist.ops.Settings;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * Headless history ingestion: new plays from Tautulli, deduplicated, enriched with Plex metadata in batches,
 * written as day-partitioned JSON Lines and CSV.
 *
 * <pre>
 * tautulli:history (pages, watermark) → history-page: split + idempotentConsumer (row id) → history-enrich:
 *   distinct uncached rating keys in batches → plex-metadata (throttle, circuit breaker, redelivery honouring
 *   Retry-After) → join → threads (the writer's own thread, page order) → HistoryWriter (sink, then commit ids);
 *   failed pages → dead letters
 * </pre>
 * A page whose enrichment failed (Plex answering 5xx after the retries, timing out, refusing the connection or the
 * token, the breaker open) is parked, not written: {@code not_in_plex} only ever means that Plex answered and does
 * not have the item. The poll then ends without moving the watermark past the page, so the next poll reads it
 * again (and ingests it once Plex is back), as does {@code replay history}; the ids make either exactly once.
 * Without {@code plex.url} (or with {@code projectionist.history.enrich=false}) plays are written unenriched,
 * marked {@code disabled}.
 */
@SuppressWarnings("unchecked")
public class HistoryRoutes extends RouteBuilder {

    /** Header with the history row id, the idempotent consumer's key. */
    public static final String ROW_ID = "TautulliRowId";
    private static final String ENRICHMENT_FAILED = "historyEnrichmentFailed";
    /** Set on a page parked because Plex failed: the poll must stop before the watermark passes it. */
    private static final String HOLD_WATERMARK = "historyHoldWatermark";

    @Override
    public void configure() {
        Settings settings = Settings.of(getContext().getPropertiesComponent());
        boolean enrich = settings.bool("projectionist.history.enrich", true)
                && settings.string("plex.url").isPresent();
        settings.throwIfProblems();

        from("tautulli:history?delay={{projectionist.history.poll-interval}}&initialDelay=1000"
                + "&length={{projectionist.history.page-size}}&overlapDays={{projectionist.history.overlap-days}}"
                + "&timeZone={{projectionist.history.time-zone}}&watermark=#historyWatermark")
                .routeId("history-ingest")
                .autoStartup("{{projectionist.history.enabled}}")
                // a failure here reaches the consumer, which then keeps the watermark where it was (the page was
                // parked by history-page already: no error handler of this route must handle it again)
                .errorHandler(noErrorHandler())
                .to("direct:history-page")
                .process(e -> {
                    if (Boolean.TRUE.equals(e.getProperty(HOLD_WATERMARK))) {
                        throw new HistoryPageParkedException(e.getProperty(HistoryDeadLetters.PARKED_REASON,
                                String.class));
                    }
                });

        from("direct:history-page").routeId("history-page")
                // bodies here are lists of records, never streams: skip the stream-cache check on every row's exchange
                .noStreamCaching()
                // a page that cannot be ingested is parked with its reason; the watermark may then move on
                .errorHandler(deadLetterChannel("bean:historyDeadLetters?method=park").useOriginalMessage())
                .process(e -> e.setProperty("pageRows", e.getMessage().getBody(List.class).size()))
                .process(this::rememberLastStarted)
                // Camel's idempotent consumer drops rows already ingested (ids commit only after the write)
                .split(body(), new NewRowsAggregation())
                    .process(e -> e.getMessage().setHeader(ROW_ID, e.getMessage().getBody(HistoryRow.class).id()))
                    .idempotentConsumer(header(ROW_ID)).idempotentRepository("historySeen")
                        .setProperty(NewRowsAggregation.NEW_ROW, constant(true))
                    .end()
                .end()
                .setProperty("newRows", body())
                // (Java predicates and processors, not Simple's ${body.size} or bean calls: Camel's bean binding
                // hashes the whole list body for its cache, which cost more than the rest of the page)
                .filter(e -> !e.getMessage().getBody(List.class).isEmpty())
                    // a failure here was already retried (and exhausted) by the sub-route's error handler, so the
                    // route's dead-letter channel would never see it: the page is parked below, in page order
                    .doTry()
                        .to(enrich ? "direct:history-enrich" : "direct:history-unenriched")
                    .doCatch(Exception.class)
                        .setProperty(ENRICHMENT_FAILED, constant(true))
                    .end()
                .end()
                // writing runs on a thread of its own, one page after the other, while the consumer already
                // deduplicates and enriches the next page; the consumer moves the watermark when this completes
                .threads().executorService("historyWriterPool")
                .choice()
                    .when(e -> Boolean.TRUE.equals(e.getProperty(ENRICHMENT_FAILED)))
                        .process(e -> e.getMessage().setBody(writer(e).abandonPage(e)))
                        .to("direct:history-written")
                        .setBody(exchangeProperty("newRows"))
                        .to("bean:historyDeadLetters?method=park")
                        .setProperty(HOLD_WATERMARK, constant(true))
                    .otherwise()
                        // body: the enriched new plays, possibly none (the poll's last page still publishes the
                        // day kept open)
                        .doTry()
                            .process(e -> e.getMessage().setBody(
                                    writer(e).write(e.getMessage().getBody(List.class), e)))
                            .to("direct:history-written")
                        .doCatch(Exception.class)
                            .setBody(exchangeProperty("newRows"))
                            .to("bean:historyDeadLetters?method=park")
                        .end()
                .end();

        // plays just written: optionally POSTed one by one to a webhook, off the ingestion path
        from("direct:history-written").routeId("history-written")
                .filter(e -> !e.getContext().resolvePropertyPlaceholders("{{projectionist.history.webhook-url:}}").isBlank()
                        && !e.getMessage().getBody(List.class).isEmpty())
                    .wireTap("seda:history-webhook")
                .end();

        from("direct:history-unenriched").routeId("history-unenriched")
                .process(e -> e.getMessage().setBody(HistoryEnricher.unenriched(e.getMessage().getBody(List.class),
                        Enrichment.DISABLED)));

        from("direct:history-enrich").routeId("history-enrich")
                // a failure goes back to history-page, which parks the page and logs why (no second log here)
                .errorHandler(noErrorHandler())
                .setProperty("rows", body())
                .process(e -> e.setProperty("plexAnswers", new ConcurrentHashMap<String, Optional<PlexItem>>()))
                .process(e -> e.getMessage().setBody(enricher(e).missingBatches(e.getMessage().getBody(List.class))))
                // synchronous: the caller waits for the answers, so the next page's enrichment starts only once this
                // page's items are cached (no item is asked for twice while pages overlap)
                .split(body()).parallelProcessing().synchronous().executorService("historyPlexPool").stopOnException()
                    .setProperty("requested", body())
                    .to("direct:plex-metadata")
                    .process(this::remember)
                .end()
                .process(this::apply);

        // one Plex multi-get per exchange: paced, retried (Retry-After honoured), and cut off when Plex is down
        from("direct:plex-metadata").routeId("plex-metadata")
                .routeConfigurationId("upstream-retries")
                .throttle(simple("{{projectionist.history.plex-rate}}")).timePeriodMillis(1000)
                .circuitBreaker().inheritErrorHandler(true)
                    .resilience4jConfiguration()
                        .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(50)
                        // Camel takes this in seconds: 30000 "millis" kept the breaker open for eight hours
                        .waitDurationInOpenState(breakerOpenSeconds(getContext().resolvePropertyPlaceholders(
                                "{{projectionist.history.breaker-open-millis}}")))
                    .end()
                    .to("plex:metadata?batchSize={{projectionist.history.plex-batch-size}}")
                .end();

        from("seda:history-webhook?concurrentConsumers=1").routeId("history-webhook")
                .routeConfigurationId("upstream-retries")
                .split(body())
                    .marshal().json(JsonLibrary.Jackson)
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .toD("{{projectionist.history.webhook-url}}")
                .end();
    }

    /** {@code projectionist.history.breaker-open-millis} in whole seconds (rounded up, at least one). */
    static int breakerOpenSeconds(String millis) {
        long ms = Long.parseLong(millis.strip());
        return (int) Math.max(1, (ms + 999) / 1000);
    }

    @SuppressWarnings("unchecked")
    private void rememberLastStarted(Exchange e) {
        List<HistoryRow> rows = e.getMessage().getBody(List.class);
        if (rows != null && !rows.isEmpty()) {
            e.setProperty("pageLastStarted", rows.get(rows.size() - 1).started());
        }
    }

    private static HistoryEnricher enricher(Exchange e) {
        return e.getContext().getRegistry().lookupByNameAndType("historyEnricher", HistoryEnricher.class);
    }

    private static HistoryWriter writer(Exchange e) {
        return e.getContext().getRegistry().lookupByNameAndType("historyWriter", HistoryWriter.class);
    }

    @SuppressWarnings("unchecked")
    private void remember(Exchange e) {
        Object answer = e.getMessage().getBody();
        // only a real multi-get answer (a map, possibly empty) may mark keys absent. An open breaker returns the
        // exchange untouched and without an exception (the body still the requested keys): that is a failure,
        // not "not in Plex". (Its SHORT_CIRCUITED property is no signal: Camel also sets it on a failed attempt
        // that a redelivery then turned into a success.)
        if (!(answer instanceof Map)) {
            throw new IllegalStateException(Boolean.TRUE.equals(
                    e.getProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_REJECTED))
                    ? "Plex circuit breaker open after repeated failures: metadata not asked for "
                            + e.getProperty("requested", List.class).size() + " rating keys"
                    : "plex:metadata gave no answer (" + (answer == null ? "null" : answer.getClass().getName()) + ")");
        }
        enricher(e).remember(e.getProperty("requested", List.class), (Map<String, PlexItem>) answer,
                e.getProperty("plexAnswers", Map.class));
    }

    @SuppressWarnings("unchecked")
    private void apply(Exchange e) {
        e.getMessage().setBody(enricher(e).apply(e.getProperty("rows", List.class),
                e.getProperty("plexAnswers", Map.class)));
    }
}
