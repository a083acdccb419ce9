package io.projectionist.report;

import io.projectionist.report.Report.Bucket;
import io.projectionist.report.Report.Day;
import io.projectionist.report.Report.Totals;
import io.projectionist.report.Report.UserStat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline SVG charts for the HTML report: no script, no external resources. Every bar carries its numbers as
 * {@code data-*} attributes so tests (and curious readers) can check them.
 */
final class SvgCharts {

    static final Map<String, String> MEDIA_COLOURS = Map.of("TV", "#4e79a7", "Movies", "#f28e2b", "Music", "#59a14f",
            "Live TV", "#b07aa1");
    static final Map<String, String> STREAM_COLOURS = Map.of("Direct Play", "#59a14f", "Direct Stream", "#4e79a7",
            "Transcode", "#e15759");
    private static final String GRID = "#e3e6ea";
    private static final String INK = "#5b6470";

    private SvgCharts() {
    }

    static String colour(String series) {
        return MEDIA_COLOURS.getOrDefault(series, STREAM_COLOURS.getOrDefault(series, "#9c755f"));
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** 1, 2, 5 × 10^k at or above {@code v} (at least 1). */
    static long niceCeil(long v) {
        if (v <= 1) {
            return 1;
        }
        long p = 1;
        while (p * 10 < v) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static void open(StringBuilder b, String id, String title, int w, int h) {
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"100%\" role=\"img\"")
                .append(" aria-label=\"").append(Xml.esc(title)).append("\">")
                .append("<title>").append(Xml.esc(title)).append("</title>");
    }

    private static void legend(StringBuilder b, List<String> names, double x, double y) {
        double cx = x;
        for (String n : names) {
            b.append("<rect x=\"").append(f(cx)).append("\" y=\"").append(f(y - 9)).append("\" width=\"10\" height=\"10\"")
                    .append(" rx=\"2\" fill=\"").append(colour(n)).append("\"/>");
            b.append("<text x=\"").append(f(cx + 14)).append("\" y=\"").append(f(y)).append("\" class=\"lg\">")
                    .append(Xml.esc(n)).append("</text>");
            cx += 24 + n.length() * 6.5;
        }
    }

    /**
     * Vertical bars stacked by series, with an optional dashed line (the previous period).
     *
     * @param dataAttr name of the per-bar attribute holding the label (date, hour)
     */
    static String stackedBars(String id, String title, List<String> labels, List<String> shortLabels,
            List<Map<String, Long>> stacks, List<Long> totals, List<String> series, long[] overlay,
            String overlayName, String dataAttr) {
        int w = 760;
        int h = 260;
        double left = 44;
        double right = 12;
        double top = 30;
        double bottom = 34;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        long max = 1;
        for (long t : totals) {
            max = Math.max(max, t);
        }
        if (overlay != null) {
            for (long v : overlay) {
                max = Math.max(max, v);
            }
        }
        long yMax = niceCeil(max);
        StringBuilder b = new StringBuilder();
        open(b, id, title, w, h);
        for (int g = 0; g <= 4; g++) {
            double y = top + plotH - plotH * g / 4.0;
            b.append("<line x1=\"").append(f(left)).append("\" x2=\"").append(f(w - right)).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"").append(GRID).append("\"/>");
            b.append("<text x=\"").append(f(left - 6)).append("\" y=\"").append(f(y + 4))
                    .append("\" class=\"ax\" text-anchor=\"end\">").append(Fmt.count(yMax * g / 4)).append("</text>");
        }
        int n = labels.size();
        double slot = n == 0 ? plotW : plotW / n;
        double barW = Math.max(1, slot * 0.72);
        int every = Math.max(1, (int) Math.ceil(n / 16.0));
        for (int i = 0; i < n; i++) {
            double x = left + i * slot + (slot - barW) / 2;
            b.append("<g class=\"bar\" data-").append(dataAttr).append("=\"").append(Xml.esc(labels.get(i)))
                    .append("\" data-plays=\"").append(totals.get(i)).append("\">");
            b.append("<title>").append(Xml.esc(labels.get(i))).append(": ").append(Fmt.plays(totals.get(i)))
                    .append("</title>");
            double y = top + plotH;
            for (String s : series) {
                long v = stacks.get(i).getOrDefault(s, 0L);
                if (v <= 0) {
                    continue;
                }
                double bh = plotH * v / yMax;
                y -= bh;
                b.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(barW))
                        .append("\" height=\"").append(f(bh)).append("\" fill=\"").append(colour(s))
                        .append("\" data-series=\"").append(Xml.esc(s)).append("\" data-value=\"").append(v)
                        .append("\"/>");
            }
            b.append("</g>");
            if (i % every == 0) {
                b.append("<text x=\"").append(f(left + i * slot + slot / 2)).append("\" y=\"").append(f(h - bottom + 16))
                        .append("\" class=\"ax\" text-anchor=\"middle\">").append(Xml.esc(shortLabels.get(i)))
                        .append("</text>");
            }
        }
        List<String> legendNames = new ArrayList<>(series);
        if (overlay != null && n > 0) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < n && i < overlay.length; i++) {
                double x = left + i * slot + slot / 2;
                double y = top + plotH - plotH * overlay[i] / yMax;
                pts.append(i == 0 ? "" : " ").append(f(x)).append(',').append(f(y));
            }
            b.append("<polyline class=\"previous\" points=\"").append(pts).append("\" fill=\"none\" stroke=\"#222\"")
                    .append(" stroke-opacity=\"0.55\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");
        }
        legend(b, legendNames, left, 16);
        if (overlay != null) {
            double x = left + legendNames.stream().mapToDouble(s -> 24 + s.length() * 6.5).sum();
            b.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x + 16)).append("\" y1=\"12\" y2=\"12\"")
                    .append(" stroke=\"#222\" stroke-opacity=\"0.55\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");
            b.append("<text x=\"").append(f(x + 20)).append("\" y=\"16\" class=\"lg\">").append(Xml.esc(overlayName))
                    .append("</text>");
        }
        b.append("</svg>");
        return b.toString();
    }

    static String playsPerDay(List<Day> days, List<String> series, int periodDays) {
        List<String> labels = days.stream().map(Day::date).toList();
        List<String> shortLabels = days.stream()
                .map(d -> (periodDays <= 14 && d.weekday().length() >= 3 ? d.weekday().substring(0, 3) + " " : "")
                        + (d.date().length() >= 10 ? d.date().substring(5) : d.date()))
                .toList();
        long[] prev = days.stream().mapToLong(Day::previousPlays).toArray();
        return stackedBars("chart-days", "Plays per day", labels, shortLabels,
                days.stream().map(Day::byMedia).toList(), days.stream().map(Day::plays).toList(), series, prev,
                "previous " + Fmt.days(periodDays), "date");
    }

    static String hours(List<Bucket> hours, List<String> series) {
        List<String> labels = hours.stream().map(Bucket::label).toList();
        List<String> shortLabels = labels.stream().map(l -> l + "h").toList();
        return stackedBars("chart-hours", "Plays by hour of day", labels, shortLabels,
                hours.stream().map(Bucket::byMedia).toList(), hours.stream().map(Bucket::plays).toList(), series,
                null, null, "hour");
    }

    /** One 100 % bar split into direct play, direct stream and transcode, labelled with shares. */
    static String streamShare(Totals t) {
        int w = 760;
        int h = 92;
        long all = t.directPlay() + t.directStream() + t.transcode();
        StringBuilder b = new StringBuilder();
        open(b, "chart-stream", "Stream types", w, h);
        double x = 12;
        double width = w - 24;
        long[] values = {t.directPlay(), t.directStream(), t.transcode()};
        List<String> names = ReportBuilder.STREAM_TYPES;
        if (all == 0) {
            b.append("<rect x=\"12\" y=\"30\" width=\"").append(f(width)).append("\" height=\"28\" fill=\"").append(GRID)
                    .append("\"/><text x=\"").append(f(w / 2.0)).append("\" y=\"49\" class=\"ax\" text-anchor=\"middle\">")
                    .append("no plays</text>");
        }
        for (int i = 0; i < 3 && all > 0; i++) {
            double sw = width * values[i] / all;
            b.append("<rect x=\"").append(f(x)).append("\" y=\"30\" width=\"").append(f(sw)).append("\" height=\"28\"")
                    .append(" fill=\"").append(colour(names.get(i))).append("\" data-series=\"").append(names.get(i))
                    .append("\" data-value=\"").append(values[i]).append("\"><title>").append(names.get(i)).append(": ")
                    .append(Fmt.plays(values[i])).append("</title></rect>");
            String pct = Fmt.pct(Fmt.share(values[i], all));
            if (sw > 44) {
                b.append("<text x=\"").append(f(x + sw / 2)).append("\" y=\"49\" class=\"in\" text-anchor=\"middle\">")
                        .append(pct).append("</text>");
            }
            x += sw;
        }
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            legend.add(names.get(i) + " " + Fmt.count(values[i]));
        }
        double lx = 12;
        for (int i = 0; i < 3; i++) {
            b.append("<rect x=\"").append(f(lx)).append("\" y=\"71\" width=\"10\" height=\"10\" rx=\"2\" fill=\"")
                    .append(colour(names.get(i))).append("\"/><text x=\"").append(f(lx + 14)).append("\" y=\"80\"")
                    .append(" class=\"lg\">").append(Xml.esc(legend.get(i))).append("</text>");
            lx += 34 + legend.get(i).length() * 6.5;
        }
        b.append("<text x=\"12\" y=\"18\" class=\"lg\">").append(Xml.esc("Transcoded " + Fmt.pct(t.transcodeSharePct())
                + " of plays" + (t.previousTranscodeSharePct() == null ? ""
                : " (previous period " + Fmt.pct(t.previousTranscodeSharePct()) + ")"))).append("</text>");
        b.append("</svg>");
        return b.toString();
    }

    /** Horizontal bars: plays per user, with hours as a label. */
    static String topUsers(List<UserStat> users) {
        int w = 760;
        int rowH = 26;
        int h = 16 + Math.max(1, users.size()) * rowH;
        long max = 1;
        for (UserStat u : users) {
            max = Math.max(max, u.plays());
        }
        double left = 150;
        double width = w - left - 150;
        StringBuilder b = new StringBuilder();
        open(b, "chart-users", "Plays by user", w, h);
        for (int i = 0; i < users.size(); i++) {
            UserStat u = users.get(i);
            double y = 8 + i * rowH;
            double bw = Math.max(1, width * u.plays() / max);
            b.append("<g class=\"bar\" data-user=\"").append(Xml.esc(u.name())).append("\" data-plays=\"").append(u.plays())
                    .append("\" data-seconds=\"").append(u.watchSeconds()).append("\">");
            b.append("<text x=\"").append(f(left - 8)).append("\" y=\"").append(f(y + 15))
                    .append("\" class=\"nm\" text-anchor=\"end\">").append(Xml.esc(u.name())).append("</text>");
            b.append("<rect x=\"").append(f(left)).append("\" y=\"").append(f(y + 2)).append("\" width=\"").append(f(bw))
                    .append("\" height=\"").append(rowH - 8).append("\" rx=\"3\" fill=\"#4e79a7\"/>");
            b.append("<text x=\"").append(f(left + bw + 6)).append("\" y=\"").append(f(y + 15)).append("\" class=\"ax\">")
                    .append(Xml.esc(Fmt.plays(u.plays()) + " · " + Fmt.hours(u.watchSeconds()))).append("</text>");
            b.append("</g>");
        }
        b.append("</svg>");
        return b.toString();
    }
}
