package io.projectionist.report;

import io.projectionist.report.Report.Insight;
import io.projectionist.report.Report.LibraryStat;
import io.projectionist.report.Report.Mover;
import io.projectionist.report.Report.PlatformStat;
import io.projectionist.report.Report.TitleStat;
import io.projectionist.report.Report.Totals;
import io.projectionist.report.Report.UserStat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.projectionist.support.Json;

/**
 * A self-contained HTML page: inline CSS, inline SVG charts, no script, no external resource. Written as
 * well-formed XHTML so it can be parsed (and tested) as XML.
 */
public final class HtmlRenderer {

    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;background:#f4f5f7;color:#1f2328;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            main{max-width:880px;margin:0 auto;padding:28px 20px 40px}
            h1{font-size:26px;margin:0 0 2px}
            h2{font-size:18px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid #d8dce1}
            h3{font-size:15px;margin:18px 0 6px}
            .sub{color:#5b6470;margin:0 0 18px}
            .kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:10px}
            .kpi{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:10px 12px}
            .kpi .v{font-size:22px;font-weight:650}
            .kpi .l{font-size:12px;color:#5b6470;text-transform:uppercase;letter-spacing:.04em}
            .kpi .c{font-size:13px}
            .up{color:#1a7f37}.down{color:#cf222e}.flat{color:#5b6470}
            ul.hl,ul.ins{padding-left:20px;margin:6px 0}
            ul.hl li,ul.ins li{margin:4px 0}
            ul.ins li .k{display:inline-block;font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#5b6470;background:#e9ecef;border-radius:4px;padding:0 5px;margin-right:6px}
            details{font-size:12px;color:#5b6470;margin:2px 0 6px}
            details code{white-space:pre-wrap;word-break:break-word}
            .card{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:12px 14px;margin:10px 0}
            .card h3{margin:0 0 4px;font-size:14px;color:#3d444d}
            svg.chart{display:block;max-width:100%;height:auto}
            svg .ax{font-size:11px;fill:#5b6470}
            svg .lg{font-size:12px;fill:#1f2328}
            svg .nm{font-size:12.5px;fill:#1f2328}
            svg .in{font-size:12px;fill:#fff;font-weight:600}
            table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e1e4e8;border-radius:8px;font-size:14px}
            th,td{padding:5px 9px;border-bottom:1px solid #eceff2;text-align:left;vertical-align:top}
            th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5b6470;background:#fafbfc}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .cols{display:grid;grid-template-columns:1fr 1fr;gap:14px}
            footer{margin-top:30px;font-size:12px;color:#5b6470}
            @media (max-width:700px){.kpis{grid-template-columns:repeat(2,1fr)}.cols{grid-template-columns:1fr}}
            """;

    private HtmlRenderer() {
    }

    public static String render(Report r) {
        Report.Meta m = r.meta();
        Totals t = r.totals();
        StringBuilder b = new StringBuilder(64_000);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Xml.esc(m.title() + " · " + m.periodStart() + " – " + m.periodEnd()))
                .append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<h1>").append(Xml.esc(m.title())).append("</h1>\n");
        b.append("<p class=\"sub\">").append(Xml.esc(m.periodStart() + " – " + m.periodEnd() + " (" + Fmt.days(m.days())
                + "), compared with " + m.previousStart() + " – " + m.previousEnd() + " · generated "
                + m.generatedAt())).append("</p>\n");

        b.append("<section class=\"kpis\" id=\"kpis\">");
        kpi(b, "plays", "Plays", Fmt.count(t.plays()), t.playsChangePct(), "previous " + Fmt.count(t.previousPlays()));
        kpi(b, "hours", "Hours watched", Fmt.hours(t.watchSeconds()), t.watchChangePct(),
                "previous " + Fmt.hours(t.previousWatchSeconds()));
        kpi(b, "viewers", "Viewers", String.valueOf(t.activeUsers()),
                Fmt.changePct(t.activeUsers(), t.previousActiveUsers()), "previous " + t.previousActiveUsers());
        kpi(b, "transcoded", "Transcoded", Fmt.pct(t.transcodeSharePct()), null,
                "previous " + Fmt.pct(t.previousTranscodeSharePct()));
        kpi(b, "peak", "Peak streams", String.valueOf(t.peak().streams()), null,
                "max " + t.peak().transcodes() + " transcoding");
        b.append("</section>\n");

        b.append("<h2>Highlights</h2>\n<ul class=\"hl\" id=\"highlights\">");
        for (String h : r.highlights()) {
            b.append("<li>").append(Xml.esc(h)).append("</li>");
        }
        b.append("</ul>\n");

        b.append("<h2>Insights</h2>\n");
        if (r.insights().isEmpty()) {
            b.append("<p id=\"insights\">Nothing stood out.</p>\n");
        } else {
            b.append("<ul class=\"ins\" id=\"insights\">");
            for (Insight i : r.insights()) {
                b.append("<li data-kind=\"").append(Xml.esc(i.kind())).append("\"><span class=\"k\">")
                        .append(Xml.esc(i.kind().replace('_', ' '))).append("</span>").append(Xml.esc(i.sentence()))
                        .append("<details><summary>numbers</summary><code>").append(Xml.esc(numbers(i.numbers())))
                        .append("</code></details></li>");
            }
            b.append("</ul>\n");
        }

        List<String> media = r.days().isEmpty() ? List.of() : new ArrayList<>(r.days().get(0).byMedia().keySet());
        b.append("<h2>When</h2>\n<div class=\"card\"><h3>Plays per day</h3>")
                .append(SvgCharts.playsPerDay(r.days(), media, m.days())).append("</div>\n");
        List<String> hourMedia = r.hours().isEmpty() ? media : new ArrayList<>(r.hours().get(0).byMedia().keySet());
        b.append("<div class=\"card\"><h3>Plays by hour of day <span class=\"flat\">(last ").append(m.days())
                .append(" × 24 h, Tautulli server time)</span></h3>").append(SvgCharts.hours(r.hours(), hourMedia))
                .append("</div>\n");
        b.append("<div class=\"card\"><h3>Direct play, direct stream, transcode</h3>").append(SvgCharts.streamShare(t))
                .append("</div>\n");

        b.append("<h2>What</h2>\n");
        titles(b, "Most watched shows", "top-shows", r.rankings().shows());
        titles(b, "Most watched movies", "top-movies", r.rankings().movies());
        titles(b, "Most played artists", "top-artists", r.rankings().artists());
        movers(b, r.movers());

        b.append("<h2>Who</h2>\n");
        List<UserStat> users = r.rankings().users().stream().filter(u -> u.plays() > 0).limit(10).toList();
        b.append("<div class=\"card\"><h3>Plays by viewer</h3>").append(SvgCharts.topUsers(users)).append("</div>\n");
        usersTable(b, r.rankings().users());

        b.append("<h2>Where</h2>\n");
        platforms(b, r.platforms());
        libraries(b, r.libraries(), m.idleDays());

        b.append("<footer><p>").append(Xml.esc(m.counting())).append("</p>");
        for (String note : m.notes()) {
            b.append("<p>Note: ").append(Xml.esc(note)).append("</p>");
        }
        b.append("<p>Generated by Projectionist from Tautulli").append(m.server() == null ? "" : " (" + Xml.esc(m.server()) + ")")
                .append(".</p></footer>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    static String numbers(Map<String, Object> numbers) {
        try {
            return Json.snakeCase().writeValueAsString(numbers);
        } catch (JsonProcessingException e) {
            return String.valueOf(numbers);
        }
    }

    private static String trend(Double pct) {
        if (pct == null) {
            return "flat";
        }
        long r = Math.round(pct);
        return r > 0 ? "up" : r < 0 ? "down" : "flat";
    }

    private static void kpi(StringBuilder b, String id, String label, String value, Double change, String previous) {
        b.append("<div class=\"kpi\" id=\"kpi-").append(id).append("\"><div class=\"l\">").append(Xml.esc(label))
                .append("</div><div class=\"v\">").append(Xml.esc(value)).append("</div><div class=\"c\">");
        if (change != null) {
            b.append("<span class=\"").append(trend(change)).append("\">").append(Xml.esc(Fmt.change(change)))
                    .append("</span> · ");
        }
        b.append("<span class=\"flat\">").append(Xml.esc(previous)).append("</span></div></div>");
    }

    private static String change(long now, Long before) {
        if (before == null) {
            return "<td class=\"n flat\">?</td>";
        }
        long d = now - before;
        String cls = d > 0 ? "up" : d < 0 ? "down" : "flat";
        return "<td class=\"n " + cls + "\">" + (d > 0 ? "+" : d < 0 ? "−" : "±") + Math.abs(d) + "</td>";
    }

    private static void titles(StringBuilder b, String heading, String id, List<TitleStat> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("<h3>").append(Xml.esc(heading)).append("</h3>\n<table id=\"").append(id).append("\"><thead><tr>")
                .append("<th class=\"n\">#</th><th>Title</th><th class=\"n\">Plays</th><th class=\"n\">Change</th>")
                .append("<th class=\"n\">Hours</th></tr></thead><tbody>");
        int i = 1;
        for (TitleStat t : rows) {
            b.append("<tr><td class=\"n\">").append(i++).append("</td><td>").append(Xml.esc(t.title()))
                    .append(t.year() == null || t.year() == 0 ? "" : " <span class=\"flat\">(" + t.year() + ")</span>")
                    .append("</td><td class=\"n\">").append(Fmt.count(t.plays())).append("</td>")
                    .append(change(t.plays(), t.previousPlays())).append("<td class=\"n\">")
                    .append(Xml.esc(Fmt.hours(t.watchSeconds()))).append("</td></tr>");
        }
        b.append("</tbody></table>\n");
    }

    private static void movers(StringBuilder b, List<Mover> movers) {
        if (movers.isEmpty()) {
            return;
        }
        b.append("<h3>Biggest movers</h3>\n<table id=\"movers\"><thead><tr><th>Title or viewer</th>")
                .append("<th class=\"n\">Before</th><th class=\"n\">Now</th><th class=\"n\">Change</th></tr></thead><tbody>");
        for (Mover mv : movers) {
            b.append("<tr><td>").append(Xml.esc(mv.name())).append(mv.kind().equals("user") ? " <span class=\"flat\">(viewer)</span>" : "")
                    .append("</td><td class=\"n\">").append(Fmt.count(mv.previousPlays())).append("</td><td class=\"n\">")
                    .append(Fmt.count(mv.plays())).append("</td>").append(change(mv.plays(), mv.previousPlays()))
                    .append("</tr>");
        }
        b.append("</tbody></table>\n");
    }

    private static void usersTable(StringBuilder b, List<UserStat> users) {
        if (users.isEmpty()) {
            return;
        }
        b.append("<table id=\"users\"><thead><tr><th>Viewer</th><th class=\"n\">Plays</th><th class=\"n\">Change</th>")
                .append("<th class=\"n\">Hours</th><th class=\"n\">Previous hours</th></tr></thead><tbody>");
        for (UserStat u : users) {
            b.append("<tr><td>").append(Xml.esc(u.name())).append(u.newUser() ? " <span class=\"up\">new</span>" : "")
                    .append("</td><td class=\"n\">").append(Fmt.count(u.plays())).append("</td>")
                    .append(change(u.plays(), u.previousPlays())).append("<td class=\"n\">")
                    .append(Xml.esc(Fmt.hours(u.watchSeconds()))).append("</td><td class=\"n\">")
                    .append(Xml.esc(Fmt.hours(u.previousWatchSeconds()))).append("</td></tr>");
        }
        b.append("</tbody></table>\n");
    }

    private static void platforms(StringBuilder b, List<PlatformStat> platforms) {
        if (platforms.isEmpty()) {
            return;
        }
        b.append("<h3>Platforms</h3>\n<table id=\"platforms\"><thead><tr><th>Platform</th><th class=\"n\">Plays</th>")
                .append("<th class=\"n\">Hours</th><th class=\"n\">Direct play</th><th class=\"n\">Direct stream</th>")
                .append("<th class=\"n\">Transcode</th><th class=\"n\">Transcoded</th></tr></thead><tbody>");
        for (PlatformStat p : platforms) {
            b.append("<tr><td>").append(Xml.esc(p.platform())).append("</td><td class=\"n\">").append(Fmt.count(p.plays()))
                    .append("</td><td class=\"n\">").append(Xml.esc(Fmt.hours(p.watchSeconds()))).append("</td><td class=\"n\">")
                    .append(Fmt.count(p.directPlay())).append("</td><td class=\"n\">").append(Fmt.count(p.directStream()))
                    .append("</td><td class=\"n\">").append(Fmt.count(p.transcode())).append("</td><td class=\"n\">")
                    .append(Xml.esc(Fmt.pct(p.transcodeSharePct()))).append("</td></tr>");
        }
        b.append("</tbody></table>\n");
    }

    private static void libraries(StringBuilder b, List<LibraryStat> libraries, int idleDays) {
        if (libraries.isEmpty()) {
            return;
        }
        b.append("<h3>Libraries</h3>\n<table id=\"libraries\"><thead><tr><th>Library</th><th class=\"n\">Plays</th>")
                .append("<th class=\"n\">Change</th><th class=\"n\">Hours</th><th class=\"n\">Plays in ").append(idleDays)
                .append(" days</th><th class=\"n\">All time</th></tr></thead><tbody>");
        for (LibraryStat l : libraries) {
            b.append("<tr><td>").append(Xml.esc(l.name())).append("</td><td class=\"n\">").append(Fmt.count(l.plays()))
                    .append("</td>").append(change(l.plays(), l.previousPlays())).append("<td class=\"n\">")
                    .append(Xml.esc(Fmt.hours(l.watchSeconds()))).append("</td><td class=\"n\">")
                    .append(Fmt.count(l.idleWindowPlays())).append("</td><td class=\"n\">").append(Fmt.count(l.allTimePlays()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table>\n");
    }
}
