package io.projectionist.report;

import io.projectionist.report.Report.Insight;
import io.projectionist.report.Report.Totals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A short summary of a report for chat and webhook destinations: a few lines of text, and a small JSON-ready map
 * with the headline numbers (snake_case keys).
 */
public record ReportSummary(String text, Map<String, Object> json) {

    public static ReportSummary of(Report r, List<Path> files) {
        Report.Meta m = r.meta();
        Totals t = r.totals();
        StringBuilder text = new StringBuilder();
        text.append(m.title()).append(" (").append(m.periodStart()).append(" – ").append(m.periodEnd()).append(")\n");
        r.highlights().stream().limit(4).forEach(h -> text.append("• ").append(h).append('\n'));
        r.insights().stream().limit(3).forEach(i -> text.append("→ ").append(i.sentence()).append('\n'));
        Path html = files.isEmpty() ? null : files.get(0);
        if (html != null) {
            text.append("Full report: ").append(html).append('\n');
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", m.title());
        json.put("period_start", m.periodStart());
        json.put("period_end", m.periodEnd());
        json.put("days", m.days());
        json.put("plays", t.plays());
        json.put("previous_plays", t.previousPlays());
        json.put("watch_hours", Fmt.hoursValue(t.watchSeconds()));
        json.put("previous_watch_hours", Fmt.hoursValue(t.previousWatchSeconds()));
        json.put("active_users", t.activeUsers());
        json.put("new_users", t.newUsers());
        json.put("transcode_share_pct", t.transcodeSharePct());
        json.put("peak_streams", t.peak().streams());
        json.put("top_show", r.rankings().shows().isEmpty() ? null : r.rankings().shows().get(0).title());
        json.put("top_movie", r.rankings().movies().isEmpty() ? null : r.rankings().movies().get(0).title());
        json.put("top_user", r.rankings().users().isEmpty() ? null : r.rankings().users().get(0).name());
        json.put("highlights", r.highlights());
        json.put("insights", r.insights().stream().map(Insight::sentence).toList());
        json.put("files", files.stream().map(Path::toString).toList());
        return new ReportSummary(text.toString(), json);
    }
}
