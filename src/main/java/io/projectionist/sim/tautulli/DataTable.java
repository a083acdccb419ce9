package io.projectionist.sim.tautulli;

import static io.projectionist.sim.tautulli.TautulliApi.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The datatables envelope Tautulli's *_table commands share ({@code build_datatables_json} then an SQL
 * ORDER BY / LIKE / LIMIT): order_column names the command's columns (an unknown one is ignored, as observed
 * on get_history), order_dir defaults to desc, search is a case-insensitive substring over the searchable
 * columns, recordsTotal counts the rows before the search.
 */
final class DataTable {

    /** A column: its name, whether it can be ordered by, whether search looks at it. */
    record Column(String name, boolean orderable, boolean searchable) {
    }

    private final List<Column> columns;
    private final String defaultSort;

    DataTable(String defaultSort, Column... columns) {
        this.columns = List.of(columns);
        this.defaultSort = defaultSort;
    }

    static Column col(String name, boolean orderable, boolean searchable) {
        return new Column(name, orderable, searchable);
    }

    /** The envelope with no rows: what a Tautulli with nothing of that kind answers. */
    static Map<String, Object> empty() {
        return map("recordsFiltered", 0, "recordsTotal", 0, "data", List.of(), "draw", 1);
    }

    Map<String, Object> query(Args a, List<Map<String, Object>> all) {
        // comma lists pair columns with directions; unknown columns are skipped, a bad direction is desc
        String[] cols = a.str("order_column", defaultSort).split(",");
        String[] dirs = a.str("order_dir", "desc").split(",");
        Comparator<Map<String, Object>> cmp = null;
        for (int i = 0; i < cols.length; i++) {
            String name = cols[i].trim();
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                continue;
            }
            boolean asc = i < dirs.length && dirs[i].trim().equalsIgnoreCase("asc");
            Comparator<Map<String, Object>> one = (x, y) -> compare(x.get(name), y.get(name));
            one = asc ? one : one.reversed();
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        int start = a.intArg("start", 0);
        int length = a.intArg("length", 25);
        String search = a.str("search");
        List<Map<String, Object>> rows = new ArrayList<>(all);
        if (search != null) {
            String needle = search.toLowerCase(Locale.ROOT);
            rows.removeIf(r -> columns.stream().filter(Column::searchable).noneMatch(c -> {
                Object v = r.get(c.name());
                return v != null && String.valueOf(v).toLowerCase(Locale.ROOT).contains(needle);
            }));
        }
        if (cmp != null) {
            rows.sort(cmp); // no usable column: no ORDER BY, rows stay in row id order
        }
        int[] b = HistoryQuery.pySlice(rows.size(), start, length < 0 ? rows.size() : start + length);
        return map("recordsFiltered", rows.size(), "recordsTotal", all.size(), "data",
                new ArrayList<>(rows.subList(b[0], b[1])), "draw", 1);
    }

    /** SQLite's order: NULL first, numbers before text, numbers by value, text by bytes. */
    static int compare(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        if (x instanceof Number nx && y instanceof Number ny) {
            return Double.compare(nx.doubleValue(), ny.doubleValue());
        }
        if (x instanceof Number) {
            return -1;
        }
        if (y instanceof Number) {
            return 1;
        }
        return String.valueOf(x).compareTo(String.valueOf(y));
    }
}
