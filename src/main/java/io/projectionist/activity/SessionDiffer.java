package io.projectionist.activity;

import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.ActivitySession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns consecutive {@code get_activity} snapshots into session events. Pure Java, clock injected.
 *
 * <ul>
 *   <li>{@code playback.started} is debounced: it fires once the session has played for {@code startAfter}
 *       since it was first seen (its position advanced that far, bounded by the time that passed; paused time and
 *       seeks do not count). A false start that stops sooner produces nothing at all, not even a stop.</li>
 *   <li>Only announced sessions get {@code paused}, {@code resumed} (paused → playing), {@code buffering},
 *       {@code transcode.changed} (decision or delivered video resolution changed), {@code stream.watched}
 *       (progress at or above the watched percent, once) and {@code stopped} (gone from the snapshot).</li>
 *   <li>A session is identified by session key, session id and rating key: a new item in the same player session
 *       is a stop and a new start, as in Tautulli.</li>
 *   <li>Started/stopped/watched ids go to the {@link AnnouncedStore}; after a restart an announced session is
 *       not announced again, and one that ended while the daemon was down is reported stopped. The first
 *       snapshot after a start is the baseline for the repeatable events.</li>
 * </ul>
 */
public final class SessionDiffer {

    /**
     * @param startAfter     how long a session must have played before {@code playback.started} (default 30 s)
     * @param watchedPercent progress that makes a stream watched (default 85)
     */
    public record Settings(Duration startAfter, int watchedPercent) {
        public Settings {
            Objects.requireNonNull(startAfter, "startAfter");
            if (startAfter.isNegative()) {
                throw new IllegalArgumentException("startAfter must not be negative");
            }
            if (watchedPercent < 1 || watchedPercent > 100) {
                throw new IllegalArgumentException("watchedPercent must be 1..100: " + watchedPercent);
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), 85);
        }
    }

    private static final class Tracked {
        ActivitySession last;
        Instant lastSeen;
        long playedMillis;
        boolean announced;
        boolean watched;
    }

    private final Clock clock;
    private final Settings settings;
    private final AnnouncedStore store;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private boolean restored;

    public SessionDiffer(Clock clock, Settings settings, AnnouncedStore store) {
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.store = Objects.requireNonNull(store);
    }

    /** The identity of a stream: session key, session id and rating key. */
    public static String identity(ActivitySession s) {
        return s.sessionKey() + ":" + s.sessionId() + ":" + s.ratingKey();
    }

    /** Events between the previous snapshot and this one, oldest first, grouped by session. */
    public synchronized List<ActivityEvent> diff(Activity snapshot) {
        Instant now = clock.instant();
        List<ActivityEvent> out = new ArrayList<>();
        Map<String, ActivitySession> current = new LinkedHashMap<>();
        for (ActivitySession s : snapshot.sessions()) {
            current.putIfAbsent(identity(s), s);
        }
        // gone: stopped (only if announced)
        for (var it = tracked.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Tracked> e = it.next();
            if (!current.containsKey(e.getKey())) {
                if (e.getValue().announced) {
                    once(out, EventType.PLAYBACK_STOPPED, e.getKey(), e.getValue().last, now, Map.of());
                }
                store.removeOpen(e.getKey());
                it.remove();
            }
        }
        if (!restored) {
            // announced before a restart and gone since: stopped while the daemon was down
            restored = true;
            for (Map.Entry<String, AnnouncedStore.OpenSession> e : store.openSessions().entrySet()) {
                if (!current.containsKey(e.getKey())) {
                    once(out, EventType.PLAYBACK_STOPPED, e.getKey(), e.getValue().session(), now, Map.of());
                    store.removeOpen(e.getKey());
                }
            }
        }
        for (Map.Entry<String, ActivitySession> e : current.entrySet()) {
            String id = e.getKey();
            ActivitySession s = e.getValue();
            Tracked t = tracked.get(id);
            ActivitySession prev = null;
            if (t == null) {
                t = new Tracked();
                t.announced = store.contains(eventId(id, EventType.PLAYBACK_STARTED));
                t.watched = store.contains(eventId(id, EventType.STREAM_WATCHED));
                tracked.put(id, t);
            } else {
                prev = t.last;
                t.playedMillis += played(prev, s, Math.max(0, Duration.between(t.lastSeen, now).toMillis()));
            }
            boolean wasAnnounced = t.announced;
            if (!t.announced && t.playedMillis >= settings.startAfter().toMillis()
                    && (prev != null || "playing".equals(s.state()))) {
                t.announced = true;
                once(out, EventType.PLAYBACK_STARTED, id, s, now, Map.of());
            }
            if (wasAnnounced && prev != null) {
                String from = Objects.toString(prev.state(), "");
                String to = Objects.toString(s.state(), "");
                if (!from.equals(to)) {
                    Map<String, Object> d = Map.of("previous_state", from);
                    switch (to) {
                        case "paused" -> repeat(out, EventType.PLAYBACK_PAUSED, id, s, now, d);
                        case "buffering" -> repeat(out, EventType.PLAYBACK_BUFFERING, id, s, now, d);
                        case "playing" -> {
                            if (from.equals("paused")) {
                                repeat(out, EventType.PLAYBACK_RESUMED, id, s, now, d);
                            }
                        }
                        default -> {
                            // unknown state: nothing to announce
                        }
                    }
                }
                if (!Objects.equals(prev.transcodeDecision(), s.transcodeDecision())
                        || !Objects.equals(prev.streamVideoResolution(), s.streamVideoResolution())) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("previous_transcode_decision", prev.transcodeDecision());
                    d.put("previous_stream_video_resolution", prev.streamVideoResolution());
                    repeat(out, EventType.TRANSCODE_CHANGED, id, s, now, d);
                }
            }
            if (t.announced && !t.watched && s.progressPercent() != null
                    && s.progressPercent() >= settings.watchedPercent()) {
                t.watched = true;
                once(out, EventType.STREAM_WATCHED, id, s, now, Map.of("watched_percent", settings.watchedPercent()));
            }
            t.last = s;
            t.lastSeen = now;
            if (t.announced) {
                store.putOpen(id, s);
            }
        }
        store.flush();
        return out;
    }

    /**
     * Playback time between two snapshots: how far the position moved, at most the time that passed (a seek forward
     * is not playback, a seek back counts nothing). Without positions (live TV): the time passed, if it was playing.
     */
    static long played(ActivitySession prev, ActivitySession now, long elapsedMillis) {
        if (prev.viewOffset() != null && now.viewOffset() != null) {
            return Math.min(elapsedMillis, Math.max(0, now.viewOffset() - prev.viewOffset()));
        }
        return "playing".equals(prev.state()) ? elapsedMillis : 0;
    }

    /** Sessions being watched (announced or still in their debounce window). */
    public synchronized int trackedSessions() {
        return tracked.size();
    }

    static String eventId(String identity, EventType type) {
        return identity + "|" + type.wire();
    }

    private void once(List<ActivityEvent> out, EventType type, String identity, ActivitySession s, Instant now,
            Map<String, Object> details) {
        String id = eventId(identity, type);
        if (store.contains(id)) {
            return;
        }
        store.add(id);
        out.add(new ActivityEvent(type, id, now, s, details));
    }

    private static void repeat(List<ActivityEvent> out, EventType type, String identity, ActivitySession s,
            Instant now, Map<String, Object> details) {
        out.add(new ActivityEvent(type, eventId(identity, type) + "@" + now.toEpochMilli(), now, s, details));
    }
}
