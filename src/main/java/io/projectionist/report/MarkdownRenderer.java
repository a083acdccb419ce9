package io.projectionist.report;

import io.projectionist.report.Report.Insight;
import io.projectionist.report.Report.LibraryStat;
import io.projectionist.report.Report.Mover;
import io.projectionist.report.Report.PlatformStat;
import io.projectionist.report.Report.TitleStat;
import io.projectionist.report.Report.Totals;
import io.projectionist.report.Report.UserStat;

import java.util.List;

/** The report as Markdown: the same highlights, insights and tables as the HTML page, without charts. */
public final class MarkdownRenderer {

    private MarkdownRenderer() {
    }

    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    private static String delta(long now, Long before) {
        if (before == null) {
            return "?";
        }
        long d = now - before;
        return (d > 0 ? "+" : d < 0 ? "−" : "±") + Math.abs(d);
    }

    public static String render(Report r) {
        Report.Meta m = r.meta();
        Totals t = r.totals();
        StringBuilder b = new StringBuilder(16_000);
        b.append("# ").append(m.title()).append("\n\n");
        b.append("_").append(m.periodStart()).append(" – ").append(m.periodEnd()).append(" (").append(Fmt.days(m.days()))
                .append("), compared with ").append(m.previousStart()).append(" – ").append(m.previousEnd())
                .append(". Generated ").append(m.generatedAt()).append("._\n\n");
        b.append("| Plays | Hours watched | Viewers | Transcoded | Peak streams |\n|---:|---:|---:|---:|---:|\n");
        b.append("| ").append(Fmt.count(t.plays())).append(" (").append(Fmt.change(t.playsChangePct())).append(") | ")
                .append(Fmt.hours(t.watchSeconds())).append(" (").append(Fmt.change(t.watchChangePct())).append(") | ")
                .append(t.activeUsers()).append(" (previous ").append(t.previousActiveUsers()).append(") | ")
                .append(Fmt.pct(t.transcodeSharePct())).append(" (previous ").append(Fmt.pct(t.previousTranscodeSharePct()))
                .append(") | ").append(t.peak().streams()).append(" |\n\n");
        b.append("## Highlights\n\n");
        r.highlights().forEach(h -> b.append("- ").append(h).append('\n'));
        b.append("\n## Insights\n\n");
        if (r.insights().isEmpty()) {
            b.append("Nothing stood out.\n");
        }
        for (Insight i : r.insights()) {
            b.append("- **").append(i.kind().replace('_', ' ')).append("** ").append(i.sentence()).append("  \n  `")
                    .append(HtmlRenderer.numbers(i.numbers()).replace("`", "'")).append("`\n");
        }
        b.append("\n## Plays per day\n\n| Date | Day | Plays | Hours | Previous period |\n|---|---|---:|---:|---:|\n");
        r.days().forEach(d -> b.append("| ").append(d.date()).append(" | ").append(d.weekday()).append(" | ")
                .append(Fmt.count(d.plays())).append(" | ").append(Fmt.hours(d.watchSeconds())).append(" | ")
                .append(Fmt.count(d.previousPlays())).append(" |\n"));
        titles(b, "Most watched shows", r.rankings().shows());
        titles(b, "Most watched movies", r.rankings().movies());
        titles(b, "Most played artists", r.rankings().artists());
        if (!r.movers().isEmpty()) {
            b.append("\n## Biggest movers\n\n| Title or viewer | Before | Now | Change |\n|---|---:|---:|---:|\n");
            for (Mover mv : r.movers()) {
                b.append("| ").append(cell(mv.name())).append(mv.kind().equals("user") ? " (viewer)" : "").append(" | ")
                        .append(mv.previousPlays()).append(" | ").append(mv.plays()).append(" | ")
                        .append(delta(mv.plays(), mv.previousPlays())).append(" |\n");
            }
        }
        List<UserStat> users = r.rankings().users();
        if (!users.isEmpty()) {
            b.append("\n## Viewers\n\n| Viewer | Plays | Change | Hours |\n|---|---:|---:|---:|\n");
            for (UserStat u : users) {
                b.append("| ").append(cell(u.name())).append(u.newUser() ? " (new)" : "").append(" | ")
                        .append(Fmt.count(u.plays())).append(" | ").append(delta(u.plays(), u.previousPlays()))
                        .append(" | ").append(Fmt.hours(u.watchSeconds())).append(" |\n");
            }
        }
        if (!r.platforms().isEmpty()) {
            b.append("\n## Platforms\n\n| Platform | Plays | Direct play | Direct stream | Transcode | Transcoded |\n")
                    .append("|---|---:|---:|---:|---:|---:|\n");
            for (PlatformStat p : r.platforms()) {
                b.append("| ").append(cell(p.platform())).append(" | ").append(Fmt.count(p.plays())).append(" | ")
                        .append(p.directPlay()).append(" | ").append(p.directStream()).append(" | ").append(p.transcode())
                        .append(" | ").append(Fmt.pct(p.transcodeSharePct())).append(" |\n");
            }
        }
        if (!r.libraries().isEmpty()) {
            b.append("\n## Libraries\n\n| Library | Plays | Change | Hours | Plays in ").append(m.idleDays())
                    .append(" days | All time |\n|---|---:|---:|---:|---:|---:|\n");
            for (LibraryStat l : r.libraries()) {
                b.append("| ").append(cell(l.name())).append(" | ").append(Fmt.count(l.plays())).append(" | ")
                        .append(delta(l.plays(), l.previousPlays())).append(" | ").append(Fmt.hours(l.watchSeconds()))
                        .append(" | ").append(Fmt.count(l.idleWindowPlays())).append(" | ")
                        .append(Fmt.count(l.allTimePlays())).append(" |\n");
            }
        }
        b.append("\n---\n\n").append(m.counting()).append('\n');
        m.notes().forEach(n -> b.append("\nNote: ").append(n).append('\n'));
        return b.toString();
    }

    private static void titles(StringBuilder b, String heading, List<TitleStat> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("\n## ").append(heading).append("\n\n| # | Title | Plays | Change | Hours |\n|---:|---|---:|---:|---:|\n");
        int i = 1;
        for (TitleStat t : rows) {
            b.append("| ").append(i++).append(" | ").append(cell(t.title()))
                    .append(t.year() == null || t.year() == 0 ? "" : " (" + t.year() + ")").append(" | ")
                    .append(Fmt.count(t.plays())).append(" | ").append(delta(t.plays(), t.previousPlays())).append(" | ")
                    .append(Fmt.hours(t.watchSeconds())).append(" |\n");
        }
    }
}
