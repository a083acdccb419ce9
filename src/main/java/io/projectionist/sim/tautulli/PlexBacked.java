package io.projectionist.sim.tautulli;

import static io.projectionist.sim.tautulli.TautulliApi.map;

import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.ServerIdentity;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Commands a real Tautulli answers by asking Plex (or plex.tv) or from its stream tables: get_stream_data,
 * search, get_children_metadata, get_new_rating_keys / get_old_rating_keys, get_server_list, get_server_id,
 * get_server_pref. Values come from the same items, sessions and history the simulated Plex and the other
 * commands serve.
 */
final class PlexBacked {

    /** get_stream_data's keys (datafactory.get_stream_details), in order; the int-typed ones are DB integers. */
    private static final List<String> STREAM_KEYS = List.of("bitrate", "video_full_resolution",
            "optimized_version", "optimized_version_profile", "optimized_version_title", "synced_version",
            "synced_version_profile", "container", "video_codec", "video_bitrate", "video_width", "video_height",
            "video_framerate", "video_dynamic_range", "aspect_ratio", "audio_codec", "audio_bitrate",
            "audio_channels", "audio_language", "audio_language_code", "subtitle_codec", "subtitle_forced",
            "subtitle_language", "stream_bitrate", "stream_video_full_resolution", "quality_profile",
            "stream_container_decision", "stream_container", "stream_video_decision", "stream_video_codec",
            "stream_video_bitrate", "stream_video_width", "stream_video_height", "stream_video_framerate",
            "stream_video_dynamic_range", "stream_audio_decision", "stream_audio_codec", "stream_audio_bitrate",
            "stream_audio_channels", "stream_audio_language", "stream_audio_language_code", "subtitles",
            "stream_subtitle_decision", "stream_subtitle_codec", "stream_subtitle_forced",
            "stream_subtitle_language", "transcode_hw_decoding", "transcode_hw_encoding", "video_decision",
            "audio_decision", "media_type", "title", "grandparent_title", "original_title");
    private static final List<String> STREAM_INTS = List.of("bitrate", "video_bitrate", "video_width",
            "video_height", "audio_bitrate", "audio_channels", "stream_bitrate", "stream_video_bitrate",
            "stream_video_width", "stream_video_height", "stream_audio_bitrate", "stream_audio_channels");
    /** Flags the session tables hold as 0/1 integers. */
    private static final List<String> STREAM_FLAGS = List.of("optimized_version", "synced_version",
            "subtitle_forced", "subtitles", "stream_subtitle_forced", "transcode_hw_decoding",
            "transcode_hw_encoding");
    /** A Plex child's fields as pmsconnect.get_item_children copies them (strings, tag lists). */
    private static final List<String> CHILD_KEYS = List.of("media_type", "section_id", "library_name",
            "rating_key", "parent_rating_key", "grandparent_rating_key", "title", "parent_title",
            "grandparent_title", "original_title", "sort_title", "media_index", "parent_media_index", "studio",
            "content_rating", "summary", "tagline", "rating", "audience_rating", "user_rating", "duration", "year",
            "thumb", "parent_thumb", "grandparent_thumb", "art", "originally_available_at", "added_at",
            "updated_at", "last_viewed_at", "guid", "directors", "writers", "actors", "genres", "labels",
            "full_title");
    /** The hubs of Plex's search answer, in the order Tautulli lays out results_list. */
    private static final List<MediaType> SEARCH_HUBS = List.of(MediaType.MOVIE, MediaType.SHOW,
            MediaType.SEASON, MediaType.EPISODE, MediaType.ARTIST, MediaType.ALBUM, MediaType.TRACK);

    private final World world;
    private final LiveSessions sessions;
    private final Renderers renderers;

    PlexBacked(World world, LiveSessions sessions, Renderers renderers) {
        this.world = world;
        this.sessions = sessions;
        this.renderers = renderers;
    }

    // ---------------------------------------------------------------------------------------- get_stream_data

    Object streamData(Args a) {
        String rowId = a.str("row_id", a.str("id")); // "id" for backwards compatibility, as in Tautulli
        String key = a.str("session_key");
        LiveSession s;
        boolean current;
        if (key != null) {
            s = sessions.get(key.trim()).orElseThrow(() -> new ApiErrors.NoResult("no session " + key));
            current = true;
        } else if (rowId != null) {
            int id = Args.parseInt("row_id", rowId);
            History h = world.history();
            if (id < 1 || id > h.size()) {
                throw new ApiErrors.NoResult("no history row " + id);
            }
            s = LiveSessions.replay(h, id - 1);
            current = false;
        } else {
            throw new ApiErrors.NoResult("row_id or session_key required");
        }
        Map<String, Object> v = renderers.session(s);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : STREAM_KEYS) {
            Object o = v.get(k);
            if (STREAM_FLAGS.contains(k)) {
                out.put(k, o instanceof Number ? o : 0);
            } else if (STREAM_INTS.contains(k)) {
                out.put(k, toInt(o));
            } else {
                out.put(k, o == null ? "" : o);
            }
        }
        out.put("current_session", current ? 1 : 0);
        out.put("pre_tautulli", 0);
        return out;
    }

    /** A string number from the session renderer as the integer the stream tables store; "" when absent. */
    private static Object toInt(Object o) {
        if (o instanceof Number) {
            return o;
        }
        if (o == null || o.toString().isEmpty()) {
            return "";
        }
        try {
            return Integer.parseInt(o.toString());
        } catch (NumberFormatException e) {
            return o;
        }
    }

    // ---------------------------------------------------------------------------------------- search

    Object search(Args a) {
        String query = a.required("query");
        int limit = a.intArg("limit", 10);
        String needle = query.toLowerCase(Locale.ROOT);
        Map<String, List<Object>> byType = new LinkedHashMap<>();
        for (MediaType t : SEARCH_HUBS) {
            byType.put(t.wire(), new ArrayList<>());
        }
        byType.put("collection", new ArrayList<>()); // the simulated Plex starts with no collections
        int count = 0;
        for (Item it : world.items()) {
            List<Object> hub = byType.get(it.type().wire());
            if (hub.size() < limit && it.title().toLowerCase(Locale.ROOT).contains(needle)) {
                hub.add(renderers.metadata(it));
                count++;
            }
        }
        return map("results_count", count, "results_list", byType);
    }

    // ---------------------------------------------------------------------------------------- children

    Object childrenMetadata(Args a) {
        Optional<Item> parent = world.item(a.required("rating_key"));
        if (parent.isEmpty()) {
            return List.of(); // Plex answers 404; pmsconnect then returns its empty list
        }
        List<Item> kids = world.children(parent.get().ratingKey());
        List<Object> list = new ArrayList<>();
        for (Item c : kids) {
            Map<String, Object> all = renderers.itemFields(c);
            Map<String, Object> row = new LinkedHashMap<>();
            for (String k : CHILD_KEYS) {
                row.put(k, all.get(k));
            }
            list.add(row);
        }
        // children_count and title are XML attributes (size, title2) copied as strings
        return map("children_count", String.valueOf(kids.size()), "children_type",
                kids.isEmpty() ? "" : kids.get(0).type().wire(), "title", parent.get().title(), "children_list",
                list);
    }

    // ---------------------------------------------------------------------------------------- rating keys

    /**
     * {0: {rating_key, children: {index: {rating_key, children: {index: {rating_key}}}}}, section_id,
     * library_name}: the tree under a show or artist (or a season/album, or one movie). Rating keys never change
     * in the simulated library, so the old keys (from history) and the new ones (from Plex) are the same tree.
     */
    Object ratingKeys(Args a) {
        Item top = world.item(a.required("rating_key")).orElseThrow(() -> new ApiErrors.NoResult("unknown key"));
        a.required("media_type");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("0", node(top));
        root.put("section_id", String.valueOf(top.sectionId()));
        root.put("library_name", world.library(top.sectionId()).map(l -> l.name()).orElse(""));
        return root;
    }

    private Map<String, Object> node(Item it) {
        Map<String, Object> n = map("rating_key", it.ratingKey());
        List<Item> kids = world.children(it.ratingKey());
        if (!kids.isEmpty()) {
            Map<String, Object> children = new LinkedHashMap<>();
            for (Item c : kids) {
                children.put(String.valueOf(c.index()), node(c));
            }
            n.put("children", children);
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------- server

    Object serverList() {
        ServerIdentity s = world.server();
        return List.of(map("clientIdentifier", s.machineIdentifier(), "httpsRequired", "0", "ip", s.host(),
                "label", s.friendlyName(), "local", "1", "port", String.valueOf(s.port()), "value", s.host()));
    }

    Object serverId(Args a) {
        String host = a.required("hostname");
        int port = Args.parseInt("port", a.required("port"));
        ServerIdentity s = world.server();
        if (!host.equals(s.host()) || port != s.port()) {
            throw new ApiErrors.NoResult("no server at " + host + ":" + port); // connection refused
        }
        return map("identifier", s.machineIdentifier());
    }

    Object serverPref(Args a) {
        String pref = a.required("pref");
        ServerIdentity s = world.server();
        return switch (pref) {
            case "FriendlyName" -> s.friendlyName();
            case "MachineIdentifier" -> s.machineIdentifier();
            case "ManualPortMappingPort" -> String.valueOf(s.port());
            default -> throw new ApiErrors.NoResult("unknown pref " + pref);
        };
    }
}
