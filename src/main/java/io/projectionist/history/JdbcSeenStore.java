package io.projectionist.history;

import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Committed row ids in PostgreSQL through Camel's {@link JdbcMessageIdRepository} (table
 * {@code CAMEL_MESSAGEPROCESSED}, created when missing), so several instances share what has been ingested.
 * Bounded by age: entries older than the retention are deleted, since the watermark never re-reads that far.
 */
public class JdbcSeenStore implements SeenPlays.Store {

    private final JdbcMessageIdRepository repository;
    private final String processorName;
    private final Duration retention;

    public JdbcSeenStore(DataSource dataSource, String processorName, Duration retention) {
        this.processorName = processorName;
        this.retention = retention;
        this.repository = new JdbcMessageIdRepository(dataSource, processorName);
        this.repository.start();
    }

    @Override
    public boolean contains(long id) {
        return repository.contains(String.valueOf(id));
    }

    @Override
    public void addAll(Collection<HistoryRow> rows) {
        for (HistoryRow row : rows) {
            repository.add(String.valueOf(row.id()));
        }
    }

    @Override
    public void pruneStartedBefore(long epochSeconds) {
        // the table has no play times, only when an id was stored: keep the retention window of those
        repository.getJdbcTemplate().update(
                "DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND createdAt < ?",
                processorName, Timestamp.from(Instant.now().minus(retention)));
    }

    @Override
    public long size() {
        Long n = repository.getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?", Long.class, processorName);
        return n == null ? 0 : n;
    }

    @Override
    public void close() {
        repository.stop();
    }
}
