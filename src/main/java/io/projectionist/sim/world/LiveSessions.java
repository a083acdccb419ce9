package io.projectionist.sim.world;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live playback sessions over a {@link World}: explicit control for tests (start, pause, resume, buffer, seek,
 * change the stream, stop, terminate) and the source of Tautulli's get_activity and Plex's /status/sessions.
 * Positions advance with the injected clock while playing; a session that reaches the end of its item stops by
 * itself. Every stop appends a history row. Thread-safe (one lock; sessions are few).
 */
public final class LiveSessions {

    /** Tautulli's video quality profiles (kbps → name); the session shows the smallest one ≥ the stream. */
    private static final int[] PROFILE_KBPS = {64, 96, 208, 320, 720, 1500, 2000, 3000, 4000, 8000, 10000, 12000,
        20000};
    private static final String[] PROFILE_NAMES = {"64 kbps", "96 kbps", "0.2 Mbps 160p", "0.3 Mbps 240p",
        "0.7 Mbps 328p", "1.5 Mbps 480p", "2 Mbps 720p", "3 Mbps 720p", "4 Mbps 720p", "8 Mbps 1080p",
        "10 Mbps 1080p", "12 Mbps 1080p", "20 Mbps 1080p"};

    /**
     * How to start a session. Null fields are chosen from the world (the user's first suitable device, LAN, direct
     * play, source resolution).
     */
    public record StartOptions(Integer deviceIndex, TranscodeDecision decision, String streamResolution, Boolean wan,
            long viewOffsetMs) {

        public static StartOptions defaults() {
            return new StartOptions(null, null, null, null, 0);
        }

        public StartOptions withDevice(int deviceIndex) {
            return new StartOptions(deviceIndex, decision, streamResolution, wan, viewOffsetMs);
        }

        public StartOptions withDecision(TranscodeDecision decision) {
            return new StartOptions(deviceIndex, decision, streamResolution, wan, viewOffsetMs);
        }

        public StartOptions withStreamResolution(String streamResolution) {
            return new StartOptions(deviceIndex, decision, streamResolution, wan, viewOffsetMs);
        }

        public StartOptions withWan(boolean wan) {
            return new StartOptions(deviceIndex, decision, streamResolution, wan, viewOffsetMs);
        }

        public StartOptions withViewOffsetMs(long viewOffsetMs) {
            return new StartOptions(deviceIndex, decision, streamResolution, wan, viewOffsetMs);
        }
    }

    /** A terminate_session call: which session, and the message shown to the user. */
    public record Termination(String sessionKey, String sessionId, String message, long at, PlayRow row) {
    }

    private static final class State {
        final String key;
        final String id;
        final String transcodeKey;
        final User user;
        final Device device;
        final Item item;
        final long startedAt;
        final boolean wan;
        String state = "playing";
        long offsetMs;
        long pausedMs;
        long lastUpdateMs;
        TranscodeDecision decision;
        String streamResolution;

        State(String key, String id, String transcodeKey, User user, Device device, Item item, long startedAt,
                boolean wan) {
            this.key = key;
            this.id = id;
            this.transcodeKey = transcodeKey;
            this.user = user;
            this.device = device;
            this.item = item;
            this.startedAt = startedAt;
            this.wan = wan;
        }
    }

    private final World world;
    private final Clock clock;
    private final Rng ids;
    private final Map<String, State> sessions = new LinkedHashMap<>();
    private final List<Termination> terminations = new CopyOnWriteArrayList<>();
    private int nextKey = 1;

    public LiveSessions(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
        this.ids = Rng.of(world.seed(), "session-ids");
    }

    public World world() {
        return world;
    }

    public Clock clock() {
        return clock;
    }

    public LiveSession start(int userId, int ratingKey) {
        return start(userId, ratingKey, StartOptions.defaults());
    }

    /** Starts playing {@code ratingKey} (a movie, episode or track) for Tautulli user {@code userId}. */
    public synchronized LiveSession start(int userId, int ratingKey, StartOptions options) {
        reap();
        User user = world.userById(userId)
                .orElseThrow(() -> new IllegalArgumentException("no user with user_id " + userId));
        Item item = world.item(ratingKey)
                .orElseThrow(() -> new IllegalArgumentException("no item with rating_key " + ratingKey));
        if (!item.type().playable()) {
            throw new IllegalArgumentException(item.type().wire() + " " + ratingKey + " is not playable");
        }
        Device device;
        if (options.deviceIndex() != null) {
            device = world.devices().get(options.deviceIndex());
        } else {
            boolean music = item.type() == MediaType.TRACK;
            device = world.devicesOf(user).stream().filter(d -> d.musicOnly() == music).findFirst()
                    .orElse(world.devicesOf(user).get(0));
        }
        boolean wan = options.wan() != null ? options.wan() : false;
        String key = String.valueOf(nextKey++);
        String transcodeKey = "/transcode/sessions/" + ids.alnum(24);
        State s = new State(key, ids.alnum(24), transcodeKey, user, device, item, clock.instant().getEpochSecond(),
                wan);
        s.offsetMs = Math.max(0, Math.min(options.viewOffsetMs(), item.durationMs()));
        s.lastUpdateMs = clock.millis();
        s.decision = options.decision() != null ? options.decision() : TranscodeDecision.DIRECT_PLAY;
        s.streamResolution = options.streamResolution() != null ? options.streamResolution()
                : defaultStreamResolution(item, s.decision);
        sessions.put(key, s);
        return snapshot(s);
    }

    /**
     * Starts {@code n} varied sessions chosen deterministically from the world: first a 4K movie transcoding to
     * 1080p over the WAN, then a direct-play episode on the LAN, then a direct-play track, then a mix.
     */
    public synchronized List<LiveSession> startRandom(int n) {
        List<LiveSession> out = new ArrayList<>();
        Rng r = Rng.of(world.seed(), "start-random:" + nextKey);
        List<Item> movies4k = world.itemsOfType(MediaType.MOVIE).stream()
                .filter(m -> m.media().videoResolution().equals("4k")).toList();
        List<Item> episodes = world.itemsOfType(MediaType.EPISODE);
        List<Item> tracks = world.itemsOfType(MediaType.TRACK);
        List<Item> movies = world.itemsOfType(MediaType.MOVIE);
        for (int k = 0; k < n; k++) {
            User user = world.users().get((k + 1) % world.users().size());
            int slot = k % 4;
            if (slot == 2 && !user.sharedSections().contains(3)) {
                user = world.users().get(0);
            }
            Item item = switch (slot) {
                case 0 -> movies4k.isEmpty() ? movies.get(r.nextInt(movies.size()))
                        : movies4k.get(r.nextInt(movies4k.size()));
                case 1 -> episodes.get(r.nextInt(episodes.size()));
                case 2 -> tracks.get(r.nextInt(tracks.size()));
                default -> movies.get(r.nextInt(movies.size()));
            };
            boolean music = item.type() == MediaType.TRACK;
            Device device = world.devicesOf(user).stream().filter(d -> music ? d.musicOnly() || !d.homeLan()
                    : slot == 0 ? !d.homeLan() && !d.musicOnly() : d.homeLan()).findFirst()
                    .orElse(world.devicesOf(user).get(0));
            StartOptions o = StartOptions.defaults().withDevice(device.index())
                    .withViewOffsetMs((long) (item.durationMs() * (0.1 + 0.5 * r.nextDouble())))
                    .withWan(slot == 0)
                    .withDecision(slot == 0 ? TranscodeDecision.TRANSCODE
                            : slot == 3 ? TranscodeDecision.COPY : TranscodeDecision.DIRECT_PLAY);
            out.add(start(user.userId(), item.ratingKey(), o));
        }
        return out;
    }

    /** Same as {@link #list()}: the sessions playing, paused or buffering now. */
    public List<LiveSession> active() {
        return list();
    }

    /** Current sessions, sorted by session key compared as strings (Tautulli's order: "10" before "9"). */
    public synchronized List<LiveSession> list() {
        reap();
        List<LiveSession> out = new ArrayList<>();
        for (State s : sessions.values()) {
            out.add(snapshot(s));
        }
        out.sort(Comparator.comparing(LiveSession::sessionKey));
        return out;
    }

    public synchronized int size() {
        reap();
        return sessions.size();
    }

    public synchronized Optional<LiveSession> get(String sessionKey) {
        reap();
        State s = sessions.get(sessionKey);
        return s == null ? Optional.empty() : Optional.of(snapshot(s));
    }

    public synchronized Optional<LiveSession> bySessionId(String sessionId) {
        reap();
        return sessions.values().stream().filter(s -> s.id.equals(sessionId)).findFirst().map(this::snapshot);
    }

    public synchronized LiveSession pause(String sessionKey) {
        return setState(sessionKey, "paused");
    }

    public synchronized LiveSession resume(String sessionKey) {
        return setState(sessionKey, "playing");
    }

    public synchronized LiveSession buffer(String sessionKey) {
        return setState(sessionKey, "buffering");
    }

    /** Seeks to {@code viewOffsetMs} (clamped to the item). */
    public synchronized LiveSession setProgress(String sessionKey, long viewOffsetMs) {
        State s = require(sessionKey);
        s.offsetMs = Math.max(0, Math.min(viewOffsetMs, s.item.durationMs()));
        return snapshot(s);
    }

    /** Changes the transcode decision and delivered resolution (null resolution = the default for the decision). */
    public synchronized LiveSession changeStream(String sessionKey, TranscodeDecision decision,
            String streamResolution) {
        State s = require(sessionKey);
        s.decision = decision;
        s.streamResolution = streamResolution != null ? streamResolution
                : defaultStreamResolution(s.item, decision);
        return snapshot(s);
    }

    /** Stops the session and appends its history row (next id). */
    public synchronized PlayRow stop(String sessionKey) {
        State s = require(sessionKey);
        return finish(s, clock.millis());
    }

    /** Stops the session as terminate_session does, and records the message. */
    public synchronized PlayRow terminate(String sessionKey, String message) {
        State s = require(sessionKey);
        PlayRow row = finish(s, clock.millis());
        terminations.add(new Termination(s.key, s.id, message, row.stopped(), row));
        return row;
    }

    /** Every terminate so far, oldest first. */
    public List<Termination> terminations() {
        return List.copyOf(terminations);
    }

    public Optional<String> terminationMessage(String sessionKey) {
        return terminations.stream().filter(t -> t.sessionKey().equals(sessionKey)).map(Termination::message)
                .reduce((a, b) -> b);
    }

    // ---------------------------------------------------------------------------------------------------------

    private State require(String sessionKey) {
        reap();
        State s = sessions.get(sessionKey);
        if (s == null) {
            throw new NoSuchElementException("no live session with session_key " + sessionKey);
        }
        sync(s, clock.millis());
        return s;
    }

    private LiveSession setState(String sessionKey, String state) {
        State s = require(sessionKey);
        s.state = state;
        return snapshot(s);
    }

    /** Brings a session's position and paused time up to {@code nowMs}. */
    private void sync(State s, long nowMs) {
        long elapsed = Math.max(0, nowMs - s.lastUpdateMs);
        if (s.state.equals("playing")) {
            s.offsetMs += elapsed;
        } else if (s.state.equals("paused")) {
            s.pausedMs += elapsed;
        }
        s.lastUpdateMs = nowMs;
    }

    /** Ends sessions that played to the end of their item, at the moment they reached it. */
    private void reap() {
        long now = clock.millis();
        for (State s : new ArrayList<>(sessions.values())) {
            if (s.state.equals("playing")) {
                long end = s.lastUpdateMs + (s.item.durationMs() - s.offsetMs);
                if (end <= now) {
                    finish(s, end);
                }
            }
        }
    }

    private PlayRow finish(State s, long atMs) {
        sync(s, atMs);
        sessions.remove(s.key);
        long offset = Math.min(s.offsetMs, s.item.durationMs());
        int percent = s.item.durationMs() <= 0 ? 0 : (int) (offset * 100 / s.item.durationMs());
        long stopped = Math.max(s.startedAt, Math.floorDiv(atMs, 1000));
        return world.history().append(s.startedAt, stopped, (int) (s.pausedMs / 1000), s.item, s.user, s.device,
                s.wan, true, false, s.decision, percent);
    }

    private LiveSession snapshot(State s) {
        sync(s, clock.millis());
        Media m = s.item.media();
        int streamBitrate = streamBitrate(m, s.decision, s.streamResolution);
        int bandwidth = streamBitrate + streamBitrate / 5;
        String ip = s.wan ? s.device.wanIp() : s.device.lanIp();
        return new LiveSession(s.key, s.id, s.decision == TranscodeDecision.TRANSCODE ? s.transcodeKey : "",
                s.user, s.device, s.item, s.state, Math.min(s.offsetMs, s.item.durationMs()), s.startedAt,
                s.pausedMs / 1000, s.decision, s.streamResolution, streamBitrate, bandwidth, s.wan, ip);
    }

    /**
     * The session a history row was while it played (state "stopped", offset 0), with the stream values a live
     * one would have had: lets Tautulli's get_stream_data answer a row_id the same way as a session_key.
     */
    public static LiveSession replay(History h, int row) {
        Item item = h.item(row);
        TranscodeDecision decision = h.transcodeDecision(row);
        String res = defaultStreamResolution(item, decision);
        int streamBitrate = streamBitrate(item.media(), decision, res);
        return new LiveSession("", "", "", h.user(row), h.device(row), item, "stopped", 0, h.started(row),
                h.pausedCounter(row), decision, res, streamBitrate, streamBitrate + streamBitrate / 5, h.wan(row),
                h.ipAddress(row));
    }

    static String defaultStreamResolution(Item item, TranscodeDecision decision) {
        String src = item.media() == null ? "" : item.media().videoResolution();
        if (src.isEmpty() || decision != TranscodeDecision.TRANSCODE) {
            return src;
        }
        return stepDown(src);
    }

    /** One resolution step down: what a transcode delivers by default. */
    public static String stepDown(String res) {
        return switch (res) {
            case "4k" -> "1080";
            case "1080" -> "720";
            case "720", "sd" -> "sd";
            default -> res;
        };
    }

    static int streamBitrate(Media m, TranscodeDecision decision, String streamResolution) {
        if (m == null) {
            return 0;
        }
        if (decision != TranscodeDecision.TRANSCODE) {
            return m.bitrate();
        }
        int target = switch (streamResolution) {
            case "4k" -> 19_800;
            case "1080" -> 7_842;
            case "720" -> 3_800;
            case "sd" -> 1_450;
            default -> Math.min(m.bitrate(), 320); // audio transcode
        };
        return Math.min(target, m.bitrate());
    }

    /** Tautulli's quality_profile: "Original" unless transcoding. */
    public static String qualityProfile(LiveSession s) {
        if (s.transcodeDecision() != TranscodeDecision.TRANSCODE) {
            return "Original";
        }
        for (int i = 0; i < PROFILE_KBPS.length; i++) {
            if (PROFILE_KBPS[i] >= s.streamBitrate()) {
                return PROFILE_NAMES[i];
            }
        }
        return "Original";
    }
}
