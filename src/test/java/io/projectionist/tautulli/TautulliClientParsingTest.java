package io.projectionist.tautulli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.ActivitySession;
import io.projectionist.tautulli.model.CommandResult;
import io.projectionist.tautulli.model.GraphData;
import io.projectionist.tautulli.model.HistoryPage;
import io.projectionist.tautulli.model.HistoryRow;
import io.projectionist.tautulli.model.HomeStat;
import io.projectionist.tautulli.model.Library;
import io.projectionist.tautulli.model.Metadata;
import io.projectionist.tautulli.model.PlayerStat;
import io.projectionist.tautulli.model.RecentlyAdded;
import io.projectionist.tautulli.model.ServerStatus;
import io.projectionist.tautulli.model.User;
import io.projectionist.tautulli.model.WatchTimeStat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each seed command's parsing, against the responses a real Tautulli v2.17.2 sent. */
class TautulliClientParsingTest {

    static WireMockServer server;
    TautulliClient client;

    @BeforeAll
    static void startServer() {
        server = TautulliFixtures.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        client = new TautulliClient(HttpClient.newHttpClient(), server.baseUrl(), TautulliFixtures.KEY,
                Duration.ofSeconds(5), false);
    }

    private Object call(String cmd, String fixture) {
        return call(cmd, fixture, Map.of());
    }

    private Object call(String cmd, String fixture, Map<String, String> params) {
        TautulliFixtures.serve(server, cmd, fixture);
        return client.callTyped(cmd, params);
    }

    @Test
    void historyRowsKeepEveryFieldAndType() {
        HistoryPage page = (HistoryPage) call("get_history", "get_history.json");
        assertThat(page.recordsFiltered()).isEqualTo(143);
        assertThat(page.recordsTotal()).isEqualTo(300);
        assertThat(page.draw()).isEqualTo(1);
        assertThat(page.data()).hasSize(2);
        HistoryRow second = page.data().get(1);
        assertThat(second.id()).isEqualTo(799);
        assertThat(second.rowId()).isEqualTo(799);
        assertThat(second.started()).isEqualTo(1795179804L);
        assertThat(second.duration()).isEqualTo(3300);
        assertThat(second.pausedCounter()).isEqualTo(600);
        assertThat(second.user()).isEqualTo("admin_alice");
        assertThat(second.ratingKey()).isEqualTo("6222");
        assertThat(second.grandparentRatingKey()).isEqualTo("6200");
        assertThat(second.fullTitle()).isEqualTo("Dark - Episode 2");
        assertThat(second.transcodeDecision()).isEqualTo("direct play");
        assertThat(second.watchedStatus()).isEqualTo(1.0);
        assertThat(second.state()).isNull();
        assertThat(second.originalTitle()).isNull(); // "" is absent
    }

    @Test
    void emptyHistoryHasZeroRowsAndStringDurations() {
        HistoryPage page = (HistoryPage) call("get_history", "get_history_empty.json");
        assertThat(page.data()).isEmpty();
        assertThat(page.recordsFiltered()).isZero();
        assertThat(page.totalDuration()).isEqualTo("0");
    }

    @Test
    void moviesHaveNoParentKeys() {
        HistoryPage page = (HistoryPage) call("get_history", "get_history_filtered.json");
        HistoryRow movie = page.data().get(0);
        assertThat(movie.mediaType()).isEqualTo("movie");
        assertThat(movie.parentRatingKey()).isNull();
        assertThat(movie.mediaIndex()).isNull();
    }

    @Test
    void liveActivityHasTypedSessionsAndCounts() {
        Activity activity = (Activity) call("get_activity", "get_activity_live.json");
        assertThat(activity.streamCount()).isEqualTo(3); // a string on the wire
        assertThat(activity.sessions()).hasSize(3);
        assertThat(activity.streamCountTranscode()).isEqualTo(1);
        assertThat(activity.totalBandwidth()).isEqualTo(22314);
        assertThat(activity.lanBandwidth() + activity.wanBandwidth()).isEqualTo(activity.totalBandwidth());
        ActivitySession movie = activity.sessions().get(0);
        assertThat(movie.sessionKey()).isEqualTo("217");
        assertThat(movie.ratingKey()).isEqualTo("41587");
        assertThat(movie.isTranscode()).isTrue();
        assertThat(movie.videoResolution()).isEqualTo("4k");
        assertThat(movie.streamVideoResolution()).isEqualTo("1080");
        assertThat(movie.location()).isEqualTo("wan");
        assertThat(movie.userId()).isEqualTo(1002);
        assertThat(movie.user()).isEqualTo("bob_b");
        assertThat(movie.progressPercent()).isBetween(0, 100);
        assertThat(movie.viewOffset()).isPositive();
        assertThat(movie.genres()).isNotEmpty();
        long sum = activity.sessions().stream().mapToLong(ActivitySession::bandwidth).sum();
        assertThat(sum).isEqualTo(activity.totalBandwidth());
        assertThat(activity.sessions()).extracting(ActivitySession::state)
                .containsExactly("playing", "paused", "playing");
    }

    @Test
    void uncachedActivityWithExtraKeysParses() {
        Activity activity = (Activity) call("get_activity", "get_activity_uncached.json");
        assertThat(activity.sessions()).hasSize(3);
    }

    @Test
    void activityWithoutPlexIsIdle() {
        Activity activity = (Activity) call("get_activity", "get_activity.json");
        assertThat(activity.streamCount()).isZero();
        assertThat(activity.sessions()).isEmpty();
    }

    @Test
    void activityForOneSessionIsTheBareSessionOrNull() {
        Object one = call("get_activity", "get_activity_session_key.json", Map.of("session_key", "217"));
        assertThat(one).isInstanceOf(ActivitySession.class);
        assertThat(((ActivitySession) one).sessionKey()).isEqualTo("217");
        server.resetAll();
        assertThat(call("get_activity", "get_activity_session_key_unknown.json", Map.of("session_key", "999")))
                .isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void homeStatsListHasEveryCardIncludingTheDuplicate() {
        List<HomeStat> cards = (List<HomeStat>) call("get_home_stats", "get_home_stats.json");
        assertThat(cards).extracting(HomeStat::statId).containsExactly("top_movies", "popular_movies", "top_tv",
                "popular_tv", "top_music", "popular_music", "last_watched", "top_libraries", "top_libraries",
                "top_users", "top_platforms", "most_concurrent");
        HomeStat topMovies = cards.get(0);
        assertThat(topMovies.statType()).isEqualTo("total_plays");
        assertThat(topMovies.rows().get(0).totalPlays()).isPositive();
        assertThat(topMovies.rows().get(0).usersWatched()).isNull(); // "" on top_* cards
        HomeStat popular = cards.get(1);
        assertThat(popular.rows().get(0).usersWatched()).isPositive();
    }

    @Test
    void homeStatsWithStatIdIsOneCard() {
        Object card = call("get_home_stats", "get_home_stats_single.json", Map.of("stat_id", "top_platforms"));
        assertThat(card).isInstanceOf(HomeStat.class);
        HomeStat stat = (HomeStat) card;
        assertThat(stat.statId()).isEqualTo("top_platforms");
        assertThat(stat.rows()).extracting(r -> r.platform()).containsExactly("Chrome", "Android");
        assertThat(stat.rows().get(0).ratingKey()).isNull();
    }

    @Test
    void mostConcurrentHasStringTimestampsParsedAsNumbers() {
        HomeStat stat = (HomeStat) call("get_home_stats", "get_home_stats_most_concurrent.json",
                Map.of("stat_id", "most_concurrent"));
        assertThat(stat.rows()).hasSize(4);
        assertThat(stat.rows().get(0).title()).isEqualTo("Concurrent Streams");
        assertThat(stat.rows().get(0).count()).isPositive();
        assertThat(stat.rows().get(0).started()).isGreaterThan(1_700_000_000L);
    }

    @Test
    void playsByDateHasTotalSeries() {
        GraphData g = (GraphData) call("get_plays_by_date", "get_plays_by_date.json");
        assertThat(g.categories()).containsExactly("2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21");
        assertThat(g.series()).extracting(GraphData.Series::name).containsExactly("TV", "Movies", "Music", "Total");
        assertThat(g.series("Total").orElseThrow().data()).containsExactly(10L, 9L, 6L, 1L);
        assertThat(g.totals()).containsExactly(10, 9, 6, 1);
    }

    @Test
    void everyGraphCommandParses() {
        String[][] graphs = {
                {"get_plays_by_hourofday", "get_plays_by_hourofday.json"},
                {"get_plays_by_dayofweek", "get_plays_by_dayofweek.json"},
                {"get_plays_per_month", "get_plays_per_month.json"},
                {"get_plays_by_top_10_users", "get_plays_by_top_10_users.json"},
                {"get_plays_by_top_10_platforms", "get_plays_by_top_10_platforms.json"},
                {"get_plays_by_stream_type", "get_plays_by_stream_type.json"}};
        for (String[] g : graphs) {
            server.resetAll();
            GraphData data = (GraphData) call(g[0], g[1]);
            assertThat(data.categories()).as(g[0]).isNotEmpty();
            assertThat(data.series()).as(g[0]).allSatisfy(s -> assertThat(s.data()).hasSameSizeAs(data.categories()));
        }
        server.resetAll();
        GraphData hours = (GraphData) call("get_plays_by_hourofday", "get_plays_by_hourofday.json");
        assertThat(hours.categories()).hasSize(24).startsWith("00");
        server.resetAll();
        GraphData types = (GraphData) call("get_plays_by_stream_type", "get_plays_by_stream_type.json");
        assertThat(types.series()).extracting(GraphData.Series::name)
                .containsExactly("Direct Play", "Direct Stream", "Transcode");
    }

    @Test
    @SuppressWarnings("unchecked")
    void librariesFromPlexHaveStringCountsParsed() {
        List<Library> libs = (List<Library>) call("get_libraries", "get_libraries_live.json");
        assertThat(libs).extracting(Library::sectionId).containsExactly("1", "2", "3");
        assertThat(libs.get(1).childCount()).isEqualTo(19);
        assertThat(libs.get(0).parentCount()).isNull();
        server.resetAll();
        List<Library> names = (List<Library>) call("get_library_names", "get_library_names.json");
        assertThat(names).extracting(Library::sectionType).containsExactly("movie", "show", "artist");
    }

    @Test
    @SuppressWarnings("unchecked")
    void watchTimeStatsKeepTheirWindows() {
        List<WatchTimeStat> lib = (List<WatchTimeStat>) call("get_library_watch_time_stats",
                "get_library_watch_time_stats.json");
        assertThat(lib).extracting(WatchTimeStat::queryDays).containsExactly(1, 7, 30, 0);
        server.resetAll();
        List<WatchTimeStat> user = (List<WatchTimeStat>) call("get_user_watch_time_stats",
                "get_user_watch_time_stats.json");
        assertThat(user.get(3).totalPlays()).isEqualTo(53);
        assertThat(user.get(3).totalTime()).isEqualTo(139087);
    }

    @Test
    @SuppressWarnings("unchecked")
    void usersIncludeLocalAndSharedLibraries() {
        List<User> users = (List<User>) call("get_users", "get_users.json");
        assertThat(users.get(0).userId()).isZero();
        assertThat(users.get(0).username()).isEqualTo("Local");
        assertThat(users.get(1).sharedLibraries()).containsExactly("1", "2", "3");
        assertThat(users.get(1).isAdmin()).isEqualTo(1);
        server.resetAll();
        List<PlayerStat> players = (List<PlayerStat>) call("get_user_player_stats", "get_user_player_stats.json");
        assertThat(players.get(0).playerName()).isEqualTo("Chrome");
        assertThat(players.get(0).totalPlays()).isEqualTo(18);
    }

    @Test
    void metadataOfAMovieAndOfAnUnknownKey() {
        Metadata movie = (Metadata) call("get_metadata", "get_metadata_movie.json", Map.of("rating_key", "41587"));
        assertThat(movie.ratingKey()).isEqualTo("41587");
        assertThat(movie.mediaType()).isEqualTo("movie");
        assertThat(movie.duration()).isPositive();
        assertThat(movie.mediaInfo()).isNotEmpty();
        assertThat(movie.mediaInfo().get(0).videoResolution()).isEqualTo("4k");
        server.resetAll();
        assertThat(call("get_metadata", "get_metadata_unknown_live.json", Map.of("rating_key", "99999"))).isNull();
    }

    @Test
    void recentlyAddedItemsHaveTypedFields() {
        RecentlyAdded ra = (RecentlyAdded) call("get_recently_added", "get_recently_added_live.json",
                Map.of("count", "5"));
        assertThat(ra.recentlyAdded()).isNotEmpty();
        RecentlyAdded.Item first = ra.recentlyAdded().get(0);
        assertThat(first.title()).isEqualTo("Prisoners");
        assertThat(first.year()).isEqualTo(2013);
        assertThat(first.addedAt()).isEqualTo(1795137705L);
        assertThat(first.genres()).contains("Thriller");
    }

    @Test
    void statusCommandsAndPassThrough() {
        assertThat(((ServerStatus) call("server_status", "server_status.json")).connected()).isNull();
        server.resetAll();
        CommandResult status = (CommandResult) call("status", "status.json");
        assertThat(status.message()).isEqualTo("Ok");
        server.resetAll();
        assertThat((String) call("arnold", "arnold.json")).contains("Mars");
        server.resetAll();
        Object info = call("get_tautulli_info", "get_tautulli_info.json");
        assertThat(info).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) info).path("tautulli_version").asText()).startsWith("v2.17");
    }
}
