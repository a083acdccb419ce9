package io.projectionist.report;

import java.util.List;
import java.util.Locale;

/** Number and text formatting shared by the report's sentences and renderers (English, no locale surprises). */
final class Fmt {

    private Fmt() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String plays(long n) {
        return count(n) + (n == 1 ? " play" : " plays");
    }

    /** Seconds as hours with one decimal: "318.5 h". */
    static String hours(long seconds) {
        return String.format(Locale.ROOT, "%,.1f h", seconds / 3600.0);
    }

    static double hoursValue(long seconds) {
        return Math.round(seconds / 360.0) / 10.0;
    }

    static String pct(Double p) {
        return p == null ? "–" : String.format(Locale.ROOT, "%.0f%%", p);
    }

    /** "+12%", "−4%", "no change", or "new" when the previous value was 0. */
    static String change(Double p) {
        if (p == null) {
            return "new";
        }
        long r = Math.round(p);
        if (r == 0) {
            return "no change";
        }
        return (r > 0 ? "+" : "−") + Math.abs(r) + "%";
    }

    /** "up 12% on", "down 4% on", "level with" the previous period. */
    static String changeWords(Double p) {
        if (p == null) {
            return "with nothing in";
        }
        long r = Math.round(p);
        if (r == 0) {
            return "level with";
        }
        return (r > 0 ? "up " : "down ") + Math.abs(r) + "% on";
    }

    static Double changePct(long now, long before) {
        return before == 0 ? null : (now - before) * 100.0 / before;
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    static String quote(String title) {
        return "‘" + title + "’";
    }

    /** "Alice", "Alice and Bob", "Alice, Bob and Carol". */
    static String and(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }
}
