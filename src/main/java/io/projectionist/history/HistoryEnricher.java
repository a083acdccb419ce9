package io.projectionist.history;

import io.projectionist.plex.model.PlexItem;
import io.projectionist.tautulli.model.HistoryRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Collections;
import java.util.HashMap;

/**
 * Plex metadata for history rows, with a bounded cache so an item costs one lookup however often it is played.
 * The route asks {@link #missingBatches} which rating keys to fetch (in batches for Plex's multi-get), feeds the
 * answers to {@link #remember}, then {@link #apply} joins rows and metadata. Items Plex no longer has are cached
 * as absent: their plays still ingest, marked {@code not_in_plex}. Only a successful answer may be remembered (a
 * failed or short-circuited call fails the page instead; see {@link HistoryRoutes}).
 */
public class HistoryEnricher {

    private final int batchSize;
    private final Map<String, Optional<PlexItem>> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public HistoryEnricher(int batchSize, int cacheSize) {
        this.batchSize = batchSize;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<PlexItem>> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /** Distinct rating keys the rows need (the item, and the show or artist for episodes and tracks). */
    static Set<String> keysOf(Collection<HistoryRow> rows) {
        Set<String> keys = new LinkedHashSet<>();
        for (HistoryRow row : rows) {
            if (row.ratingKey() != null) {
                keys.add(row.ratingKey());
            }
            if (row.grandparentRatingKey() != null) {
                keys.add(row.grandparentRatingKey());
            }
        }
        return keys;
    }

    /** The keys not in the cache, cut into batches of at most {@code batchSize}. */
    public List<List<String>> missingBatches(Collection<HistoryRow> rows) {
        List<String> missing = new ArrayList<>();
        for (String key : keysOf(rows)) {
            if (cache.containsKey(key)) {
                hits.incrementAndGet();
            } else {
                misses.incrementAndGet();
                missing.add(key);
            }
        }
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < missing.size(); i += batchSize) {
            batches.add(List.copyOf(missing.subList(i, Math.min(missing.size(), i + batchSize))));
        }
        return batches;
    }

    /** Stores one batch's answer; requested keys Plex did not return are remembered as absent. */
    public void remember(List<String> requested, Map<String, PlexItem> found, Map<String, Optional<PlexItem>> page) {
        for (String key : requested) {
            Optional<PlexItem> item = Optional.ofNullable(found == null ? null : found.get(key));
            cache.put(key, item);
            page.put(key, item);
        }
    }

    /** Joins rows with metadata from this page's answers or the cache. */
    public List<EnrichedPlay> apply(List<HistoryRow> rows, Map<String, Optional<PlexItem>> page) {
        List<EnrichedPlay> out = new ArrayList<>(rows.size());
        Map<String, Enrichment> byItem = new HashMap<>(); // an item played often is joined once
        Enrichment notInPlex = Enrichment.none(Enrichment.NOT_IN_PLEX);
        for (HistoryRow row : rows) {
            Enrichment e = row.ratingKey() == null ? notInPlex : byItem.computeIfAbsent(row.ratingKey(), k -> {
                Optional<PlexItem> item = lookup(k, page);
                if (item.isEmpty()) {
                    return notInPlex;
                }
                PlexItem top = row.grandparentRatingKey() == null ? null
                        : lookup(row.grandparentRatingKey(), page).orElse(null);
                return Enrichment.of(item.get(), top);
            });
            out.add(new EnrichedPlay(row, e));
        }
        return out;
    }

    /** Rows written without Plex (no Plex configured). */
    public static List<EnrichedPlay> unenriched(List<HistoryRow> rows, String status) {
        Enrichment none = Enrichment.none(status);
        List<EnrichedPlay> out = new ArrayList<>(rows.size());
        for (HistoryRow row : rows) {
            out.add(new EnrichedPlay(row, none));
        }
        return out;
    }

    private Optional<PlexItem> lookup(String key, Map<String, Optional<PlexItem>> page) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<PlexItem> item = page.get(key);
        if (item == null) {
            item = cache.get(key);
        }
        return item == null ? Optional.empty() : item;
    }

    public long cacheHits() {
        return hits.get();
    }

    public long cacheMisses() {
        return misses.get();
    }

    public int cacheSize() {
        return cache.size();
    }
}
