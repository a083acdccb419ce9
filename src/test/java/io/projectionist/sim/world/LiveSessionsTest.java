package io.projectionist.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class LiveSessionsTest {

    private final World world = World.generate(SimTestSupport.options(500));
    private final SimClock clock = SimClock.fixed(SimTestSupport.ANCHOR);
    private final LiveSessions sessions = new LiveSessions(world, clock);
    private final Item movie = world.itemsOfType(MediaType.MOVIE).get(0);

    @Test
    void progressFollowsTheClockAndPausesAreCounted() {
        LiveSession s = sessions.start(1002, movie.ratingKey());
        assertThat(s.sessionKey()).isEqualTo("1");
        assertThat(s.state()).isEqualTo("playing");
        assertThat(s.viewOffsetMs()).isZero();
        clock.advance(Duration.ofSeconds(90));
        assertThat(sessions.get("1").orElseThrow().viewOffsetMs()).isEqualTo(90_000);
        sessions.pause("1");
        clock.advance(Duration.ofSeconds(300));
        LiveSession paused = sessions.get("1").orElseThrow();
        assertThat(paused.viewOffsetMs()).isEqualTo(90_000);
        assertThat(paused.pausedSeconds()).isEqualTo(300);
        sessions.resume("1");
        clock.advance(Duration.ofSeconds(10));
        assertThat(sessions.get("1").orElseThrow().viewOffsetMs()).isEqualTo(100_000);

        int before = world.history().size();
        PlayRow row = sessions.stop("1");
        assertThat(row.id()).isEqualTo(before + 1);
        assertThat(world.history().size()).isEqualTo(before + 1);
        assertThat(row.pausedCounter()).isEqualTo(300);
        assertThat(row.stopped() - row.started()).isEqualTo(400);
        assertThat(row.duration()).isEqualTo(100);
        assertThat(row.item()).isEqualTo(movie);
        assertThat(sessions.list()).isEmpty();
        assertThatThrownBy(() -> sessions.pause("1")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void sessionEndsByItselfAtTheEndOfTheItem() {
        Item track = world.itemsOfType(MediaType.TRACK).get(3);
        sessions.start(1001, track.ratingKey(), LiveSessions.StartOptions.defaults()
                .withViewOffsetMs(track.durationMs() - 5_000));
        clock.advance(Duration.ofSeconds(4));
        assertThat(sessions.list()).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(sessions.list()).isEmpty();
        PlayRow row = world.history().row(world.history().size() - 1);
        assertThat(row.item()).isEqualTo(track);
        assertThat(row.percentComplete()).isEqualTo(100);
        assertThat(row.stopped()).isEqualTo(SimTestSupport.ANCHOR.getEpochSecond() + 5);
    }

    @Test
    void keysSortAsStringsAndTerminateRecordsTheMessage() {
        for (int i = 0; i < 10; i++) {
            sessions.start(1001 + i % 5, movie.ratingKey());
        }
        assertThat(sessions.list().stream().map(LiveSession::sessionKey).toList())
                .containsExactly("1", "10", "2", "3", "4", "5", "6", "7", "8", "9");
        sessions.terminate("10", "bye");
        assertThat(sessions.terminationMessage("10")).contains("bye");
        assertThat(sessions.list()).hasSize(9);
    }

    @Test
    void changingTheStreamChangesBitrateAndProfile() {
        Item big = world.itemsOfType(MediaType.MOVIE).stream()
                .filter(m -> m.media().videoResolution().equals("4k")).findFirst().orElseThrow();
        LiveSession s = sessions.start(1003, big.ratingKey());
        assertThat(LiveSessions.qualityProfile(s)).isEqualTo("Original");
        assertThat(s.streamBitrate()).isEqualTo(big.media().bitrate());
        LiveSession t = sessions.changeStream(s.sessionKey(), TranscodeDecision.TRANSCODE, null);
        assertThat(t.streamResolution()).isEqualTo("1080");
        assertThat(t.streamBitrate()).isLessThan(big.media().bitrate());
        assertThat(LiveSessions.qualityProfile(t)).isEqualTo("8 Mbps 1080p");
    }
}
