package io.projectionist.sim.tautulli;

import static io.projectionist.sim.SimTestSupport.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.PlayRow;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Home stats and graphs equal values computed independently by iterating world.history(). */
class StatsAndGraphsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static Simulator sim;
    static World world;
    static long now;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimTestSupport.options(6000).withZone(ZONE), SimClock.fixed(SimTestSupport.ANCHOR));
        world = sim.world();
        now = SimTestSupport.ANCHOR.getEpochSecond();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static List<PlayRow> stoppedWithin(int days) {
        return world.history().stream().filter(r -> r.stopped() >= now - days * 86400L).toList();
    }

    static LocalDate local(long epoch) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epoch), ZONE);
    }

    @Test
    void topAndPopularMovies() {
        Map<Integer, List<PlayRow>> byMovie = stoppedWithin(30).stream()
                .filter(r -> r.item().type() == MediaType.MOVIE)
                .collect(Collectors.groupingBy(r -> r.item().ratingKey()));
        int maxPlays = byMovie.values().stream().mapToInt(List::size).max().orElseThrow();
        JsonNode card = api(sim, "cmd", "get_home_stats", "stat_id", "top_movies").data();
        assertThat(card.isObject()).isTrue();
        assertThat(card.path("stat_type").asText()).isEqualTo("total_plays");
        JsonNode top = card.path("rows").get(0);
        assertThat(top.path("total_plays").asInt()).isEqualTo(maxPlays);
        List<PlayRow> plays = byMovie.get(top.path("rating_key").asInt());
        assertThat(plays).hasSize(maxPlays);
        assertThat(top.path("total_duration").asLong()).isEqualTo(plays.stream().mapToLong(PlayRow::duration).sum());
        assertThat(top.path("last_play").asLong()).isEqualTo(plays.stream().mapToLong(PlayRow::started).max()
                .orElseThrow());
        assertThat(card.path("rows")).hasSize(10); // stats_count defaults to 10
        List<Integer> counts = new ArrayList<>();
        card.path("rows").forEach(r -> counts.add(r.path("total_plays").asInt()));
        assertThat(counts).isSortedAccordingTo(Comparator.reverseOrder());

        JsonNode popular = api(sim, "cmd", "get_home_stats", "stat_id", "popular_movies", "stats_count", "3").data();
        int maxUsers = byMovie.values().stream().mapToInt(l -> (int) l.stream().map(r -> r.user().userId())
                .distinct().count()).max().orElseThrow();
        assertThat(popular.path("rows")).hasSize(3);
        assertThat(popular.path("rows").get(0).path("users_watched").asInt()).isEqualTo(maxUsers);
        assertThat(popular.has("stat_type")).isFalse();
    }

    @Test
    void topTvIsPerShowAndDurationSortsByTime() {
        Map<Integer, List<PlayRow>> byShow = stoppedWithin(30).stream()
                .filter(r -> r.item().type() == MediaType.EPISODE)
                .collect(Collectors.groupingBy(r -> r.item().grandparentRatingKey()));
        long maxTime = byShow.values().stream().mapToLong(l -> l.stream().mapToLong(PlayRow::duration).sum()).max()
                .orElseThrow();
        JsonNode card = api(sim, "cmd", "get_home_stats", "stat_id", "top_tv", "stats_type", "duration").data();
        assertThat(card.path("stat_type").asText()).isEqualTo("total_duration");
        JsonNode top = card.path("rows").get(0);
        assertThat(top.path("total_duration").asLong()).isEqualTo(maxTime);
        assertThat(top.path("rating_key").asInt()).isEqualTo(top.path("grandparent_rating_key").asInt());
        assertThat(world.item(top.path("rating_key").asInt()).orElseThrow().type()).isEqualTo(MediaType.SHOW);
        assertThat(top.path("media_type").asText()).isEqualTo("episode");
    }

    @Test
    void timeRangeIsAnchoredOnStoppedAndFiltersApply() {
        int plays7 = api(sim, "cmd", "get_home_stats", "stat_id", "top_libraries", "time_range", "7").data()
                .path("rows").findValues("total_plays").stream().mapToInt(JsonNode::asInt).sum();
        assertThat(plays7).isEqualTo(stoppedWithin(7).size());
        User u = world.users().get(2);
        JsonNode users = api(sim, "cmd", "get_home_stats", "stat_id", "top_users", "user_id",
                String.valueOf(u.userId())).data().path("rows");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).path("total_plays").asInt())
                .isEqualTo((int) stoppedWithin(30).stream().filter(r -> r.user().equals(u)).count());
        JsonNode section = api(sim, "cmd", "get_home_stats", "stat_id", "top_libraries", "section_id", "1").data();
        assertThat(section.path("rows")).hasSize(1);
        assertThat(section.path("rows").get(0).path("section_name").asText()).isEqualTo("Movies");
    }

    @Test
    void listFormHasTopLibrariesTwiceAndBeforeAfterBug() {
        JsonNode cards = api(sim, "cmd", "get_home_stats", "stats_count", "1").data();
        List<String> ids = new ArrayList<>();
        cards.forEach(c -> ids.add(c.path("stat_id").asText()));
        assertThat(ids).containsExactly("top_movies", "popular_movies", "top_tv", "popular_tv", "top_music",
                "popular_music", "last_watched", "top_libraries", "top_libraries", "top_users", "top_platforms",
                "most_concurrent");
        SimTestSupport.Reply bug = api(sim, "cmd", "get_home_stats", "stat_id", "top_movies", "before",
                "2026-11-20");
        assertThat(bug.status()).isEqualTo(400);
        assertThat(bug.json()).isEqualTo(SimTestSupport.fixture("get_home_stats_before_bug.json"));
        assertThat(api(sim, "cmd", "get_home_stats", "after", "2026-11-01").status()).isEqualTo(400);
    }

    @Test
    void mostConcurrentMatchesASweep() {
        JsonNode rows = api(sim, "cmd", "get_home_stats", "stat_id", "most_concurrent").data().path("rows");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).path("started").isTextual()).isTrue();
        // independent: the peak number of overlapping plays (stops before starts at the same second)
        List<long[]> events = new ArrayList<>();
        for (PlayRow r : stoppedWithin(30)) {
            events.add(new long[] {r.started(), 1});
            events.add(new long[] {r.stopped(), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int cur = 0;
        int peak = 0;
        for (long[] e : events) {
            cur += e[1];
            peak = Math.max(peak, cur);
        }
        assertThat(rows.get(0).path("count").asInt()).isEqualTo(peak).isGreaterThan(1);
    }

    @Test
    void playsByDateHasLocalDatesAndTotal() {
        JsonNode d = api(sim, "cmd", "get_plays_by_date", "time_range", "7").data();
        LocalDate today = local(now);
        List<String> cats = new ArrayList<>();
        d.path("categories").forEach(c -> cats.add(c.asText()));
        assertThat(cats).hasSize(7).last().isEqualTo(today.toString());
        assertThat(cats.get(0)).isEqualTo(today.minusDays(6).toString());
        List<String> names = new ArrayList<>();
        d.path("series").forEach(s -> names.add(s.path("name").asText()));
        assertThat(names).containsExactly("TV", "Movies", "Music", "Total");
        Map<String, int[]> expected = new HashMap<>();
        for (String n : names) {
            expected.put(n, new int[7]);
        }
        for (PlayRow r : stoppedWithin(7)) {
            int idx = cats.indexOf(local(r.started()).toString());
            if (idx < 0) {
                continue;
            }
            String s = switch (r.item().type()) {
                case EPISODE -> "TV";
                case MOVIE -> "Movies";
                default -> "Music";
            };
            expected.get(s)[idx]++;
            expected.get("Total")[idx]++;
        }
        for (JsonNode s : d.path("series")) {
            int[] got = new int[7];
            for (int i = 0; i < 7; i++) {
                got[i] = s.path("data").get(i).asInt();
            }
            assertThat(got).as(s.path("name").asText()).containsExactly(expected.get(s.path("name").asText()));
        }
        int total = 0;
        for (int v : expected.get("Total")) {
            total += v;
        }
        assertThat(total).isPositive();
    }

    @Test
    void hourOfDayDurationAxisAndUserFilter() {
        User u = world.users().get(0);
        JsonNode d = api(sim, "cmd", "get_plays_by_hourofday", "y_axis", "duration", "user_id",
                String.valueOf(u.userId())).data();
        assertThat(d.path("categories").get(0).asText()).isEqualTo("00");
        assertThat(d.path("series")).hasSize(3); // no Total outside get_plays_by_date
        long[] expected = new long[24];
        for (PlayRow r : stoppedWithin(30)) {
            if (r.user().equals(u) && r.item().type() == MediaType.EPISODE) {
                expected[LocalDateTime.ofInstant(Instant.ofEpochSecond(r.started()), ZONE).getHour()] += r
                        .duration();
            }
        }
        for (int hh = 0; hh < 24; hh++) {
            assertThat(d.path("series").get(0).path("data").get(hh).asLong()).isEqualTo(expected[hh]);
        }
    }

    @Test
    void top10UsersAndStreamTypeAndMonths() {
        JsonNode d = api(sim, "cmd", "get_plays_by_top_10_users").data();
        Map<String, Long> perUser = stoppedWithin(30).stream().collect(Collectors.groupingBy(
                r -> r.user().friendlyName(), Collectors.counting()));
        String best = perUser.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(d.path("categories").get(0).asText()).isEqualTo(best);
        long sum = 0;
        for (JsonNode s : d.path("series")) {
            sum += s.path("data").get(0).asLong();
        }
        assertThat(sum).isEqualTo(perUser.get(best));

        JsonNode st = api(sim, "cmd", "get_plays_by_stream_type", "time_range", "4").data();
        List<String> names = new ArrayList<>();
        st.path("series").forEach(s -> names.add(s.path("name").asText()));
        assertThat(names).containsExactly("Direct Play", "Direct Stream", "Transcode");

        JsonNode months = api(sim, "cmd", "get_plays_per_month", "time_range", "3").data();
        assertThat(months.path("categories").toString()).isEqualTo("[\"Sep 2026\",\"Oct 2026\",\"Nov 2026\"]");
        long nov = 0;
        for (JsonNode s : months.path("series")) {
            nov += s.path("data").get(2).asLong();
        }
        assertThat(nov).isEqualTo(world.history().stream().filter(r -> local(r.started()).getMonthValue() == 11)
                .count());
    }

    @Test
    void watchTimeWindowsCountPlaysThatStoppedInside() throws Exception {
        History h = world.history();
        // a long play: put "now" one day after its midpoint, so the 1-day window starts inside it
        int i = h.size() - 500;
        while (h.stopped(i) - h.started(i) < 3600) {
            i--;
        }
        long mid = h.started(i) + (h.stopped(i) - h.started(i)) / 2;
        int userId = h.user(i).userId();
        try (Simulator s = Simulator.start(SimTestSupport.options(6000).withZone(ZONE),
                SimClock.fixed(Instant.ofEpochSecond(mid + 86400)))) {
            JsonNode d = api(s, "cmd", "get_user_watch_time_stats", "user_id", String.valueOf(userId),
                    "query_days", "1,0").data();
            long since = mid;
            List<PlayRow> rows = world.history().stream().filter(r -> r.user().userId() == userId
                    && r.stopped() >= since).toList();
            assertThat(rows.stream().map(PlayRow::id)).contains(i + 1);
            assertThat(d.get(0).path("query_days").asInt()).isEqualTo(1);
            assertThat(d.get(0).path("total_plays").asInt()).isEqualTo(rows.size());
            assertThat(d.get(0).path("total_time").asLong()).isEqualTo(rows.stream().mapToLong(PlayRow::duration)
                    .sum());
            assertThat(d.get(1).path("total_plays").asInt()).isEqualTo((int) world.history().stream()
                    .filter(r -> r.user().userId() == userId).count());
        }
    }

    @Test
    void usersLibrariesAndPlayerStats() {
        JsonNode users = api(sim, "cmd", "get_users").data();
        assertThat(users.get(0).path("user_id").asInt()).isZero();
        assertThat(users).hasSize(world.users().size() + 1);
        JsonNode unknown = api(sim, "cmd", "get_user", "user_id", "999999").data();
        assertThat(unknown).isEqualTo(SimTestSupport.fixture("get_user_unknown_id.json").path("response")
                .path("data"));
        JsonNode lib = api(sim, "cmd", "get_library", "section_id", "2").data();
        assertThat(lib.path("count").asInt()).isEqualTo(world.itemsOfType(MediaType.SHOW).size());
        assertThat(lib.path("child_count").asInt()).isEqualTo(world.itemsOfType(MediaType.EPISODE).size());
        JsonNode libs = api(sim, "cmd", "get_libraries").data();
        assertThat(libs.get(0).path("count").isTextual()).isTrue();
        User u = world.users().get(1);
        JsonNode stats = api(sim, "cmd", "get_user_player_stats", "user_id", String.valueOf(u.userId())).data();
        Set<String> players = new HashSet<>();
        int plays = 0;
        for (JsonNode r : stats) {
            players.add(r.path("player_name").asText());
            plays += r.path("total_plays").asInt();
        }
        assertThat(plays).isEqualTo((int) world.history().stream().filter(r -> r.user().equals(u)).count());
        assertThat(players).isEqualTo(world.history().stream().filter(r -> r.user().equals(u))
                .map(r -> r.device().player()).collect(Collectors.toSet()));
        JsonNode media = api(sim, "cmd", "get_library_media_info", "section_id", "1", "length", "5").data();
        assertThat(media.path("recordsTotal").asInt()).isEqualTo(world.itemsOfType(MediaType.MOVIE).size());
        assertThat(media.path("data")).hasSize(5);
        assertThat(media.has("total_file_size")).isTrue();
        JsonNode recent = api(sim, "cmd", "get_recently_added", "count", "4", "section_id", "2").data()
                .path("recently_added");
        assertThat(recent).hasSize(4);
        assertThat(recent.get(0).path("media_type").asText()).isEqualTo("season");
    }
}
