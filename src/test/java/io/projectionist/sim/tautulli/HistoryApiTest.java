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
import io.projectionist.sim.world.TranscodeDecision;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** get_history semantics, checked against numbers computed straight from the world. */
class HistoryApiTest {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static Simulator sim;
    static History h;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimTestSupport.options(2000).withZone(ZONE), SimClock.fixed(SimTestSupport.ANCHOR));
        h = sim.world().history();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static List<PlayRow> rows(Predicate<PlayRow> p) {
        return h.stream().filter(p).toList();
    }

    static LocalDate local(long epoch) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epoch), ZONE);
    }

    static List<Integer> ids(JsonNode data) {
        List<Integer> out = new ArrayList<>();
        data.path("data").forEach(r -> out.add(r.path("id").asInt()));
        return out;
    }

    @Test
    void defaultPageIsNewestFirst() {
        JsonNode d = api(sim, "cmd", "get_history").data();
        assertThat(d.path("recordsTotal").asInt()).isEqualTo(2000);
        assertThat(d.path("recordsFiltered").asInt()).isEqualTo(2000);
        assertThat(d.path("draw").asInt()).isEqualTo(1);
        assertThat(ids(d)).hasSize(25).first().isEqualTo(2000);
        assertThat(ids(d)).isSortedAccordingTo(Comparator.reverseOrder());
        JsonNode first = d.path("data").get(0);
        PlayRow row = h.row(1999);
        assertThat(first.path("started").asLong()).isEqualTo(row.started());
        assertThat(first.path("stopped").asLong()).isEqualTo(row.stopped());
        assertThat(first.path("duration").asInt()).isEqualTo(row.duration());
        assertThat(first.path("user_id").asInt()).isEqualTo(row.user().userId());
        assertThat(first.path("rating_key").asInt()).isEqualTo(row.item().ratingKey());
        assertThat(first.path("ip_address").asText()).isEqualTo(row.ipAddress());
        assertThat(first.path("transcode_decision").asText()).isEqualTo(row.transcodeDecision().wire());
        long total = rows(r -> true).stream().mapToLong(PlayRow::duration).sum();
        assertThat(d.path("total_duration").asText()).isEqualTo(PyJson.humanDuration(total));
        long page = 0;
        for (int i = 1975; i < 2000; i++) {
            page += h.duration(i);
        }
        assertThat(d.path("filter_duration").asText()).isEqualTo(PyJson.humanDuration(page));
    }

    @Test
    void pagingFiltersAndRecordsFilteredVersusTotal() {
        int userId = sim.world().users().get(1).userId();
        List<PlayRow> expected = new ArrayList<>(rows(r -> r.user().userId() == userId
                && r.item().type() == MediaType.EPISODE));
        expected.sort(Comparator.comparingLong(PlayRow::started).reversed());
        JsonNode d = api(sim, "cmd", "get_history", "user_id", String.valueOf(userId), "media_type", "episode",
                "start", "10", "length", "7").data();
        assertThat(d.path("recordsTotal").asInt()).isEqualTo(2000);
        assertThat(d.path("recordsFiltered").asInt()).isEqualTo(expected.size());
        assertThat(ids(d)).containsExactlyElementsOf(expected.subList(10, 17).stream().map(PlayRow::id).toList());
        // user= by name gives the same set; user_id wins over user
        String name = sim.world().users().get(1).username();
        assertThat(api(sim, "cmd", "get_history", "user", name, "media_type", "episode").data()
                .path("recordsFiltered").asInt()).isEqualTo(expected.size());
        assertThat(api(sim, "cmd", "get_history", "user", "nobody", "user_id", String.valueOf(userId),
                "media_type", "episode").data().path("recordsFiltered").asInt()).isEqualTo(expected.size());
    }

    @Test
    void afterAndBeforeAreInclusiveLocalDates() {
        LocalDate after = local(h.started(500));
        LocalDate before = after.plusDays(3);
        List<PlayRow> expected = rows(r -> !local(r.started()).isBefore(after) && !local(r.started()).isAfter(before));
        JsonNode d = api(sim, "cmd", "get_history", "after", after.toString(), "before", before.toString(),
                "order_column", "started", "order_dir", "asc", "length", "100000").data();
        assertThat(d.path("recordsFiltered").asInt()).isEqualTo(expected.size());
        assertThat(ids(d)).containsExactlyElementsOf(expected.stream().map(PlayRow::id).toList());
        // UTC midnight differs from New York midnight: the bound really is local
        List<PlayRow> utc = rows(r -> !LocalDate.ofInstant(Instant.ofEpochSecond(r.started()), ZoneId.of("UTC"))
                .isBefore(after) && !LocalDate.ofInstant(Instant.ofEpochSecond(r.started()), ZoneId.of("UTC"))
                .isAfter(before));
        assertThat(utc.size()).isNotEqualTo(expected.size());
        int day = api(sim, "cmd", "get_history", "start_date", after.toString()).data().path("recordsFiltered")
                .asInt();
        assertThat(day).isEqualTo(rows(r -> local(r.started()).equals(after)).size()).isPositive();
    }

    @Test
    void emptyResultHasZeroDurations() {
        JsonNode d = api(sim, "cmd", "get_history", "start_date", "2020-01-01").data();
        assertThat(d.path("recordsFiltered").asInt()).isZero();
        assertThat(d.path("recordsTotal").asInt()).isEqualTo(2000);
        assertThat(d.path("data")).isEmpty();
        assertThat(d.path("filter_duration").asText()).isEqualTo("0");
        assertThat(d.path("total_duration").asText()).isEqualTo("0");
    }

    @Test
    void lengthMinusOneDropsTheLastRow() {
        List<PlayRow> expected = rows(r -> r.item().type() == MediaType.MOVIE
                && r.transcodeDecision() == TranscodeDecision.TRANSCODE);
        JsonNode d = api(sim, "cmd", "get_history", "media_type", "movie", "transcode_decision", "transcode",
                "length", "-1").data();
        assertThat(d.path("recordsFiltered").asInt()).isEqualTo(expected.size());
        assertThat(d.path("data").size()).isEqualTo(expected.size() - 1);
        assertThat(ids(d)).doesNotContain(expected.get(0).id()); // desc order: the oldest is the one dropped
    }

    @Test
    void unknownOrderColumnMeansIdAscending() {
        JsonNode d = api(sim, "cmd", "get_history", "order_column", "bogus", "length", "3").data();
        assertThat(ids(d)).containsExactly(1, 2, 3);
    }

    @Test
    void orderByDurationAndFriendlyName() {
        JsonNode d = api(sim, "cmd", "get_history", "order_column", "duration", "order_dir", "desc", "length",
                "5").data();
        int max = h.stream().mapToInt(PlayRow::duration).max().orElseThrow();
        assertThat(d.path("data").get(0).path("duration").asInt()).isEqualTo(max);
        List<Integer> durations = new ArrayList<>();
        d.path("data").forEach(r -> durations.add(r.path("duration").asInt()));
        assertThat(durations).isSortedAccordingTo(Comparator.reverseOrder());
        JsonNode byName = api(sim, "cmd", "get_history", "order_column", "friendly_name", "order_dir", "asc",
                "length", "1").data();
        String firstName = h.stream().map(r -> r.user().friendlyName()).sorted().findFirst().orElseThrow();
        assertThat(byName.path("data").get(0).path("friendly_name").asText()).isEqualTo(firstName);
    }

    @Test
    void searchRatingKeysAndSections() {
        PlayRow some = h.row(1234);
        String title = some.item().title();
        List<PlayRow> expected = rows(r -> r.item().historyFullTitle().toLowerCase().contains(title.toLowerCase())
                || r.user().friendlyName().toLowerCase().contains(title.toLowerCase())
                || r.device().platform().toLowerCase().contains(title.toLowerCase())
                || r.device().product().toLowerCase().contains(title.toLowerCase())
                || r.device().player().toLowerCase().contains(title.toLowerCase())
                || r.ipAddress().contains(title.toLowerCase()));
        assertThat(api(sim, "cmd", "get_history", "search", title).data().path("recordsFiltered").asInt())
                .isEqualTo(expected.size()).isPositive();
        int show = some.item().grandparentRatingKey();
        if (show != 0) {
            assertThat(api(sim, "cmd", "get_history", "grandparent_rating_key", String.valueOf(show)).data()
                    .path("recordsFiltered").asInt()).isEqualTo(rows(r -> r.item().grandparentRatingKey() == show)
                    .size());
        }
        int key = some.item().ratingKey();
        int other = h.row(7).item().ratingKey();
        assertThat(api(sim, "cmd", "get_history", "rating_key", key + "," + other).data().path("recordsFiltered")
                .asInt()).isEqualTo(rows(r -> r.item().ratingKey() == key || r.item().ratingKey() == other).size());
        assertThat(api(sim, "cmd", "get_history", "section_id", "3").data().path("recordsFiltered").asInt())
                .isEqualTo(rows(r -> r.item().sectionId() == 3).size());
    }

    @Test
    void movieRowsHaveNullParentsAndTracksShowTheAlbumThumb() {
        JsonNode movie = api(sim, "cmd", "get_history", "media_type", "movie", "length", "1").data().path("data")
                .get(0);
        assertThat(movie.path("parent_rating_key").isNull()).isTrue();
        assertThat(movie.path("media_index").isNull()).isTrue();
        assertThat(movie.path("parent_title").asText()).isEmpty();
        JsonNode track = api(sim, "cmd", "get_history", "media_type", "track", "length", "1").data().path("data")
                .get(0);
        int album = track.path("parent_rating_key").asInt();
        assertThat(track.path("thumb").asText()).startsWith("/library/metadata/" + album + "/thumb/");
        assertThat(track.path("full_title").asText()).isEqualTo(track.path("grandparent_title").asText() + " - "
                + track.path("title").asText());
        assertThat(sim.world().item(track.path("rating_key").asInt())).isPresent();
    }

    @Test
    void humanisedDurations() {
        assertThat(PyJson.humanDuration(0)).isEqualTo("0");
        assertThat(PyJson.humanDuration(80)).isEqualTo("1 min 20 secs");
        assertThat(PyJson.humanDuration(1254 + 3300)).isEqualTo("1 hr 15 mins 54 secs");
        assertThat(PyJson.humanDuration(2 * 86400 + 20 * 3600 + 39 * 60 + 54)).isEqualTo(
                "2 days 20 hrs 39 mins 54 secs");
        assertThat(PyJson.humanDuration(86400 + 43 * 60 + 9)).isEqualTo("1 day 43 mins 9 secs");
        assertThat(PyJson.humanDuration(8 * 86400 + 23 * 3600 + 46 * 60)).isEqualTo("8 days 23 hrs 46 mins");
    }
}
