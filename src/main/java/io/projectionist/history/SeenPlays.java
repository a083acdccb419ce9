package io.projectionist.history;

import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The idempotent repository behind the ingestion route's idempotent consumer, keyed by Tautulli's history row id.
 * A key the consumer adds is only <em>pending</em> until the sink has written the row ({@link #commit}); only
 * then is it stored durably. A crash between the two therefore re-reads the row instead of losing it (the sink
 * drops rows its files already hold). The durable part is a {@link Store}: files in the data folder by default,
 * PostgreSQL for several instances.
 */
public class SeenPlays extends ServiceSupport implements IdempotentRepository {

    /** Durable set of committed row ids, bounded by pruning what the watermark has left behind. */
    public interface Store {
        boolean contains(long id);

        void addAll(Collection<HistoryRow> rows);

        /** Forgets ids of plays that started before {@code epochSeconds}: the consumer never re-reads them. */
        void pruneStartedBefore(long epochSeconds);

        long size();

        default void close() {
        }
    }

    private final Store store;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public SeenPlays(Store store) {
        this.store = store;
    }

    @Override
    public boolean add(String key) {
        if (containsCommitted(key)) {
            return false;
        }
        return pending.add(key);
    }

    @Override
    public boolean contains(String key) {
        return pending.contains(key) || containsCommitted(key);
    }

    @Override
    public boolean remove(String key) {
        return pending.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        pending.clear();
    }

    /** Makes the rows' ids durable: called after the sink has written them. */
    public void commit(Collection<HistoryRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        store.addAll(rows);
        for (HistoryRow row : rows) {
            pending.remove(String.valueOf(row.id()));
        }
    }

    public void pruneStartedBefore(long epochSeconds) {
        store.pruneStartedBefore(epochSeconds);
    }

    public long committedSize() {
        return store.size();
    }

    public int pendingSize() {
        return pending.size();
    }

    private boolean containsCommitted(String key) {
        try {
            return store.contains(Long.parseLong(key));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    protected void doStop() {
        store.close();
    }
}
