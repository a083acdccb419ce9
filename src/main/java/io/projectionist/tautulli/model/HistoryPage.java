package io.projectionist.tautulli.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A page of {@code get_history}. Page against {@code recordsFiltered}: {@code recordsTotal} counts the whole
 * table and ignores every filter. {@code filterDuration} covers this page only, {@code totalDuration} the whole
 * filtered set; both are Tautulli's humanised strings.
 */
public record HistoryPage(@JsonProperty("recordsFiltered") Long recordsFiltered,
        @JsonProperty("recordsTotal") Long recordsTotal, List<HistoryRow> data, Integer draw,
        String filterDuration, String totalDuration) {

    public HistoryPage {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
