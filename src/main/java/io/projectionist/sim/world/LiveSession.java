package io.projectionist.sim.world;

/**
 * A snapshot of one live playback session, computed at the moment it was read. Holds everything a Tautulli
 * get_activity session or a Plex /status/sessions entry needs.
 *
 * @param sessionKey         Plex sessionKey (a string of an int)
 * @param sessionId          Plex Session id (used by terminate)
 * @param state              "playing", "paused" or "buffering"
 * @param viewOffsetMs       position in the item
 * @param startedAt          epoch seconds the session started
 * @param pausedSeconds      seconds spent paused so far (Tautulli paused_counter)
 * @param streamResolution   delivered resolution ("1080", "720", ...; "" for audio)
 * @param streamBitrate      delivered kbps
 * @param bandwidth          kbps reserved on the network (Tautulli "bandwidth")
 */
public record LiveSession(String sessionKey, String sessionId, String transcodeKey, User user, Device device,
        Item item, String state, long viewOffsetMs, long startedAt, long pausedSeconds,
        TranscodeDecision transcodeDecision, String streamResolution, int streamBitrate, int bandwidth, boolean wan,
        String ipAddress) {

    public String location() {
        return wan ? "wan" : "lan";
    }

    public int progressPercent() {
        long d = item.durationMs();
        return d <= 0 ? 0 : (int) Math.min(100, viewOffsetMs * 100 / d);
    }

    /** Video decision: direct play, copy (direct stream) or transcode. */
    public String videoDecision() {
        if (!item.type().video()) {
            return "direct play"; // Tautulli reports tracks this way (observed)
        }
        return transcodeDecision.wire();
    }

    /** Audio is re-encoded when transcoding; a direct stream copies it. */
    public String audioDecision() {
        return transcodeDecision == TranscodeDecision.TRANSCODE ? "transcode"
                : transcodeDecision == TranscodeDecision.COPY ? "copy" : "direct play";
    }
}
