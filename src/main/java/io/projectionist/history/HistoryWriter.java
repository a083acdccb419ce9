package io.projectionist.history;

import io.projectionist.tautulli.TautulliConstants;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceSupport;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;

/**
 * The ingestion route's last step, in the order crash safety needs: write the plays, then commit their ids to
 * the seen-plays store, then report progress. (The consumer moves the watermark only after this returns.)
 */
public class HistoryWriter extends ServiceSupport {

    private final HistoryFileSink sink;
    private final SeenPlays seen;
    private final HistoryProgress progress;
    private final int overlapDays;
    private final ZoneId zone;

    public HistoryWriter(HistoryFileSink sink, SeenPlays seen, HistoryProgress progress, int overlapDays, ZoneId zone) {
        this.sink = sink;
        this.seen = seen;
        this.progress = progress;
        this.overlapDays = overlapDays;
        this.zone = zone;
    }

    /**
     * Body: the enriched new plays of one page (possibly none); afterwards the plays published by this page. While
     * more pages of the poll follow, the page's last day stays open in the sink (a day is written once, not once
     * per page); ids are committed only for plays whose day file was published, which is also as far as the
     * consumer moves the watermark (the day before the page's last play).
     */
    public List<EnrichedPlay> write(List<EnrichedPlay> plays, Exchange exchange) {
        Boolean more = exchange.getMessage().getHeader(TautulliConstants.HISTORY_MORE, Boolean.class);
        Long lastStarted = exchange.getProperty("pageLastStarted", Long.class);
        LocalDate keepOpen = Boolean.TRUE.equals(more) && lastStarted != null
                ? LocalDate.ofInstant(Instant.ofEpochSecond(lastStarted), zone) : null;
        HistoryFileSink.Published published;
        try {
            published = sink.write(plays, keepOpen);
        } catch (RuntimeException e) {
            // the open days are lost with the failed write: park their plays with this page's
            List<HistoryRow> parked = new ArrayList<>(sink.discard());
            plays.forEach(p -> parked.add(p.play()));
            exchange.setProperty("newRows", parked);
            throw e;
        }
        seen.commit(published.settled());
        pageDone(exchange, plays.size(), published.written().size());
        Integer start = exchange.getMessage().getHeader(TautulliConstants.HISTORY_START, Integer.class);
        if (more != null && !more && start != null && start > 0) {
            // the last page of a poll that read several (a backfill or a long catch-up): give back the heap the
            // pages needed, so a long-running daemon does not keep a one-off peak resident (with the launcher's
            // serial collector and -XX:-ShrinkHeapInSteps the heap shrinks at once; -XX:+DisableExplicitGC stops it)
            System.gc();
        }
        return published.written();
    }

    /**
     * A page that failed before the write (Plex down, say) is parked, and the poll ends there (the watermark stays
     * before it): publish the days kept open so far, or, if that fails too, park their plays with the page's.
     *
     * @return the plays published
     */
    @SuppressWarnings("unchecked")
    public List<EnrichedPlay> abandonPage(Exchange exchange) {
        try {
            HistoryFileSink.Published published = sink.write(List.of(), null);
            seen.commit(published.settled());
            return published.written();
        } catch (RuntimeException e) {
            List<HistoryRow> parked = new ArrayList<>(sink.discard());
            List<HistoryRow> page = exchange.getProperty("newRows", List.class);
            if (page != null) {
                parked.addAll(page);
            }
            exchange.setProperty("newRows", parked);
            return List.of();
        }
    }

    /** Stop: what is still open was never committed; the next start reads it again. */
    @Override
    protected void doStop() {
        List<HistoryRow> dropped = sink.discard();
        dropped.forEach(r -> seen.remove(String.valueOf(r.id())));
    }

    /** Progress for a page with nothing new (all seen before), and for the one written. */
    public void pageDone(Exchange exchange, int newRows, int written) {
        Integer start = exchange.getMessage().getHeader(TautulliConstants.HISTORY_START, Integer.class);
        Long total = exchange.getMessage().getHeader(TautulliConstants.HISTORY_TOTAL, Long.class);
        Integer pageRows = exchange.getProperty("pageRows", Integer.class);
        if (start != null && pageRows != null) {
            progress.page(start, total, pageRows, written);
            Long lastStarted = exchange.getProperty("pageLastStarted", Long.class);
            if (lastStarted != null) {
                // ids of plays older than the re-read window can never come back: forget them
                LocalDate cutoff = LocalDate.ofInstant(Instant.ofEpochSecond(lastStarted), zone)
                        .minusDays(overlapDays + 1L);
                seen.pruneStartedBefore(cutoff.atStartOfDay(zone).toEpochSecond());
            }
        }
    }
}
