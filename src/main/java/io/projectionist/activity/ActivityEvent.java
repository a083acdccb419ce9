package io.projectionist.activity;

import io.projectionist.tautulli.model.ActivitySession;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One announced event: a session event (with the session as last seen) or a server event (load, reachability).
 *
 * @param type    what happened
 * @param id      stable id: the same event has the same id across restarts, so receivers can deduplicate
 * @param at      when Projectionist noticed it
 * @param session the session (null for server events)
 * @param details extra parameters: stream counts, previous transcode decision, load metric ... (Tautulli names)
 */
public record ActivityEvent(EventType type, String id, Instant at, ActivitySession session,
        Map<String, Object> details) {

    /**
     * Every parameter name {@link #parameters()} can produce, for validating templates. Names follow Tautulli's
     * notification parameters where Tautulli has one.
     */
    public static final Set<String> PARAMETER_NAMES = Set.copyOf(List.of(
            "event", "action", "event_id", "timestamp", "unixtime",
            "session_key", "session_id", "state", "user", "username", "friendly_name", "user_id", "user_email",
            "user_thumb", "player", "platform", "product", "device", "machine_id", "ip_address", "stream_location",
            "quality_profile", "stream_bandwidth", "media_type", "library_name", "section_id", "title",
            "full_title", "parent_title", "grandparent_title", "show_name", "season_num", "episode_num",
            "artist_name", "album_name", "track_name", "year", "rating_key", "parent_rating_key",
            "grandparent_rating_key", "guid", "thumb", "poster_url", "content_rating", "studio", "summary",
            "duration_sec", "progress_duration_sec", "remaining_duration_sec", "progress_percent",
            "transcode_decision", "video_decision", "audio_decision", "container", "video_codec",
            "video_resolution", "video_full_resolution", "video_dynamic_range", "audio_codec", "bitrate",
            "stream_container", "stream_video_codec", "stream_video_resolution", "stream_video_full_resolution",
            "stream_video_dynamic_range", "stream_audio_codec", "stream_bitrate", "transcode_key",
            "streams", "transcodes", "direct_plays", "direct_streams", "user_streams", "total_bandwidth",
            "lan_bandwidth", "wan_bandwidth", "previous_transcode_decision", "previous_stream_video_resolution",
            "previous_state", "watched_percent", "metric", "value", "threshold", "normal_threshold", "error",
            "failed_polls"));

    public ActivityEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * The event as a flat map of notification parameters (absent values left out), in a stable order: the
     * payload of a generic webhook, the input of templates, and what YAML routes see as the body.
     */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event", type.wire());
        p.put("action", type.action());
        p.put("event_id", id);
        p.put("timestamp", at.toString());
        p.put("unixtime", at.getEpochSecond());
        ActivitySession s = session;
        if (s != null) {
            put(p, "session_key", s.sessionKey());
            put(p, "session_id", s.sessionId());
            put(p, "state", s.state());
            put(p, "user", s.user());
            put(p, "username", s.username());
            put(p, "friendly_name", s.friendlyName());
            put(p, "user_id", s.userId());
            put(p, "user_email", s.email());
            put(p, "user_thumb", s.userThumb());
            put(p, "player", s.player());
            put(p, "platform", s.platform());
            put(p, "product", s.product());
            put(p, "device", s.device());
            put(p, "machine_id", s.machineId());
            put(p, "ip_address", s.ipAddress());
            put(p, "stream_location", s.location());
            put(p, "quality_profile", s.qualityProfile());
            put(p, "stream_bandwidth", s.bandwidth());
            put(p, "media_type", s.mediaType());
            put(p, "library_name", s.libraryName());
            put(p, "section_id", s.sectionId());
            put(p, "title", s.title());
            put(p, "full_title", s.fullTitle());
            put(p, "parent_title", s.parentTitle());
            put(p, "grandparent_title", s.grandparentTitle());
            if ("episode".equals(s.mediaType())) {
                put(p, "show_name", s.grandparentTitle());
                put(p, "season_num", s.parentMediaIndex());
                put(p, "episode_num", s.mediaIndex());
            } else if ("track".equals(s.mediaType())) {
                put(p, "artist_name", s.grandparentTitle());
                put(p, "album_name", s.parentTitle());
                put(p, "track_name", s.title());
            }
            put(p, "year", s.year());
            put(p, "rating_key", s.ratingKey());
            put(p, "parent_rating_key", s.parentRatingKey());
            put(p, "grandparent_rating_key", s.grandparentRatingKey());
            put(p, "guid", s.guid());
            put(p, "thumb", s.thumb());
            put(p, "content_rating", s.contentRating());
            put(p, "studio", s.studio());
            if (s.duration() != null) {
                p.put("duration_sec", s.duration() / 1000);
            }
            if (s.viewOffset() != null) {
                p.put("progress_duration_sec", s.viewOffset() / 1000);
                if (s.duration() != null) {
                    p.put("remaining_duration_sec", Math.max(0, (s.duration() - s.viewOffset()) / 1000));
                }
            }
            put(p, "progress_percent", s.progressPercent());
            put(p, "transcode_decision", s.transcodeDecision());
            put(p, "video_decision", s.videoDecision());
            put(p, "audio_decision", s.audioDecision());
            put(p, "container", s.container());
            put(p, "video_codec", s.videoCodec());
            put(p, "video_resolution", s.videoResolution());
            put(p, "video_full_resolution", s.videoFullResolution());
            put(p, "video_dynamic_range", s.videoDynamicRange());
            put(p, "audio_codec", s.audioCodec());
            put(p, "bitrate", s.bitrate());
            put(p, "stream_container", s.streamContainer());
            put(p, "stream_video_codec", s.streamVideoCodec());
            put(p, "stream_video_resolution", s.streamVideoResolution());
            put(p, "stream_video_full_resolution", s.streamVideoFullResolution());
            put(p, "stream_video_dynamic_range", s.streamVideoDynamicRange());
            put(p, "stream_audio_codec", s.streamAudioCodec());
            put(p, "stream_bitrate", s.streamBitrate());
            put(p, "transcode_key", s.transcodeKey());
        }
        details.forEach((k, v) -> put(p, k, v));
        return Collections.unmodifiableMap(p);
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null && !(value instanceof String str && str.isEmpty())) {
            p.put(key, value);
        }
    }
}
