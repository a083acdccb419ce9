package io.projectionist.report;

import io.projectionist.report.Report.Insight;
import io.projectionist.report.Report.PlatformStat;
import io.projectionist.report.Report.Totals;
import io.projectionist.report.ReportInputs.Arrival;
import io.projectionist.report.ReportInputs.CollectionUsage;
import io.projectionist.report.ReportInputs.LibraryUsage;
import io.projectionist.report.ReportInputs.Play;
import io.projectionist.report.ReportInputs.UserUsage;
import io.projectionist.report.ReportInputs.Windows;
import io.projectionist.tautulli.model.WatchTimeStat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.LocalDate;

/** Insights on crafted data: each rule, its thresholds and its sentence, without starting anything. */
class InsightsTest {

    static final long NOW = 1_795_000_000L;
    static final long DAY = 86_400;

    static Windows windows(long d7, long d14, long d90, long all) {
        return new Windows(List.of(new WatchTimeStat(7, d7 * 1000, d7), new WatchTimeStat(14, d14 * 1000, d14),
                new WatchTimeStat(90, d90 * 1000, d90), new WatchTimeStat(0, all * 1000, all)));
    }

    static Play play(long id, String user, String type, String key, String parent, String show, String title,
            long stoppedDaysAgo, int percent) {
        long stopped = NOW - stoppedDaysAgo * DAY;
        return new Play(id, user.hashCode(), user, type, key, parent, show, title, null, stopped - 3600, stopped, 3000,
                percent, "Roku", "direct play");
    }

    @Test
    void librariesWithoutPlaysInTheIdleWindowAreReportedButPhotoLibrariesAreNot() {
        List<Insight> out = Insights.idleLibraries(List.of(
                new LibraryUsage("1", "Movies", "movie", windows(10, 20, 300, 900)),
                new LibraryUsage("4", "Documentaries", "movie", windows(0, 0, 0, 57)),
                new LibraryUsage("5", "Anime", "show", windows(0, 0, 0, 0)),
                new LibraryUsage("6", "Photos", "photo", windows(0, 0, 0, 0))), 90);
        assertThat(out).extracting(Insight::sentence).containsExactly(
                "Nobody has played anything from the Documentaries library in 90 days (57 plays before that).",
                "Nothing in the Anime library has ever been played.");
        assertThat(out.get(0).numbers()).containsEntry("plays_all_time", 57L).containsEntry("idle_days", 90)
                .containsEntry("section_id", "4");
    }

    @Test
    void idleCollectionsAreListedBiggestFirstAndTheRestSummedUp() {
        List<CollectionUsage> cols = new ArrayList<>();
        cols.add(new CollectionUsage("1", "Documentaries", "Movies", 24, 0, NOW - 200 * DAY));
        cols.add(new CollectionUsage("2", "Marvel", "Movies", 30, 12, NOW - DAY));
        cols.add(new CollectionUsage("3", "Silent Era", "Movies", 40, 0, null));
        cols.add(new CollectionUsage("4", "Empty", "Movies", 0, 0, null));
        for (int i = 0; i < 5; i++) {
            cols.add(new CollectionUsage("x" + i, "Idle " + i, "TV Shows", 2, 0, null));
        }
        List<Insight> out = Insights.idleCollections(cols, 90);
        assertThat(out).hasSize(6);
        assertThat(out.get(0).sentence()).isEqualTo("You haven't watched anything from the ‘Silent Era’ collection"
                + " (Movies, 40 items) in 90 days — and never has been.");
        assertThat(out.get(1).sentence()).startsWith("You haven't watched anything from the ‘Documentaries’ collection"
                + " (Movies, 24 items) in 90 days (last play ");
        assertThat(out).extracting(i -> i.numbers().get("collection")).doesNotContain("Marvel", "Empty");
        assertThat(out.get(5).sentence()).startsWith("2 more collections had no plays in 90 days: ");
    }

    @Test
    void inactiveUsersWithLastPlayAndUsersWhoNeverPlayed() {
        List<Insight> out = Insights.inactiveUsers(List.of(
                new UserUsage(1, "Alice", windows(5, 9, 40, 400), null),
                new UserUsage(2, "Eve", windows(0, 0, 0, 312), NOW - 123 * DAY),
                new UserUsage(3, "Frank", windows(0, 0, 0, 0), null)), 90, NOW);
        assertThat(out).extracting(Insight::kind).containsOnly("inactive_user");
        assertThat(out).extracting(Insight::sentence).containsExactly(
                "Eve hasn't played anything in 90 days (last play " + LocalDate.ofEpochDay((NOW - 123 * DAY)
                        / DAY) + ", 123 days ago; 312 plays all time).",
                "Frank has never played anything.");
    }

    @Test
    void titlesSeveralViewersStoppedPartWayAreAbandoned() {
        List<Play> plays = List.of(
                // 'Heat': Bob 30 % then 42 %, Carol 10 %, Dan finished, Erin only sampled (3 %), Fay stopped an hour
                // ago (may still resume)
                play(1, "Bob", "movie", "100", null, null, "Heat", 5, 30),
                play(2, "Bob", "movie", "100", null, null, "Heat", 4, 42),
                play(3, "Carol", "movie", "100", null, null, "Heat", 3, 10),
                play(4, "Dan", "movie", "100", null, null, "Heat", 3, 97),
                play(5, "Erin", "movie", "100", null, null, "Heat", 3, 3),
                play(6, "Fay", "movie", "100", null, null, "Heat", 0, 50),
                // 'Ronin': Bob stopped at 40 % but came back and finished: not abandoned; only Carol left
                play(7, "Bob", "movie", "200", null, null, "Ronin", 6, 40),
                play(8, "Bob", "movie", "200", null, null, "Ronin", 5, 90),
                play(9, "Carol", "movie", "200", null, null, "Ronin", 5, 20),
                // a track never counts
                play(10, "Bob", "track", "300", "301", "302", "Song", 5, 20),
                play(11, "Carol", "track", "300", "301", "302", "Song", 5, 20));
        List<Insight> out = Insights.abandoned(plays, 2, NOW);
        assertThat(out).hasSize(1);
        Insight heat = out.get(0);
        assertThat(heat.sentence()).isEqualTo("2 viewers stopped ‘Heat’ part-way and didn't come back (Bob at 42% and"
                + " Carol at 10%); 1 other viewer finished it.");
        assertThat(heat.numbers()).containsEntry("rating_key", "100").containsEntry("finished_by", 1);
        assertThat(Insights.abandoned(plays, 3, NOW)).isEmpty();
    }

    @Test
    void newEpisodesTheRegularViewersHaveNotStarted() {
        List<Play> plays = new ArrayList<>();
        long id = 1;
        // Alice and Bob are regulars of show 500 (3+ plays), Carol watched it once
        for (int e = 0; e < 4; e++) {
            plays.add(play(id++, "Alice", "episode", "51" + e, "510", "500", "Dark - E" + e, 10 + e, 100));
            plays.add(play(id++, "Bob", "episode", "51" + e, "510", "500", "Dark - E" + e, 10 + e, 100));
        }
        plays.add(play(id++, "Carol", "episode", "510", "510", "500", "Dark - E0", 12, 100));
        // Bob already started the new season 2 (key 520)
        plays.add(play(id++, "Bob", "episode", "521", "520", "500", "Dark - S2E1", 1, 30));
        List<Arrival> arrivals = List.of(
                new Arrival("season", "520", "500", null, "Season 2", "Dark", null, NOW - 3 * DAY),
                // added before the period: ignored
                new Arrival("season", "620", "600", null, "Season 5", "Old Show", null, NOW - 30 * DAY),
                // a show nobody watches regularly: nothing to say
                new Arrival("episode", "731", "730", "700", "Pilot", "Season 1", "New Show", NOW - DAY));
        List<Insight> out = Insights.unstartedArrivals(arrivals, plays, 3, 30, NOW - 7 * DAY, NOW);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).sentence()).isEqualTo("‘Dark’ has something new (Season 2, added 3 days ago) that its"
                + " regular viewer Alice hasn't started.");
        assertThat(out.get(0).numbers()).containsEntry("show_rating_key", "500")
                .containsEntry("regular_viewers_waiting", List.of(Map.of("user", "Alice", "plays_of_show", 4)));
    }

    @Test
    void platformWithTheHighestTranscodeShare() {
        Totals totals = new Totals(100, 90, null, 0, 0, null, 3, 3, List.of(), 70, 10, 20, 20.0, 25.0,
                new Report.Peak(3, null, 1, 0, 2));
        List<PlatformStat> platforms = List.of(
                new PlatformStat("Roku", 50, 0, 30, 5, 15, 30.0),
                new PlatformStat("Chrome", 46, 0, 40, 4, 2, 4.3),
                new PlatformStat("Tizen", 4, 0, 0, 1, 3, 75.0)); // too few plays to judge
        Insight i = Insights.transcodes(platforms, totals).orElseThrow();
        assertThat(i.sentence()).isEqualTo("Roku transcoded 30% of its plays (15 of 50), the highest share of any"
                + " platform; overall 20% of plays were transcoded.");
        Totals none = new Totals(10, 0, null, 0, 0, null, 1, 0, List.of(), 10, 0, 0, 0.0, null,
                new Report.Peak(1, null, 0, 0, 1));
        assertThat(Insights.transcodes(platforms, none).orElseThrow().sentence())
                .isEqualTo("Nothing was transcoded: every play was direct play or direct stream.");
    }
}
