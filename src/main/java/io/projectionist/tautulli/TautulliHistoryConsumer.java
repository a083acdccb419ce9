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
 * {@code List<HistoryRow>}). Only when a page has been processed without error does the watermark move to the day
 * before the page's last play, so a crash re-reads, never skips. The route may complete a page asynchronously; the
 * next page is then submitted while it finishes (two pages in flight at most), and the watermark still follows
 * completed pages in order. Rows that
 * come back (the overlap, consecutive pages overlapping by a few rows against ties) are for the route's
 * idempotent consumer to drop.
 */
public class TautulliHistoryConsumer extends ScheduledPollConsumer {

    /** Rows each page re-reads from the previous one, so ties in {@code started} cannot slip between pages. */
    static final int PAGE_OVERLAP = 10;

    private volatile ExecutorService prefetcher;

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
        // and a route may finish a page asynchronously (e.g. its writing step on a thread of its own) while the
        // next one is processed: at most two pages are in flight, and the watermark follows completed pages only
        InFlight previous = null;
        InFlight current = null;
        try {
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
                    if (previous != null) {
                        // the page before promised more: tell the route this poll has ended after all
                        current = submit(rows, start, total, false);
                        complete(previous, watermark, zone);
                        previous = current;
                        current = null;
                    }
                    break;
                }
                boolean more = page.data().size() >= length;
                int nextStart = start + length - Math.min(PAGE_OVERLAP, length / 2);
                next = more ? fetch(endpoint, params, nextStart) : null;
                current = submit(rows, start, total, more);
                emitted++;
                if (previous != null) {
                    complete(previous, watermark, zone);
                }
                previous = current;
                current = null;
                if (!more) {
                    break;
                }
                start = nextStart;
            }
            if (previous != null) {
                InFlight last = previous;
                previous = null;
                complete(last, watermark, zone);
            }
        } finally {
            // a page failed: let those still in flight finish (the route never stops a page halfway), but leave
            // the watermark where the last completed page put it
            for (InFlight p : new InFlight[] {previous, current}) {
                if (p != null) {
                    p.finish();
                }
            }
        }
        return emitted;
    }

    /** A page handed to the route, and whether (and how) it finished. */
    private final class InFlight {
        final List<HistoryRow> rows;
        final CompletableFuture<Exchange> done = new CompletableFuture<>();
        private boolean released;

        InFlight(List<HistoryRow> rows) {
            this.rows = rows;
        }

        /** Waits for the route to finish the page; returns its failure, if any. */
        Exception finish() {
            Exchange exchange = done.join();
            Exception failure = exchange.getException();
            if (!released) {
                released = true;
                releaseExchange(exchange, false);
            }
            return failure;
        }
    }

    /** Waits for a page; only when it went through without error does the watermark move past its days. */
    private void complete(InFlight page, HistoryWatermark watermark, ZoneId zone) throws Exception {
        Exception failure = page.finish();
        if (failure != null) {
            // stop this poll: the watermark stays, the next poll starts over from it
            throw failure;
        }
        if (page.rows.isEmpty()) {
            return;
        }
        // every play up to the day before this page's last one has been read and processed
        long lastStarted = page.rows.get(page.rows.size() - 1).started();
        watermark.advance(LocalDate.ofInstant(Instant.ofEpochSecond(lastStarted), zone).minusDays(1));
    }

    private CompletableFuture<HistoryPage> fetch(TautulliEndpoint endpoint, Map<String, String> params, int start) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("start", String.valueOf(start));
        // a transient failure (5xx, 429 with Retry-After, a cut body, a timeout) is retried within this poll
        return CompletableFuture.supplyAsync(() -> endpoint.getRetry().call("tautulli:get_history poll",
                () -> (HistoryPage) endpoint.getClient().callTyped("get_history", p)), prefetcher);
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
        // before super.doStart(): that schedules the first poll, which with initialDelay=0 may run at once
        prefetcher = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "tautulli-history-prefetch");
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (prefetcher != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(prefetcher);
            prefetcher = null;
        }
    }

    private InFlight submit(List<HistoryRow> rows, int start, Long total, boolean more) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setHeader(TautulliConstants.RESULT_COMMAND, "get_history");
        exchange.getMessage().setHeader(TautulliConstants.HISTORY_START, start);
        exchange.getMessage().setHeader(TautulliConstants.HISTORY_TOTAL, total);
        exchange.getMessage().setHeader(TautulliConstants.HISTORY_MORE, more);
        exchange.getMessage().setBody(rows);
        InFlight page = new InFlight(rows);
        getAsyncProcessor().process(exchange, doneSync -> page.done.complete(exchange));
        return page;
    }
}
