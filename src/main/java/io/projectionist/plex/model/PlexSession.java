package io.projectionist.plex.model;

/**
 * One current playback from {@code GET /status/sessions}: the item being played plus {@code User}, {@code Player},
 * {@code Session} and (when transcoding) {@code TranscodeSession}. Any of those children may be missing (a real
 * server was recorded sending a session without {@code User}).
 */
public record PlexSession(String sessionKey, Long viewOffset, PlexItem item, User user, Player player,
        SessionInfo session, TranscodeSession transcodeSession) {

    /** The id {@code /status/sessions/terminate?sessionId=} needs ({@code Session.id}), or null. */
    public String sessionId() {
        return session == null ? null : session.id();
    }

    /** {@code <User id title thumb>}. */
    public record User(String id, String title, String thumb) {
    }

    /** {@code <Player>}; {@code state} is {@code playing|paused|buffering}. */
    public record Player(String title, String state, String machineIdentifier, String product, String platform,
            String platformVersion, String model, String profile, String version, String address,
            String remotePublicAddress, Boolean local, Boolean relayed, Boolean secure, String userID) {
    }

    /** {@code <Session id bandwidth location>}; {@code location} is {@code lan|wan}, bandwidth in kbps. */
    public record SessionInfo(String id, Integer bandwidth, String location) {
    }

    /** {@code <TranscodeSession>}; decisions are {@code transcode|copy|directplay|burn}. */
    public record TranscodeSession(String key, Boolean throttled, Double progress, Double speed,
            String videoDecision, String audioDecision, String subtitleDecision, String container,
            String videoCodec, String audioCodec, String sourceVideoCodec, String sourceAudioCodec,
            Boolean transcodeHwRequested) {
    }
}
