package io.projectionist.history;

import io.projectionist.tautulli.TautulliConstants;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.Exchange;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingestion route's last step, in the order crash safety needs: write the plays, then commit their ids to
 * the seen-plays store, then report progress. (The consumer moves the watermark only after this returns.)
 */
public class HistoryWriter {

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

    /** Body: the enriched new plays of one page; afterwards the plays actually written. */
    public List<EnrichedPlay> write(List<EnrichedPlay> plays, Exchange exchange) {
        List<EnrichedPlay> written = plays.isEmpty() ? List.of() : sink.write(plays);
        List<HistoryRow> rows = new ArrayList<>(plays.size());
        for (EnrichedPlay p : plays) {
            rows.add(p.play());
        }
        seen.commit(rows);
        pageDone(exchange, plays.size(), written.size());
        return written;
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
                LocalDate cutoff = LocalDate.ofInstant(java.time.Instant.ofEpochSecond(lastStarted), zone)
                        .minusDays(overlapDays + 1L);
                seen.pruneStartedBefore(cutoff.atStartOfDay(zone).toEpochSecond());
            }
        }
    }
}
