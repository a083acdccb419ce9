package io.projectionist.history;

import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the rows of a split page that the idempotent consumer let through: the splitter hands every
 * sub-exchange to the strategy, duplicates included, so only those the idempotent consumer's branch marked
 * {@link #NEW_ROW} are kept.
 */
public class NewRowsAggregation implements AggregationStrategy {

    /** Exchange property set inside the idempotent consumer: this row has not been ingested before. */
    public static final String NEW_ROW = "projectionistNewRow";

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        List<HistoryRow> rows = oldExchange == null ? new ArrayList<>()
                : oldExchange.getProperty("newRows", List.class);
        if (newExchange != null && Boolean.TRUE.equals(newExchange.getProperty(NEW_ROW))) {
            rows.add(newExchange.getMessage().getBody(HistoryRow.class));
        }
        result.setProperty("newRows", rows);
        return result;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onCompletion(Exchange exchange, Exchange inputExchange) {
        if (exchange == null) {
            return;
        }
        List<HistoryRow> rows = exchange.getProperty("newRows", List.class);
        exchange.getMessage().setBody(rows == null ? new ArrayList<HistoryRow>() : rows);
        exchange.removeProperty("newRows");
    }
}
