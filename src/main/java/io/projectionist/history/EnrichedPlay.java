package io.projectionist.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.projectionist.tautulli.model.HistoryRow;

/** A history row with its Plex enrichment; exported flat: Tautulli's history fields, then the enrichment's. */
public record EnrichedPlay(@JsonUnwrapped HistoryRow play, @JsonUnwrapped Enrichment enrichment) {
}
