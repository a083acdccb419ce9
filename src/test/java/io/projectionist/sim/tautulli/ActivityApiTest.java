package io.projectionist.sim.tautulli;

import static io.projectionist.sim.SimTestSupport.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions.StartOptions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.TranscodeDecision;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live sessions through get_activity, get_history and terminate_session. */
class ActivityApiTest {

    Simulator sim;
    SimClock clock;

    @BeforeEach
    void start() throws Exception {
        clock = SimClock.fixed(SimTestSupport.ANCHOR);
        sim = Simulator.start(SimTestSupport.options(400), clock);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Item first(MediaType type, String resolution) {
        return sim.world().itemsOfType(type).stream()
                .filter(i -> resolution == null || i.media().videoResolution().equals(resolution))
                .findFirst().orElseThrow();
    }

    @Test
    void idleServer() {
        JsonNode d = api(sim, "cmd", "get_activity").data();
        assertThat(d.path("stream_count").isTextual()).isTrue();
        assertThat(d.path("stream_count").asText()).isEqualTo("0");
        assertThat(d.path("sessions")).isEmpty();
        assertThat(d.path("total_bandwidth").isInt()).isTrue();
    }

    @Test
    void lifecycle() {
        Item movie = first(MediaType.MOVIE, "4k");
        Item episode = first(MediaType.EPISODE, null);
        Item track = first(MediaType.TRACK, null);
        LiveSession m = sim.sessions().start(1002, movie.ratingKey(), StartOptions.defaults()
                .withDecision(TranscodeDecision.TRANSCODE).withWan(true).withViewOffsetMs(600_000));
        LiveSession e = sim.sessions().start(1001, episode.ratingKey());
        LiveSession t = sim.sessions().start(1003, track.ratingKey());
        sim.sessions().pause(e.sessionKey());
        clock.advance(Duration.ofSeconds(30));

        JsonNode d = api(sim, "cmd", "get_activity").data();
        assertThat(d.path("stream_count").asText()).isEqualTo("3");
        assertThat(d.path("stream_count_transcode").asInt()).isEqualTo(1);
        assertThat(d.path("stream_count_direct_play").asInt()).isEqualTo(2);
        assertThat(d.path("stream_count_direct_stream").asInt()).isZero();
        JsonNode sessions = d.path("sessions");
        assertThat(sessions).hasSize(3);
        long lan = 0;
        long wan = 0;
        for (JsonNode s : sessions) {
            long bw = Long.parseLong(s.path("bandwidth").asText());
            if (s.path("location").asText().equals("lan")) {
                lan += bw;
            } else {
                wan += bw;
            }
        }
        assertThat(d.path("lan_bandwidth").asLong()).isEqualTo(lan).isPositive();
        assertThat(d.path("wan_bandwidth").asLong()).isEqualTo(wan).isPositive();
        assertThat(d.path("total_bandwidth").asLong()).isEqualTo(lan + wan);

        JsonNode ms = sessions.get(0);
        assertThat(ms.path("session_key").asText()).isEqualTo(m.sessionKey());
        assertThat(ms.path("rating_key").asText()).isEqualTo(String.valueOf(movie.ratingKey()));
        assertThat(ms.path("title").asText()).isEqualTo(movie.title());
        assertThat(ms.path("view_offset").asText()).isEqualTo("630000");
        assertThat(ms.path("video_resolution").asText()).isEqualTo("4k");
        assertThat(ms.path("stream_video_resolution").asText()).isEqualTo("1080");
        assertThat(ms.path("stream_video_full_resolution").asText()).isEqualTo("1080p");
        assertThat(ms.path("transcode_decision").asText()).isEqualTo("transcode");
        assertThat(ms.path("quality_profile").asText()).endsWith("1080p");
        assertThat(ms.path("user_id").isInt()).isTrue();
        assertThat(ms.path("user_id").asInt()).isEqualTo(1002);
        assertThat(ms.path("local").asInt()).isZero();
        JsonNode es = sessions.get(1);
        assertThat(es.path("state").asText()).isEqualTo("paused");
        assertThat(es.path("view_offset").asText()).isEqualTo("0");
        assertThat(es.path("grandparent_rating_key").asText()).isEqualTo(String.valueOf(
                episode.grandparentRatingKey()));
        assertThat(es.path("quality_profile").asText()).isEqualTo("Original");
        assertThat(sessions.get(2).path("video_full_resolution").asText()).isEqualTo("p");

        // one session by key or id; unknown is an empty success
        assertThat(api(sim, "cmd", "get_activity", "session_key", t.sessionKey()).data().path("media_type")
                .asText()).isEqualTo("track");
        assertThat(api(sim, "cmd", "get_activity", "session_id", e.sessionId()).data().path("session_key")
                .asText()).isEqualTo(e.sessionKey());
        SimTestSupport.Reply none = api(sim, "cmd", "get_activity", "session_key", "999");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json()).isEqualTo(SimTestSupport.fixture("get_activity_session_key_unknown.json"));

        // live rows join get_history with null ids; after stop the real row appears
        JsonNode withLive = api(sim, "cmd", "get_history", "length", "3").data();
        assertThat(withLive.path("data").get(0).path("id").isNull()).isTrue();
        assertThat(withLive.path("data").get(0).path("state").asText()).isIn("playing", "paused");
        assertThat(api(sim, "cmd", "get_history", "include_activity", "0", "length", "1").data().path("data")
                .get(0).path("id").asInt()).isEqualTo(400);
        clock.advance(Duration.ofSeconds(60));
        sim.sessions().stop(m.sessionKey());
        JsonNode h = api(sim, "cmd", "get_history", "include_activity", "0", "length", "1").data();
        assertThat(h.path("recordsTotal").asInt()).isEqualTo(401);
        JsonNode row = h.path("data").get(0);
        assertThat(row.path("id").asInt()).isEqualTo(401);
        assertThat(row.path("rating_key").asInt()).isEqualTo(movie.ratingKey());
        assertThat(row.path("duration").asInt()).isEqualTo(90);
        assertThat(row.path("transcode_decision").asText()).isEqualTo("transcode");
        assertThat(row.path("location").asText()).isEqualTo("wan");

        // terminate
        SimTestSupport.Reply term = api(sim, "cmd", "terminate_session", "session_key", t.sessionKey(), "message",
                "Bedtime");
        assertThat(term.status()).isEqualTo(200);
        assertThat(term.json().path("response").path("message").asText()).isEqualTo("Session terminated.");
        assertThat(sim.sessions().terminationMessage(t.sessionKey())).contains("Bedtime");
        assertThat(api(sim, "cmd", "get_activity").data().path("stream_count").asText()).isEqualTo("1");
        SimTestSupport.Reply bad = api(sim, "cmd", "terminate_session", "session_key", "77");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message().asText()).isEqualTo(
                "Failed to terminate session: Invalid session_key (77) or session_id (None).");
    }

    @Test
    void startRandomGivesAVariedPair() {
        var started = sim.sessions().startRandom(2);
        assertThat(started.get(0).transcodeDecision()).isEqualTo(TranscodeDecision.TRANSCODE);
        assertThat(started.get(0).item().media().videoResolution()).isEqualTo("4k");
        assertThat(started.get(1).item().type()).isEqualTo(MediaType.EPISODE);
        assertThat(sim.sessions().active()).hasSize(2);
    }

    @Test
    void autoSessionsShowActivityWithinSeconds() throws Exception {
        try (Simulator demo = Simulator.start(SimTestSupport.options(200).withAutoSessions(true))) {
            JsonNode d = api(demo, "cmd", "get_activity").data();
            assertThat(Integer.parseInt(d.path("stream_count").asText())).isBetween(2, 4);
        }
    }
}
