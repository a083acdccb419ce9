package io.projectionist.report;

import io.projectionist.report.Report.Day;
import io.projectionist.report.Report.Insight;
import io.projectionist.report.Report.LibraryStat;
import io.projectionist.report.Report.PlatformStat;
import io.projectionist.report.Report.TitleStat;
import io.projectionist.report.Report.Totals;
import io.projectionist.report.Report.UserStat;

import io.projectionist.support.Csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's tables as CSV (encoded by {@link Csv}, like the history exports), one file per table.
 * Numbers are plain (no thousands separators), seconds stay seconds.
 */
public final class CsvRenderer {

    private CsvRenderer() {
    }

    /** Table name → CSV text, in a stable order. */
    public static Map<String, String> render(Report r) {
        Map<String, String> out = new LinkedHashMap<>();
        Totals t = r.totals();
        List<List<Object>> summary = new ArrayList<>();
        summary.add(List.of("metric", "value", "previous"));
        summary.add(row("plays", t.plays(), t.previousPlays()));
        summary.add(row("watch_seconds", t.watchSeconds(), t.previousWatchSeconds()));
        summary.add(row("active_users", t.activeUsers(), t.previousActiveUsers()));
        summary.add(row("direct_play", t.directPlay(), null));
        summary.add(row("direct_stream", t.directStream(), null));
        summary.add(row("transcode", t.transcode(), null));
        summary.add(row("transcode_share_pct", t.transcodeSharePct(), t.previousTranscodeSharePct()));
        summary.add(row("peak_streams", t.peak().streams(), null));
        summary.add(row("peak_transcodes", t.peak().transcodes(), null));
        out.put("summary", csv(summary));

        List<String> media = r.days().isEmpty() ? List.of() : new ArrayList<>(r.days().get(0).byMedia().keySet());
        List<List<Object>> days = new ArrayList<>();
        List<Object> head = new ArrayList<>(List.of("date", "weekday", "plays"));
        media.forEach(m -> head.add("plays_" + m.toLowerCase(Locale.ROOT).replace(' ', '_')));
        head.addAll(List.of("watch_seconds", "direct_play", "direct_stream", "transcode", "previous_date",
                "previous_plays"));
        days.add(head);
        for (Day d : r.days()) {
            List<Object> row = new ArrayList<>(List.of(d.date(), d.weekday(), d.plays()));
            media.forEach(m -> row.add(d.byMedia().getOrDefault(m, 0L)));
            row.addAll(Arrays.asList(d.watchSeconds(), d.directPlay(), d.directStream(), d.transcode(),
                    d.previousDate(), d.previousPlays()));
            days.add(row);
        }
        out.put("days", csv(days));

        List<List<Object>> titles = new ArrayList<>();
        titles.add(List.of("list", "rank", "title", "year", "rating_key", "plays", "previous_plays", "watch_seconds"));
        addTitles(titles, "shows", r.rankings().shows());
        addTitles(titles, "movies", r.rankings().movies());
        addTitles(titles, "artists", r.rankings().artists());
        out.put("titles", csv(titles));

        List<List<Object>> users = new ArrayList<>();
        users.add(List.of("user_id", "user", "plays", "previous_plays", "watch_seconds", "previous_watch_seconds",
                "all_time_plays", "new_user"));
        for (UserStat u : r.rankings().users()) {
            users.add(Arrays.asList(u.userId(), u.name(), u.plays(), u.previousPlays(), u.watchSeconds(),
                    u.previousWatchSeconds(), u.allTimePlays(), u.newUser()));
        }
        out.put("users", csv(users));

        List<List<Object>> platforms = new ArrayList<>();
        platforms.add(List.of("platform", "plays", "watch_seconds", "direct_play", "direct_stream", "transcode",
                "transcode_share_pct"));
        for (PlatformStat p : r.platforms()) {
            platforms.add(Arrays.asList(p.platform(), p.plays(), p.watchSeconds(), p.directPlay(),
                    p.directStream(), p.transcode(), p.transcodeSharePct()));
        }
        out.put("platforms", csv(platforms));

        List<List<Object>> libraries = new ArrayList<>();
        libraries.add(List.of("section_id", "library", "type", "plays", "previous_plays", "watch_seconds",
                "previous_watch_seconds", "idle_window_plays", "all_time_plays"));
        for (LibraryStat l : r.libraries()) {
            libraries.add(Arrays.asList(l.sectionId(), l.name(), l.type(), l.plays(), l.previousPlays(),
                    l.watchSeconds(), l.previousWatchSeconds(), l.idleWindowPlays(), l.allTimePlays()));
        }
        out.put("libraries", csv(libraries));

        List<List<Object>> insights = new ArrayList<>();
        insights.add(List.of("kind", "sentence", "numbers_json"));
        for (Insight i : r.insights()) {
            insights.add(List.of(i.kind(), i.sentence(), HtmlRenderer.numbers(i.numbers())));
        }
        out.put("insights", csv(insights));
        return out;
    }

    private static List<Object> row(String metric, Object value, Object previous) {
        return Arrays.asList(metric, value, previous);
    }

    private static void addTitles(List<List<Object>> rows, String list, List<TitleStat> titles) {
        int rank = 1;
        for (TitleStat t : titles) {
            rows.add(Arrays.asList(list, rank++, t.title(), t.year(), t.ratingKey(), t.plays(),
                    t.previousPlays(), t.watchSeconds()));
        }
    }

    static String csv(List<List<Object>> rows) {
        return Csv.of(rows);
    }
}
