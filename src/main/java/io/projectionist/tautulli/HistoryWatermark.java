package io.projectionist.tautulli;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where {@code tautulli:history} remembers how far it has read: the last local day whose plays have all been
 * processed. Tautulli has no "since row id" filter and its {@code after} is an inclusive local date, so the
 * consumer re-reads from the day after the watermark minus an overlap, and duplicates are dropped downstream.
 */
public interface HistoryWatermark {

    /** The last day fully read, if any (empty: nothing read yet, backfill everything). */
    Optional<LocalDate> lastFullyRead();

    /** Records progress; implementations keep the maximum, so a watermark never moves back. */
    void advance(LocalDate lastFullyRead);

    /** A watermark that lives only as long as the endpoint (for tests and one-off reads). */
    static HistoryWatermark inMemory() {
        return new HistoryWatermark() {
            private volatile LocalDate day;

            @Override
            public Optional<LocalDate> lastFullyRead() {
                return Optional.ofNullable(day);
            }

            @Override
            public synchronized void advance(LocalDate lastFullyRead) {
                if (day == null || lastFullyRead.isAfter(day)) {
                    day = lastFullyRead;
                }
            }
        };
    }
}
