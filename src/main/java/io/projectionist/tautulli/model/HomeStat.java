package io.projectionist.tautulli.model;

import java.util.List;

/**
 * One {@code get_home_stats} card. Without {@code stat_id} Tautulli answers a list of cards (with
 * {@code top_libraries} twice in its default configuration); with one, a single card.
 */
public record HomeStat(String statId, String statType, String statTitle, List<HomeStatRow> rows) {

    public HomeStat {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
