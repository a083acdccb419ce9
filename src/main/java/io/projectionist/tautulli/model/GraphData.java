package io.projectionist.tautulli.model;

import java.util.List;
import java.util.Optional;

/**
 * A graph command's data: categories (dates, hours, names) and series of equal length. Series order is
 * Tautulli's (TV, Movies, Music, Live TV; {@code Total} only on {@code get_plays_by_date}).
 */
public record GraphData(List<String> categories, List<Series> series) {

    public GraphData {
        categories = categories == null ? List.of() : List.copyOf(categories);
        series = series == null ? List.of() : List.copyOf(series);
    }

    public Optional<Series> series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The sum over all series per category (what {@code Total} holds when Tautulli sends it). */
    public long[] totals() {
        long[] sum = new long[categories.size()];
        for (Series s : series) {
            if ("Total".equals(s.name())) {
                continue;
            }
            for (int i = 0; i < sum.length && i < s.data().size(); i++) {
                sum[i] += s.data().get(i);
            }
        }
        return sum;
    }

    public record Series(String name, List<Long> data) {
        public Series {
            data = data == null ? List.of() : List.copyOf(data);
        }
    }
}
