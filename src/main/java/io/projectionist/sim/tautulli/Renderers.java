package io.projectionist.sim.tautulli;

import io.projectionist.sim.world.Device;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.Media;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.TranscodeDecision;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tautulli's Plex-backed objects (get_activity sessions, get_metadata, get_recently_added items), built from the
 * world and laid into the shape of the real captures. Values are strings where Tautulli sends strings.
 */
final class Renderers {

    private static final String RES = "/sim/tautulli/";
    private static final Template VIDEO_SESSION = Template.load(RES + "get_activity_live.json",
            root -> session(root, 0));
    private static final Template TRACK_SESSION = Template.load(RES + "get_activity_live.json",
            root -> session(root, 2));
    private static final Template META_MOVIE = Template.load(RES + "get_metadata_movie.json", Template::data);
    private static final Template META_EPISODE = Template.load(RES + "get_metadata_episode.json", Template::data);
    private static final Template META_TRACK = Template.load(RES + "get_metadata_track.json", Template::data);
    private static final Template META_DIR = Template.load(RES + "get_metadata_show.json", Template::data);
    @SuppressWarnings("unchecked")
    private static final Template RECENT = Template.load(RES + "get_recently_added_live.json",
            root -> ((List<Map<String, Object>>) Template.data(root).get("recently_added")).get(0));

    /** The public address of the simulated household (what WAN clients see as the server's network). */
    static final String PUBLIC_IP = "198.51.100.23";

    private final World world;

    Renderers(World world) {
        this.world = world;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> session(Map<String, Object> root, int i) {
        return ((List<Map<String, Object>>) Template.data(root).get("sessions")).get(i);
    }

    static List<String> videoSessionKeys() {
        return VIDEO_SESSION.keys();
    }

    private static String key(int ratingKey) {
        return ratingKey == 0 ? "" : String.valueOf(ratingKey);
    }

    private static String num(int n) {
        return n == 0 ? "" : String.valueOf(n);
    }

    /** Item values shared by sessions, metadata and recently-added rows (strings, as Tautulli sends them). */
    Map<String, Object> itemFields(Item it) {
        Item parent = world.parent(it).orElse(null);
        Item grand = world.grandparent(it).orElse(null);
        // episodes inherit show-level tags and art; tracks the artist's art and the album's thumb
        Item show = it.type() == MediaType.EPISODE ? grand : null;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("media_type", it.type().wire());
        v.put("section_id", String.valueOf(it.sectionId()));
        v.put("library_name", world.library(it.sectionId()).map(l -> l.name()).orElse(""));
        v.put("rating_key", String.valueOf(it.ratingKey()));
        v.put("parent_rating_key", key(it.parentRatingKey()));
        v.put("grandparent_rating_key", key(it.grandparentRatingKey()));
        v.put("title", it.title());
        v.put("parent_title", it.parentTitle());
        v.put("grandparent_title", it.grandparentTitle());
        v.put("original_title", it.originalTitle());
        v.put("sort_title", "");
        v.put("edition_title", "");
        v.put("slug", it.type() == MediaType.MOVIE || it.type() == MediaType.SHOW ? it.slug() : "");
        v.put("parent_slug", "");
        v.put("grandparent_slug", show != null ? show.slug() : "");
        v.put("media_index", it.type() == MediaType.MOVIE ? "" : num(it.index()));
        v.put("parent_media_index", num(it.parentIndex()));
        v.put("studio", show != null ? show.studio() : it.studio());
        v.put("content_rating", it.contentRating());
        v.put("summary", it.summary());
        v.put("tagline", it.tagline());
        v.put("rating", it.ratingString());
        v.put("rating_image", it.rating() <= 0 ? "" : it.rating() >= 6 ? "rottentomatoes://image.rating.ripe"
                : "rottentomatoes://image.rating.rotten");
        v.put("audience_rating", it.audienceRatingString());
        v.put("audience_rating_image", it.audienceRating() <= 0 ? ""
                : it.type() == MediaType.MOVIE ? "rottentomatoes://image.rating.upright"
                        : "themoviedb://image.rating");
        v.put("user_rating", "");
        v.put("duration", it.durationMs() == 0 ? "" : String.valueOf(it.durationMs()));
        v.put("year", it.year() == 0 ? "" : String.valueOf(it.year()));
        v.put("parent_year", parent != null && it.type().playable() && parent.year() != 0
                ? String.valueOf(parent.year()) : "");
        v.put("grandparent_year", grand != null && grand.year() != 0 ? String.valueOf(grand.year()) : "");
        String thumb = it.type() == MediaType.TRACK && parent != null ? parent.thumb() : it.thumb();
        v.put("thumb", thumb);
        v.put("parent_thumb", parent != null ? parent.thumb() : "");
        v.put("grandparent_thumb", grand != null ? grand.thumb() : "");
        Item artSource = grand != null ? grand : parent != null ? parent : it;
        v.put("art", artSource.art());
        v.put("banner", "");
        v.put("originally_available_at", it.originallyAvailable());
        v.put("added_at", String.valueOf(it.addedAt()));
        v.put("updated_at", String.valueOf(it.updatedAt()));
        v.put("last_viewed_at", "");
        v.put("guid", it.guid());
        v.put("parent_guid", parent != null ? parent.guid() : "");
        v.put("grandparent_guid", grand != null ? grand.guid() : "");
        v.put("directors", it.directors());
        v.put("writers", it.writers());
        v.put("actors", it.actorNames());
        v.put("genres", it.genres());
        v.put("labels", it.labels());
        v.put("collections", it.collections());
        v.put("guids", it.externalGuids());
        v.put("markers", markers(it));
        v.put("parent_guids", parent != null ? parent.externalGuids() : List.of());
        v.put("grandparent_guids", grand != null ? grand.externalGuids() : List.of());
        v.put("full_title", it.fullTitle());
        v.put("children_count", it.type().playable() ? 0 : it.leafCount());
        v.put("live", 0);
        v.put("child_count", "");
        return v;
    }

    private static List<Map<String, Object>> markers(Item it) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!it.type().video()) {
            return out;
        }
        long d = it.durationMs();
        int base = it.ratingKey() * 2;
        if (it.type() == MediaType.EPISODE) {
            out.add(marker(base, "intro", 61_000, 118_000, null, null));
        }
        long credits = d - Math.min(d / 10, it.type() == MediaType.MOVIE ? 480_000 : 90_000);
        out.add(marker(base + 1, "credits", credits, d, true, true));
        return out;
    }

    private static Map<String, Object> marker(int id, String type, long start, long end, Boolean first,
            Boolean last) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", type);
        m.put("start_time_offset", start);
        m.put("end_time_offset", end);
        m.put("first", first);
        m.put("final", last);
        return m;
    }

    /** Source media values (container, codecs, streams) with the names a session object uses. */
    private static void mediaFields(Map<String, Object> v, Media m) {
        boolean video = m.hasVideo();
        v.put("container", m.container());
        v.put("bitrate", String.valueOf(m.bitrate()));
        v.put("height", video ? String.valueOf(m.height()) : "");
        v.put("width", video ? String.valueOf(m.width()) : "");
        v.put("aspect_ratio", m.aspectRatio());
        v.put("video_codec", m.videoCodec());
        v.put("video_resolution", m.videoResolution());
        v.put("video_full_resolution", m.videoFullResolution());
        v.put("video_framerate", m.videoFrameRate());
        v.put("video_profile", m.videoProfile());
        v.put("audio_codec", m.audioCodec());
        v.put("audio_channels", String.valueOf(m.audioChannels()));
        v.put("audio_channel_layout", m.audioChannelLayout());
        v.put("audio_profile", m.audioProfile());
        v.put("file", m.file());
        v.put("file_size", String.valueOf(m.fileSize()));
        if (video) {
            boolean hdr = !m.dynamicRange().equals("SDR");
            v.put("video_codec_level", m.videoCodec().equals("hevc") ? "153" : "40");
            v.put("video_bitrate", String.valueOf(m.videoBitrate()));
            v.put("video_bit_depth", String.valueOf(m.videoBitDepth()));
            v.put("video_chroma_subsampling", "4:2:0");
            v.put("video_color_primaries", hdr ? "bt2020" : "bt709");
            v.put("video_color_range", "tv");
            v.put("video_color_space", hdr ? "bt2020nc" : "bt709");
            v.put("video_color_trc", hdr ? "smpte2084" : "bt709");
            v.put("video_dynamic_range", m.dynamicRange());
            boolean dovi = m.dynamicRange().equals("Dolby Vision");
            v.put("video_dovi_present", dovi ? 1 : 0);
            v.put("video_dovi_profile", dovi ? 8 : 0);
            v.put("video_dovi_level", dovi ? 6 : 0);
            v.put("video_dovi_bl_present", dovi ? 1 : 0);
            v.put("video_dovi_rpu_present", dovi ? 1 : 0);
            v.put("video_frame_rate", "23.976");
            v.put("video_ref_frames", m.videoCodec().equals("hevc") ? "1" : "4");
            v.put("video_height", String.valueOf(m.height()));
            v.put("video_width", String.valueOf(m.width()));
            v.put("video_language", "English");
            v.put("video_language_code", "eng");
            v.put("video_scan_type", "progressive");
            v.put("audio_language", "English");
            v.put("audio_language_code", "eng");
        }
        v.put("audio_bitrate", String.valueOf(m.audioBitrate()));
        v.put("audio_sample_rate", String.valueOf(m.audioSampleRate()));
    }

    /** One get_activity session object (247 keys for video, 232 for a track, as captured). */
    Map<String, Object> session(LiveSession s) {
        Item it = s.item();
        Media m = it.media();
        User u = s.user();
        Device d = s.device();
        boolean video = it.type().video();
        boolean transcode = s.transcodeDecision() == TranscodeDecision.TRANSCODE;
        Map<String, Object> v = itemFields(it);
        v.put("session_key", s.sessionKey());
        v.put("view_offset", String.valueOf(s.viewOffsetMs()));
        v.put("progress_percent", String.valueOf(s.progressPercent()));
        v.put("quality_profile", LiveSessions.qualityProfile(s));
        v.put("user", u.username());
        mediaFields(v, m);
        v.put("id", "");
        v.put("indexes", it.type() == MediaType.EPISODE ? 1 : 0);
        v.put("selected", 1);
        v.put("type", "");
        // user record
        v.put("row_id", u.rowId());
        v.put("user_id", u.userId());
        v.put("username", u.username());
        v.put("friendly_name", u.friendlyName());
        v.put("user_thumb", u.thumb());
        v.put("email", u.email());
        v.put("is_active", 1);
        v.put("is_admin", u.admin() ? 1 : 0);
        v.put("is_home_user", u.homeUser() ? 1 : 0);
        v.put("is_allow_sync", 1);
        v.put("is_restricted", 0);
        v.put("do_notify", 1);
        v.put("keep_history", 1);
        v.put("deleted_user", 0);
        v.put("allow_guest", 0);
        v.put("shared_libraries", u.sharedSectionStrings());
        v.put("last_seen", null);
        // player
        v.put("ip_address", s.ipAddress());
        v.put("ip_address_public", s.wan() ? s.ipAddress() : PUBLIC_IP);
        v.put("device", d.device());
        v.put("platform", d.platform());
        v.put("platform_name", d.platformName());
        v.put("platform_version", d.platformVersion());
        v.put("product", d.product());
        v.put("product_version", d.productVersion());
        v.put("profile", d.profile());
        v.put("player", d.player());
        v.put("machine_id", d.machineId());
        v.put("state", s.state());
        v.put("local", s.wan() ? 0 : 1);
        v.put("relayed", 0);
        v.put("secure", 1);
        v.put("session_id", s.sessionId());
        v.put("bandwidth", String.valueOf(s.bandwidth()));
        v.put("location", s.location());
        // transcoder
        v.put("transcode_key", s.transcodeKey());
        if (transcode) {
            long offsetSec = s.viewOffsetMs() / 1000;
            int[] size = streamSize(m, s.streamResolution());
            v.put("transcode_progress", 42);
            v.put("transcode_speed", "2.3");
            v.put("transcode_audio_channels", "2");
            v.put("transcode_audio_codec", "aac");
            v.put("transcode_video_codec", video ? "h264" : "");
            v.put("transcode_width", video ? String.valueOf(size[0]) : "");
            v.put("transcode_height", video ? String.valueOf(size[1]) : "");
            v.put("transcode_container", video ? "mp4" : "mp3");
            v.put("transcode_protocol", "dash");
            v.put("transcode_min_offset_available", Math.max(0, offsetSec - 12));
            v.put("transcode_max_offset_available", Math.min(it.durationSeconds(), offsetSec + 232));
            v.put("transcode_hw_requested", 1);
            v.put("transcode_hw_decode", "vaapi");
            v.put("transcode_hw_decode_title", "Intel (VAAPI)");
            v.put("transcode_hw_encode", "vaapi");
            v.put("transcode_hw_encode_title", "Intel (VAAPI)");
            v.put("transcode_hw_decoding", 1);
            v.put("transcode_hw_encoding", 1);
        }
        v.put("audio_decision", s.audioDecision());
        v.put("video_decision", s.videoDecision());
        v.put("subtitle_decision", "");
        v.put("throttled", "0");
        v.put("transcode_decision", s.transcodeDecision().wire());
        String containerDecision = s.transcodeDecision() == TranscodeDecision.DIRECT_PLAY ? "direct play"
                : "transcode";
        v.put("container_decision", containerDecision);
        v.put("stream_container_decision", containerDecision);
        v.put("stream_container", s.transcodeDecision() == TranscodeDecision.DIRECT_PLAY ? m.container()
                : video ? "mp4" : "mp3");
        v.put("stream_bitrate", String.valueOf(s.streamBitrate()));
        v.put("stream_duration", String.valueOf(it.durationMs()));
        v.put("bif_thumb", video && !transcode
                ? "/library/parts/" + m.partId() + "/indexes/sd/" + s.viewOffsetMs() : "");
        if (video) {
            int[] size = streamSize(m, s.streamResolution());
            boolean passthrough = !transcode;
            v.put("stream_aspect_ratio", passthrough ? m.aspectRatio() : "");
            v.put("stream_video_framerate", "24p");
            v.put("stream_video_resolution", s.streamResolution());
            v.put("stream_video_full_resolution", Media.fullResolution(s.streamResolution()));
            v.put("stream_video_bitrate", String.valueOf(passthrough ? m.videoBitrate()
                    : Math.max(100, s.streamBitrate() - 256)));
            v.put("stream_video_codec", passthrough ? m.videoCodec() : "h264");
            v.put("stream_video_dynamic_range", passthrough ? m.dynamicRange() : "SDR");
            v.put("stream_video_height", String.valueOf(size[1]));
            v.put("stream_video_width", String.valueOf(size[0]));
            v.put("stream_video_language", "English");
            v.put("stream_video_language_code", "eng");
            v.put("stream_video_decision", s.videoDecision());
            if (passthrough) {
                for (String k : new String[] {"bit_depth", "chroma_subsampling", "codec_level", "color_primaries",
                    "color_range", "color_space", "color_trc", "ref_frames", "scan_type"}) {
                    v.put("stream_video_" + k, v.get("video_" + k));
                }
            }
        }
        v.put("stream_audio_decision", s.audioDecision());
        if (transcode) {
            v.put("stream_audio_bitrate", "256");
            v.put("stream_audio_bitrate_mode", "cbr");
            v.put("stream_audio_channels", "2");
            v.put("stream_audio_channel_layout", "Stereo");
            v.put("stream_audio_codec", "aac");
        } else {
            v.put("stream_audio_bitrate", String.valueOf(m.audioBitrate()));
            v.put("stream_audio_channels", String.valueOf(m.audioChannels()));
            v.put("stream_audio_channel_layout", m.audioChannelLayout());
            v.put("stream_audio_channel_layout_", m.audioChannelLayout());
            v.put("stream_audio_codec", m.audioCodec());
            v.put("stream_audio_sample_rate", String.valueOf(m.audioSampleRate()));
        }
        if (video) {
            v.put("stream_audio_language", "English");
            v.put("stream_audio_language_code", "eng");
        }
        return (video ? VIDEO_SESSION : TRACK_SESSION).fill(v);
    }

    private static int[] streamSize(Media m, String res) {
        if (!m.hasVideo()) {
            return new int[] {0, 0};
        }
        int w = switch (res) {
            case "4k" -> 3840;
            case "1080" -> 1920;
            case "720" -> 1280;
            case "sd" -> 720;
            default -> m.width();
        };
        w = Math.min(w, m.width());
        int h = (int) Math.round((double) m.height() * w / m.width());
        return new int[] {w, h + (h & 1)};
    }

    /** get_metadata for any item; media_info is [] for shows, seasons, artists and albums. */
    Map<String, Object> metadata(Item it) {
        Map<String, Object> v = itemFields(it);
        Template t = switch (it.type()) {
            case MOVIE -> META_MOVIE;
            case EPISODE -> META_EPISODE;
            case TRACK -> META_TRACK;
            default -> META_DIR;
        };
        v.put("media_info", it.media() == null ? List.of() : List.of(mediaInfo(it.media())));
        return t.fill(v);
    }

    private static Map<String, Object> mediaInfo(Media m) {
        boolean video = m.hasVideo();
        Map<String, Object> mi = new LinkedHashMap<>();
        mi.put("id", String.valueOf(m.id()));
        mi.put("container", m.container());
        mi.put("bitrate", String.valueOf(m.bitrate()));
        mi.put("height", video ? String.valueOf(m.height()) : "");
        mi.put("width", video ? String.valueOf(m.width()) : "");
        mi.put("aspect_ratio", m.aspectRatio());
        mi.put("video_codec", m.videoCodec());
        mi.put("video_resolution", m.videoResolution());
        mi.put("video_full_resolution", m.videoFullResolution());
        mi.put("video_framerate", m.videoFrameRate());
        mi.put("video_profile", m.videoProfile());
        mi.put("audio_codec", m.audioCodec());
        mi.put("audio_channels", String.valueOf(m.audioChannels()));
        mi.put("audio_channel_layout", m.audioChannelLayout());
        mi.put("audio_profile", m.audioProfile());
        mi.put("optimized_version", 0);
        for (String k : new String[] {"channel_call_sign", "channel_id", "channel_identifier", "channel_title",
            "channel_thumb", "channel_vcn", "protocol"}) {
            mi.put(k, "");
        }
        mi.put("begins_at", 0);
        mi.put("ends_at", 0);
        List<Map<String, Object>> streams = new ArrayList<>();
        if (video) {
            Map<String, Object> vs = new LinkedHashMap<>();
            Map<String, Object> src = new LinkedHashMap<>();
            mediaFields(src, m);
            vs.put("id", String.valueOf(m.videoStreamId()));
            vs.put("type", "1");
            for (String k : new String[] {"video_codec", "video_codec_level", "video_bitrate", "video_bit_depth",
                "video_chroma_subsampling", "video_color_primaries", "video_color_range", "video_color_space",
                "video_color_trc", "video_dynamic_range"}) {
                vs.put(k, src.get(k));
            }
            for (String k : new String[] {"bl_present", "el_present", "level", "present", "profile",
                "rpu_present", "version"}) {
                Object o = src.get("video_dovi_" + k);
                vs.put("video_dovi_" + k, o == null ? 0 : o);
            }
            for (String k : new String[] {"video_frame_rate", "video_ref_frames", "video_height", "video_width",
                "video_language", "video_language_code", "video_profile", "video_scan_type"}) {
                vs.put(k, src.get(k));
            }
            vs.put("selected", 0);
            streams.add(vs);
        }
        Map<String, Object> as = new LinkedHashMap<>();
        as.put("id", String.valueOf(m.audioStreamId()));
        as.put("type", "2");
        as.put("audio_codec", m.audioCodec());
        as.put("audio_bitrate", String.valueOf(m.audioBitrate()));
        as.put("audio_bitrate_mode", "");
        as.put("audio_channels", String.valueOf(m.audioChannels()));
        as.put("audio_channel_layout", m.audioChannelLayout());
        as.put("audio_sample_rate", String.valueOf(m.audioSampleRate()));
        as.put("audio_language", video ? "English" : "");
        as.put("audio_language_code", video ? "eng" : "");
        as.put("audio_profile", m.audioProfile());
        as.put("selected", 1);
        streams.add(as);
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("id", String.valueOf(m.partId()));
        part.put("file", m.file());
        part.put("file_size", String.valueOf(m.fileSize()));
        part.put("indexes", video ? 1 : 0);
        part.put("streams", streams);
        part.put("selected", 0);
        mi.put("parts", List.of(part));
        return mi;
    }

    /** A get_recently_added row (a movie, season or album). */
    Map<String, Object> recentlyAdded(Item it) {
        Map<String, Object> v = itemFields(it);
        // Plex's hub listings carry only the first few tags and no external guids (observed)
        v.put("actors", it.actorNames().subList(0, Math.min(3, it.actorNames().size())));
        v.put("guids", List.of());
        v.put("labels", List.of());
        if (it.type() == MediaType.SEASON || it.type() == MediaType.ALBUM) {
            Item parent = world.parent(it).orElse(null);
            v.put("parent_media_index", parent != null ? String.valueOf(parent.index()) : "");
            v.put("media_index", String.valueOf(it.index()));
            v.put("art", parent != null ? parent.art() : it.art());
            v.put("parent_thumb", parent != null ? parent.thumb() : "");
            v.put("grandparent_thumb", "");
            v.put("full_title", it.title());
            if (it.type() == MediaType.ALBUM) {
                v.put("parent_media_index", "");
            }
        }
        return RECENT.fill(v);
    }
}
