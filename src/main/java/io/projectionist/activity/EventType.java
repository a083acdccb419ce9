package io.projectionist.activity;

import java.util.Locale;
import java.util.Optional;

/**
 * What Projectionist announces. {@link #wire()} is the name in payloads, filters and routes ({@code event});
 * {@link #action()} is Tautulli's notification trigger name without {@code on_} ({@code action}), so receivers
 * written for Tautulli's webhook agent keep working.
 */
public enum EventType {
    PLAYBACK_STARTED("playback.started", "play", true),
    PLAYBACK_STOPPED("playback.stopped", "stop", true),
    PLAYBACK_PAUSED("playback.paused", "pause", true),
    PLAYBACK_RESUMED("playback.resumed", "resume", true),
    PLAYBACK_BUFFERING("playback.buffering", "buffer", true),
    TRANSCODE_CHANGED("transcode.changed", "change", true),
    STREAM_WATCHED("stream.watched", "watched", true),
    LOAD_HIGH("load.high", "load_high", false),
    LOAD_NORMAL("load.normal", "load_normal", false),
    TAUTULLI_UNREACHABLE("tautulli.unreachable", "tautulli_down", false),
    TAUTULLI_REACHABLE("tautulli.reachable", "tautulli_up", false);

    private final String wire;
    private final String action;
    private final boolean session;

    EventType(String wire, String action, boolean session) {
        this.wire = wire;
        this.action = action;
        this.session = session;
    }

    public String wire() {
        return wire;
    }

    public String action() {
        return action;
    }

    /** True for events about one playback session (they carry user, title, player ...). */
    public boolean isSessionEvent() {
        return session;
    }

    /** Events a session can have only once (started, stopped, watched); the others may repeat. */
    public boolean isOncePerSession() {
        return this == PLAYBACK_STARTED || this == PLAYBACK_STOPPED || this == STREAM_WATCHED;
    }

    public static Optional<EventType> byWire(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (EventType t : values()) {
            if (t.wire.equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
