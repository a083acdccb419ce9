package io.projectionist.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Logs a long backfill's progress at a steady interval: rows done of the total, rows per second, and the time
 * left at that rate. Fed by the ingestion route after each page.
 */
public class HistoryProgress {

    private static final Logger LOG = LoggerFactory.getLogger("io.projectionist.history");

    private final long intervalMillis;
    private long startedAt;
    private long lastLogAt;
    private long total;
    private long done;
    private long written;

    public HistoryProgress(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /** One page processed: {@code rows} read (new or not), of which {@code newRows} written. */
    public synchronized void page(int start, Long pollTotal, int rows, int newRows) {
        long now = System.currentTimeMillis();
        if (start == 0 || startedAt == 0) {
            startedAt = now;
            lastLogAt = now;
            done = 0;
            total = pollTotal == null ? 0 : pollTotal;
        }
        done = Math.max(done, (long) start + rows);
        written += newRows;
        if (now - lastLogAt >= intervalMillis && total > 0) {
            lastLogAt = now;
            LOG.info(line(now));
        }
    }

    synchronized String line(long now) {
        double seconds = Math.max(0.001, (now - startedAt) / 1000.0);
        double rate = done / seconds;
        long left = Math.max(0, total - done);
        long eta = rate > 0 ? Math.round(left / rate) : -1;
        return String.format("history: %,d / %,d rows (%.0f%%), %,.0f rows/s, ETA %s, %,d new plays written",
                done, total, 100.0 * done / Math.max(1, total), rate, eta < 0 ? "?" : eta + " s", written);
    }

    public synchronized long written() {
        return written;
    }
}
