package io.projectionist.report;

import io.projectionist.tautulli.model.GraphData;
import io.projectionist.tautulli.model.GraphData.Series;
import io.projectionist.tautulli.model.HomeStat;
import io.projectionist.tautulli.model.HomeStatRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;

/** The period split, previous-period arithmetic and movers on crafted Tautulli answers. */
class ReportBuilderTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    static List<String> dates(int n) {
        return IntStream.range(0, n).mapToObj(i -> TODAY.minusDays(n - 1L - i).toString()).toList();
    }

    static HomeStatRow title(String key, String title, long plays) {
        return new HomeStatRow(title, 2020, plays, plays * 3600, null, key, null, null, null, null, null, null, null,
                null, null, "movie", null, null, List.of(), null, null, null, null, null, null, null, null, null, 0,
                null, null, null, null, null);
    }

    static ReportInputs inputs(int days, List<HomeStat> stats, List<HomeStat> statsDouble, int depth) {
        List<String> cats = dates(2 * days + 1);
        // TV first, then Movies, Total last: Tautulli's order; values 1..15 so every day differs
        long[] tv = new long[cats.size()];
        long[] mv = new long[cats.size()];
        for (int i = 0; i < cats.size(); i++) {
            tv[i] = i + 1;
            mv[i] = 2L * (i + 1);
        }
        GraphData byDate = new GraphData(cats, List.of(new Series("TV", box(tv)), new Series("Movies", box(mv)),
                new Series("Total", box(IntStream.range(0, cats.size())
                        .mapToLong(i -> tv[i] + mv[i]).toArray()))));
        GraphData dur = new GraphData(cats, List.of(new Series("TV", box(tv)), new Series("Movies", box(mv))));
        GraphData stream = new GraphData(cats, List.of(new Series("Direct Play", box(tv)),
                new Series("Direct Stream", box(new long[cats.size()])), new Series("Transcode", box(mv))));
        return new ReportInputs(Instant.parse("2026-11-21T12:00:00Z"), TODAY, "Test", stats, statsDouble, depth,
                byDate, dur, stream, null, null, null, null, null, List.of(), List.of(), List.of(),
                TODAY.minusDays(29), false, List.of(), null, List.of());
    }

    static List<Long> box(long[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    @Test
    void periodsAreTheCompleteDaysBeforeTodayAndTheSameNumberBefore() {
        Report r = ReportBuilder.build(inputs(3, List.of(), List.of(), 100),
                ReportSettings.defaults(Path.of("x")).withDays(3), ZoneOffset.UTC);
        // categories 7 days: indices 0..6, today = 6 is left out; current = 3,4,5; previous = 0,1,2
        assertThat(r.days()).extracting(Report.Day::date).containsExactly("2026-11-18", "2026-11-19", "2026-11-20");
        assertThat(r.days()).extracting(Report.Day::plays).containsExactly(12L, 15L, 18L);
        assertThat(r.days()).extracting(Report.Day::previousPlays).containsExactly(3L, 6L, 9L);
        assertThat(r.days().get(0).byMedia()).containsExactly(Map.entry("TV", 4L),
                Map.entry("Movies", 8L));
        assertThat(r.totals().plays()).isEqualTo(45);
        assertThat(r.totals().previousPlays()).isEqualTo(18);
        assertThat(r.totals().playsChangePct()).isEqualTo(150.0);
        assertThat(r.totals().watchSeconds()).isEqualTo(45);
        assertThat(r.totals().transcode()).isEqualTo(30);
        assertThat(r.totals().transcodeSharePct()).isEqualTo(66.7);
        assertThat(r.meta().periodStart()).isEqualTo("2026-11-18");
        assertThat(r.meta().previousStart()).isEqualTo("2026-11-15");
        assertThat(r.meta().previousEnd()).isEqualTo("2026-11-17");
        assertThat(r.highlights().get(0)).isEqualTo("45 plays and 0.0 h watched in 3 days: plays up 150% on the"
                + " previous 3 days, hours up 150% on the previous 3 days.");
    }

    @Test
    void previousPeriodOfTitlesIsTheDoubleWindowMinusTheCurrentOneAndMoversSkipWhatCannotBeKnown() {
        List<HomeStat> cur = List.of(new HomeStat("top_movies", "total_plays", "Most Watched Movies",
                List.of(title("1", "Rising", 10), title("2", "Steady", 6), title("3", "Fading", 1))));
        // double window cut off at depth 4: 'Gone' had 9 plays before and none now; 'Unknown' is not listed
        List<HomeStat> dbl = List.of(new HomeStat("top_movies", "total_plays", "Most Watched Movies",
                List.of(title("1", "Rising", 12), title("4", "Gone", 9), title("2", "Steady", 12),
                        title("3", "Fading", 8))));
        Report r = ReportBuilder.build(inputs(3, cur, dbl, 4), ReportSettings.defaults(Path.of("x")).withDays(3),
                ZoneOffset.UTC);
        assertThat(r.rankings().movies()).extracting(Report.TitleStat::previousPlays).containsExactly(2L, 6L, 7L);
        assertThat(r.movers()).extracting(Report.Mover::name).containsExactly("Rising", "Gone", "Fading");
        assertThat(r.movers().get(1)).isEqualTo(new Report.Mover("title", "Gone", 0, 9, -9));
        assertThat(r.highlights()).contains("Biggest climber: ‘Rising’ (2 → 10 plays).");
    }

    @Test
    void aTitleMissingFromACutOffCurrentCardIsNotGuessed() {
        List<HomeStat> cur = List.of(new HomeStat("top_movies", "total_plays", "Most Watched Movies",
                List.of(title("1", "A", 10), title("2", "B", 9))));
        List<HomeStat> dbl = List.of(new HomeStat("top_movies", "total_plays", "Most Watched Movies",
                List.of(title("3", "C", 30), title("1", "A", 12))));
        Report r = ReportBuilder.build(inputs(3, cur, dbl, 2), ReportSettings.defaults(Path.of("x")).withDays(3),
                ZoneOffset.UTC);
        // current card full (2 of depth 2): C may have had plays now that were cut off, so it is not a mover
        assertThat(r.movers()).extracting(Report.Mover::name).containsExactly("A");
        assertThat(r.rankings().movies().get(1).previousPlays()).as("B is beyond the double card").isNull();
    }

    @Test
    void emptyServerGivesAShortReportThatStillRenders() throws Exception {
        ReportInputs empty = new ReportInputs(Instant.parse("2026-11-21T12:00:00Z"), TODAY, null, null, null, 100,
                new GraphData(dates(15), List.of()), null, null, null, null, null, null, null, null, null, null,
                TODAY, false, null, null, List.of("Plex is not configured (plex.url): collection insights were skipped."));
        Report r = ReportBuilder.build(empty, ReportSettings.defaults(Path.of("x")), ZoneOffset.UTC);
        assertThat(r.totals().plays()).isZero();
        assertThat(r.highlights()).containsExactly("No plays in 7 days.");
        String html = HtmlRenderer.render(r);
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("Nothing stood out.").contains("Plex is not configured");
        assertThat(MarkdownRenderer.render(r)).contains("No plays in 7 days.");
        assertThat(CsvRenderer.render(r)).containsKeys("summary", "days", "titles", "users", "platforms", "libraries",
                "insights");
    }

    @Test
    void textFromUpstreamIsEscapedInEveryFormat() throws Exception {
        List<HomeStat> cur = List.of(new HomeStat("top_movies", "total_plays", "Most Watched Movies",
                List.of(title("1", "Tom & Jerry <\"Live\">, 'Part 1'", 10))));
        Report r = ReportBuilder.build(inputs(3, cur, cur, 100), ReportSettings.defaults(Path.of("x")).withDays(3),
                ZoneOffset.UTC);
        String html = HtmlRenderer.render(r);
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("Tom &amp; Jerry &lt;&quot;Live&quot;&gt;");
        assertThat(CsvRenderer.render(r).get("titles")).contains("\"Tom & Jerry <\"\"Live\"\">, 'Part 1'\"");
    }
}
