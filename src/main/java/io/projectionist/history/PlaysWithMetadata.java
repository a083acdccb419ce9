package io.projectionist.history;

import io.projectionist.plex.model.PlexItem;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins history rows with a {@code plex:metadata} answer, for YAML routes: {@code setHeader CamelPlexRatingKeys}
 * from {@link #ratingKeys}, then {@code enrich: plex:metadata} with this strategy. The result is a list of
 * {@link EnrichedPlay} (the shape the history exports use); rows whose item Plex no longer has are kept, marked
 * {@code not_in_plex}. Null-safe, as enrich requires.
 */
public class PlaysWithMetadata implements AggregationStrategy {

    /** The distinct rating keys of the rows, comma-separated, for the {@code CamelPlexRatingKeys} header. */
    public String ratingKeys(List<HistoryRow> rows) {
        Set<String> keys = new LinkedHashSet<>();
        for (HistoryRow row : rows) {
            if (row.ratingKey() != null) {
                keys.add(row.ratingKey());
            }
        }
        return String.join(",", keys);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange original, Exchange resource) {
        if (original == null) {
            return resource;
        }
        List<HistoryRow> rows = original.getMessage().getBody(List.class);
        Map<String, PlexItem> items = resource == null ? Map.of() : resource.getMessage().getBody(Map.class);
        List<EnrichedPlay> out = new ArrayList<>();
        for (HistoryRow row : rows == null ? List.<HistoryRow>of() : rows) {
            PlexItem item = items == null ? null : items.get(row.ratingKey());
            out.add(new EnrichedPlay(row, item == null ? Enrichment.none(Enrichment.NOT_IN_PLEX)
                    : Enrichment.of(item, null)));
        }
        original.getMessage().setBody(out);
        return original;
    }
}
