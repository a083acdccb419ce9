package io.projectionist.sim.tautulli;

import static io.projectionist.sim.SimTestSupport.api;
import static io.projectionist.sim.SimTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.LiveSessions.StartOptions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.TranscodeDecision;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Simulated objects have the real captures' keys, key order and JSON value types. */
class ShapeTest {

    static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimTestSupport.options(3000), SimClock.fixed(SimTestSupport.ANCHOR));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static String type(JsonNode n) {
        if (n.isTextual()) {
            return "string";
        } else if (n.isNumber()) {
            return "number";
        } else if (n.isBoolean()) {
            return "bool";
        } else if (n.isNull()) {
            return "null";
        } else if (n.isArray()) {
            return "array";
        }
        return "object";
    }

    /** key → type, in order. */
    static Map<String, String> shape(JsonNode obj) {
        Map<String, String> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), type(e.getValue()));
        }
        return m;
    }

    static void sameShape(JsonNode simulated, JsonNode real) {
        assertThat(new ArrayList<>(shape(simulated).keySet())).containsExactlyElementsOf(shape(real).keySet());
        assertThat(shape(simulated)).isEqualTo(shape(real));
    }

    static JsonNode data(String fixture) {
        return fixture(fixture).path("response").path("data");
    }

    @Test
    void historyRows() {
        JsonNode real = data("get_history.json");
        JsonNode episode = api(sim, "cmd", "get_history", "media_type", "episode", "length", "1").data();
        assertThat(new ArrayList<>(shape(episode).keySet())).containsExactlyElementsOf(shape(real).keySet());
        sameShape(episode.path("data").get(0), real.path("data").get(0));
        JsonNode movie = api(sim, "cmd", "get_history", "media_type", "movie", "length", "1").data();
        sameShape(movie.path("data").get(0), data("get_history_filtered.json").path("data").get(0));
        // watched_status may be fractional: compare a partial track play's row to the capture's
        JsonNode partial = api(sim, "cmd", "get_history", "media_type", "track", "length", "500").data();
        boolean seenFraction = false;
        for (JsonNode r : partial.path("data")) {
            if (r.path("watched_status").isDouble()) {
                seenFraction = true;
                sameShape(r, data("get_history_ungrouped_asc.json").path("data").get(0));
            }
        }
        assertThat(seenFraction).isTrue();
    }

    @Test
    void activitySessions() {
        Item movie = sim.world().itemsOfType(MediaType.MOVIE).get(0);
        Item episode = sim.world().itemsOfType(MediaType.EPISODE).get(0);
        Item track = sim.world().itemsOfType(MediaType.TRACK).get(0);
        sim.sessions().start(1002, movie.ratingKey(), StartOptions.defaults().withDecision(
                TranscodeDecision.TRANSCODE).withWan(true));
        sim.sessions().start(1001, episode.ratingKey());
        sim.sessions().start(1003, track.ratingKey());
        try {
            JsonNode real = data("get_activity_live.json");
            JsonNode d = api(sim, "cmd", "get_activity").data();
            sameShape(d, real);
            JsonNode sessions = d.path("sessions");
            // the capture's transcoding movie, paused episode and track
            sameShape(sessions.get(0), real.path("sessions").get(0));
            sameShape(sessions.get(1), real.path("sessions").get(1));
            sameShape(sessions.get(2), real.path("sessions").get(2));
            assertThat(sessions.get(0).size()).isEqualTo(247);
            assertThat(sessions.get(2).size()).isEqualTo(232);
            sameShape(api(sim, "cmd", "get_activity", "session_key", "1").data(),
                    data("get_activity_session_key.json"));
        } finally {
            sim.sessions().list().forEach(s -> sim.sessions().stop(s.sessionKey()));
        }
    }

    @Test
    void homeStatsCards() {
        JsonNode real = data("get_home_stats.json");
        JsonNode cards = api(sim, "cmd", "get_home_stats", "stats_count", "1").data();
        assertThat(cards).hasSize(real.size());
        for (int c = 0; c < real.size(); c++) {
            JsonNode rc = real.get(c);
            JsonNode sc = cards.get(c);
            assertThat(new ArrayList<>(shape(sc).keySet())).containsExactlyElementsOf(shape(rc).keySet());
            assertThat(sc.path("rows").size()).as(rc.path("stat_id").asText()).isPositive();
            JsonNode realRow = rc.path("rows").get(0);
            JsonNode simRow = sc.path("rows").get(0);
            if (rc.path("stat_id").asText().equals("top_users")) {
                // the capture's top user last watched a movie; compare with a user whose last play was one too
                continue;
            }
            sameShape(simRow, realRow);
        }
        JsonNode duration = api(sim, "cmd", "get_home_stats", "stat_id", "top_users", "stats_type", "duration")
                .data();
        JsonNode realUsers = data("get_home_stats_top_users_duration.json");
        boolean compared = false;
        for (JsonNode row : duration.path("rows")) {
            if (row.path("media_type").asText().equals("episode")) {
                sameShape(row, realUsers.path("rows").get(0));
                compared = true;
            }
        }
        assertThat(compared).isTrue();
        sameShape(api(sim, "cmd", "get_home_stats", "stat_id", "top_platforms").data().path("rows").get(0),
                data("get_home_stats_single.json").path("rows").get(0));
    }

    @Test
    void everythingElse() {
        String[][] pairs = {
            {"get_users", "get_users.json"}, {"get_user_names", "get_user_names.json"},
            {"get_library_names", "get_library_names.json"}, {"get_libraries", "get_libraries_live.json"},
            {"get_server_info", "get_server_info.json"}, {"get_server_identity", "get_server_identity_live.json"},
            {"get_servers_info", "get_servers_info_live.json"}, {"server_status", "server_status.json"},
            {"get_tautulli_info", "get_tautulli_info.json"},
        };
        for (String[] p : pairs) {
            JsonNode s = api(sim, "cmd", p[0]).data();
            JsonNode r = data(p[1]);
            if (r.isArray()) {
                for (int i = 0; i < Math.min(r.size(), 2); i++) {
                    if (p[0].equals("get_users") && i == 0) {
                        assertThat(s.get(0)).isEqualTo(r.get(0)); // the Local user, verbatim
                        continue;
                    }
                    sameShape(s.get(i), r.get(i));
                }
                if (p[0].equals("get_libraries")) {
                    sameShape(s.get(1), r.get(1));
                }
            } else if (!p[0].equals("server_status") && !p[0].equals("get_tautulli_info")) {
                sameShape(s, r);
            } else {
                assertThat(new ArrayList<>(shape(s).keySet())).containsExactlyElementsOf(shape(r).keySet());
            }
        }
        assertThat(api(sim, "cmd", "get_server_friendly_name").data().isTextual()).isTrue();
        sameShape(api(sim, "cmd", "get_user", "user_id", "1002", "include_last_seen", "1").data(),
                data("get_user.json"));
        sameShape(api(sim, "cmd", "get_library", "section_id", "1", "include_last_accessed", "1").data(),
                data("get_library.json"));
        sameShape(api(sim, "cmd", "get_user_watch_time_stats", "user_id", "1002").data().get(0),
                data("get_user_watch_time_stats.json").get(0));
        sameShape(api(sim, "cmd", "get_user_player_stats", "user_id", "1002").data().get(0),
                data("get_user_player_stats.json").get(0));
        sameShape(api(sim, "cmd", "get_library_user_stats", "section_id", "1").data().get(0),
                data("get_library_user_stats.json").get(0));
        for (String g : new String[] {"get_plays_by_date", "get_plays_by_dayofweek", "get_plays_by_hourofday",
            "get_plays_per_month", "get_plays_by_top_10_users", "get_plays_by_top_10_platforms",
            "get_plays_by_stream_type", "get_plays_by_source_resolution", "get_plays_by_stream_resolution",
            "get_stream_type_by_top_10_users", "get_stream_type_by_top_10_platforms",
            "get_concurrent_streams_by_stream_type"}) {
            JsonNode s = api(sim, "cmd", g, "time_range", "4").data();
            JsonNode r = data(g + ".json");
            sameShape(s, r);
            List<String> sNames = new ArrayList<>();
            List<String> rNames = new ArrayList<>();
            s.path("series").forEach(x -> sNames.add(x.path("name").asText()));
            r.path("series").forEach(x -> rNames.add(x.path("name").asText()));
            assertThat(sNames).as(g).containsExactlyElementsOf(rNames);
            for (JsonNode series : s.path("series")) {
                assertThat(series.path("data").size()).isEqualTo(s.path("categories").size());
            }
        }
    }

    @Test
    void metadataAndRecentlyAdded() {
        Item movie = sim.world().itemsOfType(MediaType.MOVIE).get(5);
        Item episode = sim.world().itemsOfType(MediaType.EPISODE).get(5);
        Item track = sim.world().itemsOfType(MediaType.TRACK).get(5);
        Item show = sim.world().itemsOfType(MediaType.SHOW).get(1);
        JsonNode m = api(sim, "cmd", "get_metadata", "rating_key", String.valueOf(movie.ratingKey())).data();
        sameShape(m, data("get_metadata_movie.json"));
        assertThat(m.path("title").asText()).isEqualTo(movie.title());
        sameShape(m.path("media_info").get(0), data("get_metadata_movie.json").path("media_info").get(0));
        sameShape(api(sim, "cmd", "get_metadata", "rating_key", String.valueOf(episode.ratingKey())).data(),
                data("get_metadata_episode.json"));
        JsonNode t = api(sim, "cmd", "get_metadata", "rating_key", String.valueOf(track.ratingKey())).data();
        sameShape(t, data("get_metadata_track.json"));
        sameShape(t.path("media_info").get(0).path("parts").get(0).path("streams").get(0),
                data("get_metadata_track.json").path("media_info").get(0).path("parts").get(0).path("streams")
                        .get(0));
        JsonNode s = api(sim, "cmd", "get_metadata", "rating_key", String.valueOf(show.ratingKey())).data();
        sameShape(s, data("get_metadata_show.json"));
        assertThat(s.path("children_count").asInt()).isEqualTo(show.leafCount());
        SimTestSupport.Reply unknown = api(sim, "cmd", "get_metadata", "rating_key", "99999999");
        assertThat(unknown.json()).isEqualTo(fixture("get_metadata_unknown_live.json"));
        JsonNode recent = api(sim, "cmd", "get_recently_added", "count", "5").data().path("recently_added");
        assertThat(recent).hasSize(5);
        sameShape(recent.get(0), data("get_recently_added_live.json").path("recently_added").get(0));
    }
}
