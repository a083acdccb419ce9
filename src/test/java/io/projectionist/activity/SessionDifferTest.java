package io.projectionist.activity;

import io.projectionist.sim.SimClock;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.TranscodeDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differ against the simulator's live sessions, read over HTTP as the poller reads them. The simulator and the
 * differ share one fixed {@link SimClock}, so 30 s of playback take no time.
 */
class SessionDifferTest {

    static final Instant T0 = Instant.parse("2026-03-01T20:00:00Z");
    static SimClock clock;
    static Simulator sim;
    static SimActivity activity;

    @TempDir
    Path dir;

    @BeforeAll
    static void simulator() throws Exception {
        clock = SimClock.fixed(T0);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(200).withAnchor(T0), clock);
        activity = new SimActivity(sim);
    }

    @AfterAll
    static void close() {
        sim.close();
    }

    @BeforeEach
    void noSessions() {
        sim.sessions().list().forEach(s -> sim.sessions().stop(s.sessionKey()));
    }

    SessionDiffer differ(AnnouncedStore store) {
        return new SessionDiffer(clock, SessionDiffer.Settings.defaults(), store);
    }

    AnnouncedStore memory() {
        return AnnouncedStore.inMemory(clock, Duration.ofHours(24));
    }

    /** Advances the clock, polls, returns the event names. */
    List<String> poll(SessionDiffer differ, int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        return differ.diff(activity.snapshot()).stream().map(e -> e.type().wire()).toList();
    }

    LiveSession start() {
        // a 4K movie transcoding to 1080p over the WAN, 10-60 % in
        return sim.sessions().startRandom(1).get(0);
    }

    @Test
    void everySessionEventFiresOnceAndInOrder() {
        SessionDiffer differ = differ(memory());
        LiveSession s = start();
        List<String> all = new ArrayList<>();
        all.addAll(poll(differ, 0));
        all.addAll(poll(differ, 10));
        all.addAll(poll(differ, 10));
        assertThat(all).as("not yet 30 s of playback").isEmpty();
        assertThat(poll(differ, 10)).containsExactly("playback.started");
        assertThat(poll(differ, 10)).isEmpty();

        sim.sessions().pause(s.sessionKey());
        assertThat(poll(differ, 10)).containsExactly("playback.paused");
        assertThat(poll(differ, 10)).isEmpty();
        sim.sessions().resume(s.sessionKey());
        assertThat(poll(differ, 10)).containsExactly("playback.resumed");
        sim.sessions().buffer(s.sessionKey());
        assertThat(poll(differ, 10)).containsExactly("playback.buffering");
        sim.sessions().resume(s.sessionKey());
        assertThat(poll(differ, 10)).as("buffering → playing is not a resume").isEmpty();
        sim.sessions().changeStream(s.sessionKey(), TranscodeDecision.TRANSCODE, "720");
        List<ActivityEvent> changed = differ.diff(activity.snapshot());
        assertThat(changed).extracting(e -> e.type().wire()).containsExactly("transcode.changed");
        assertThat(changed.get(0).parameters()).containsEntry("previous_stream_video_resolution", "1080")
                .containsEntry("stream_video_resolution", "720").containsEntry("transcode_decision", "transcode");
        sim.sessions().setProgress(s.sessionKey(), s.item().durationMs() * 86 / 100);
        assertThat(poll(differ, 10)).containsExactly("stream.watched");
        assertThat(poll(differ, 10)).isEmpty();
        sim.sessions().stop(s.sessionKey());
        assertThat(poll(differ, 10)).containsExactly("playback.stopped");
        assertThat(poll(differ, 10)).isEmpty();
    }

    @Test
    void falseStartAnnouncesNothing() {
        SessionDiffer differ = differ(memory());
        LiveSession s = start();
        assertThat(poll(differ, 0)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        sim.sessions().stop(s.sessionKey());
        assertThat(poll(differ, 5)).as("5 s false start: no start, no stop").isEmpty();
        assertThat(poll(differ, 30)).isEmpty();
        assertThat(differ.trackedSessions()).isZero();
    }

    @Test
    void pausedBeforeTheDebounceStillStartsAfterThirtySecondsOfPlay() {
        SessionDiffer differ = differ(memory());
        LiveSession s = start();
        poll(differ, 0);
        poll(differ, 20);
        sim.sessions().pause(s.sessionKey());
        assertThat(poll(differ, 10)).as("20 s played, paused: not announced, no pause").isEmpty();
        assertThat(poll(differ, 60)).as("paused time does not count").isEmpty();
        sim.sessions().resume(s.sessionKey());
        assertThat(poll(differ, 5)).isEmpty();
        assertThat(poll(differ, 5)).as("20 + 5 + 5 s played; the resume before it is not announced")
                .containsExactly("playback.started");
    }

    @Test
    void restartDoesNotAnnounceAgainAndReportsStreamsThatEndedMeanwhile() throws Exception {
        Path file = dir.resolve("events/announced.json");
        SessionDiffer first = differ(AnnouncedStore.file(file, clock, Duration.ofHours(24)));
        LiveSession a = start();
        LiveSession b = start();
        poll(first, 0);
        assertThat(poll(first, 30)).containsExactly("playback.started", "playback.started");
        assertThat(Files.readString(file)).contains(SessionDiffer.identity(activity.snapshot().sessions().get(0)));

        // "restart": a new differ over the same file; b ends while the daemon is down
        sim.sessions().stop(b.sessionKey());
        SessionDiffer second = differ(AnnouncedStore.file(file, clock, Duration.ofHours(24)));
        List<ActivityEvent> afterRestart = second.diff(activity.snapshot());
        assertThat(afterRestart).extracting(e -> e.type().wire()).containsExactly("playback.stopped");
        assertThat(afterRestart.get(0).session().sessionKey()).isEqualTo(b.sessionKey());
        assertThat(poll(second, 60)).as("a is not announced again").isEmpty();
        sim.sessions().pause(a.sessionKey());
        assertThat(poll(second, 10)).containsExactly("playback.paused");
        sim.sessions().stop(a.sessionKey());
        assertThat(poll(second, 10)).containsExactly("playback.stopped");

        SessionDiffer third = differ(AnnouncedStore.file(file, clock, Duration.ofHours(24)));
        assertThat(third.diff(activity.snapshot())).as("stops are not announced twice").isEmpty();
    }

    @Test
    void announcedEntriesExpireAfterTheWindow() {
        AnnouncedStore store = AnnouncedStore.inMemory(clock, Duration.ofHours(1));
        store.add("x|playback.started");
        store.flush();
        assertThat(store.contains("x|playback.started")).isTrue();
        clock.advance(Duration.ofMinutes(61));
        store.flush();
        assertThat(store.contains("x|playback.started")).isFalse();
    }

    @Test
    void loadEventsHaveHysteresisAndReachabilityFollowsPolls() {
        LoadMonitor load = new LoadMonitor(List.of(LoadMonitor.Threshold.of(LoadMonitor.Metric.STREAMS, 3)), 2);
        ActivityEvents events = new ActivityEvents(clock, differ(memory()), load);
        List<String> seen = new ArrayList<>();
        int[] streams = {2, 3, 4, 3, 4, 3, 4, 2, 3, 4};
        List<LiveSession> live = new ArrayList<>();
        for (int n : streams) {
            while (live.size() < n) {
                live.add(start());
            }
            while (live.size() > n) {
                sim.sessions().stop(live.remove(live.size() - 1).sessionKey());
            }
            clock.advance(Duration.ofSeconds(1));
            events.onSnapshot(activity.snapshot()).stream().map(e -> e.type().wire())
                    .filter(w -> w.startsWith("load.")).forEach(w -> seen.add(n + ":" + w));
        }
        assertThat(seen).as("high above 3, normal only at 2 (80 %), no flapping at 3/4")
                .containsExactly("4:load.high", "2:load.normal", "4:load.high");

        List<String> reach = new ArrayList<>();
        RuntimeException down = new RuntimeException("Connection refused");
        reach.addAll(events.onPollFailure(down).stream().map(e -> e.type().wire()).toList());
        assertThat(reach).as("one failed poll is a blip").isEmpty();
        reach.addAll(events.onPollFailure(down).stream().map(e -> e.type().wire()).toList());
        reach.addAll(events.onPollFailure(down).stream().map(e -> e.type().wire()).toList());
        reach.addAll(events.onSnapshot(activity.snapshot()).stream().map(e -> e.type().wire()).toList());
        reach.addAll(events.onSnapshot(activity.snapshot()).stream().map(e -> e.type().wire()).toList());
        assertThat(reach).containsExactly("tautulli.unreachable", "tautulli.reachable");
    }

    @Test
    void parametersUseTautulliNames() {
        SessionDiffer differ = differ(memory());
        start();
        poll(differ, 0);
        clock.advance(Duration.ofSeconds(30));
        ActivityEvents events = new ActivityEvents(clock, differ, new LoadMonitor(List.of(), 1));
        ActivityEvent started = events.onSnapshot(activity.snapshot()).get(0);
        assertThat(started.parameters()).containsEntry("event", "playback.started").containsEntry("action", "play")
                .containsEntry("media_type", "movie").containsEntry("transcode_decision", "transcode")
                .containsEntry("video_resolution", "4k").containsEntry("stream_video_resolution", "1080")
                .containsEntry("streams", 1).containsEntry("user_streams", 1L)
                .containsKeys("user", "title", "full_title", "rating_key", "session_id", "session_key",
                        "progress_percent", "player", "platform", "ip_address", "timestamp", "event_id");
        assertThat(ActivityEvent.PARAMETER_NAMES).containsAll(started.parameters().keySet());
    }
}
