package io.projectionist.tautulli;

import io.projectionist.tautulli.model.HistoryPage;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * {@code from: tautulli:history} — reads only new plays. Each poll asks for rows from the day after the watermark
 * minus {@code overlapDays} ({@code after} is inclusive and day-granular), one row per session segment
 * ({@code grouping=0}), oldest first, in pages of {@code length}, and emits one exchange per page (a
 * {@code List<HistoryRow>}). The page is processed synchronously; only when it has been processed without error
 * does the watermark move to the day before the page's last play, so a crash re-reads, never skips. Rows that
 * come back (the overlap, consecutive pages overlapping by a few rows against ties) are for the route's
 * idempotent consumer to drop.
 */
public class TautulliHistoryConsumer extends ScheduledPollConsumer {

    /** Rows each page re-reads from the previous one, so ties in {@code started} cannot slip between pages. */
    static final int PAGE_OVERLAP = 10;

    private ExecutorService prefetcher;

    public TautulliHistoryConsumer(TautulliEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public TautulliEndpoint getEndpoint() {
        return (TautulliEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        TautulliEndpoint endpoint = getEndpoint();
        TautulliConfiguration conf = endpoint.getConfiguration();
        HistoryWatermark watermark = endpoint.getWatermark();
        ZoneId zone = conf.getTimeZone() == null || conf.getTimeZone().isBlank() ? ZoneId.systemDefault()
                : ZoneId.of(conf.getTimeZone());
        int length = conf.getLength() == null ? 5000 : conf.getLength();
        Map<String, String> params = new LinkedHashMap<>(conf.apiParameters());
        params.put("grouping", "0");
        params.put("include_activity", "0");
        params.put("order_column", "started");
        params.put("order_dir", "asc");
        params.put("length", String.valueOf(length));
        watermark.lastFullyRead().ifPresent(day ->
                params.put("after", day.plusDays(1).minusDays(conf.getOverlapDays()).toString()));

        int emitted = 0;
        int start = 0;
        Long total = null;
        // the next page is fetched while this one is processed: Tautulli's paging and our processing overlap
        CompletableFuture<HistoryPage> next = fetch(endpoint, params, start);
        while (isRunAllowed()) {
            HistoryPage page = await(next);
            if (total == null) {
                total = page.recordsFiltered();
            }
            List<HistoryRow> rows = new ArrayList<>(page.data().size());
            for (HistoryRow row : page.data()) {
                if (row.id() != null) { // live sessions have no id yet
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                break;
            }
            boolean more = page.data().size() >= length;
            int nextStart = start + length - Math.min(PAGE_OVERLAP, length / 2);
            next = more ? fetch(endpoint, params, nextStart) : null;
            process(rows, start, total);
            emitted++;
            // every play up to the day before this page's last one has been read and processed
            long lastStarted = rows.get(rows.size() - 1).started();
            watermark.advance(LocalDate.ofInstant(Instant.ofEpochSecond(lastStarted), zone).minusDays(1));
            if (!more) {
                break;
            }
            start = nextStart;
        }
        return emitted;
    }

    private CompletableFuture<HistoryPage> fetch(TautulliEndpoint endpoint, Map<String, String> params, int start) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("start", String.valueOf(start));
        return CompletableFuture.supplyAsync(() -> (HistoryPage) endpoint.getClient().callTyped("get_history", p),
                prefetcher);
    }

    private static HistoryPage await(CompletableFuture<HistoryPage> page) throws Exception {
        try {
            return page.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        prefetcher = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "tautulli-history-prefetch");
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (prefetcher != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(prefetcher);
            prefetcher = null;
        }
    }

    private void process(List<HistoryRow> rows, int start, Long total) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setHeader(TautulliConstants.RESULT_COMMAND, "get_history");
            exchange.getMessage().setHeader(TautulliConstants.HISTORY_START, start);
            exchange.getMessage().setHeader(TautulliConstants.HISTORY_TOTAL, total);
            exchange.getMessage().setBody(rows);
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                // stop this poll: the watermark stays, the next poll starts over from it
                throw exchange.getException();
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
