package io.projectionist.sim.plex;

import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.plex.PlexState.HubInfo;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.CastMember;
import io.projectionist.sim.world.Device;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.Media;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.TranscodeDecision;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds Plex's elements from the world: items (listing and detail forms), collections, sections, live sessions,
 * history rows and managed hubs. Typing follows plex-api.md §1.2: ids and keys are strings, numbers typed,
 * {@code librarySectionID} an int in listings and metadata but a string in sessions and history.
 */
final class Render {

    static final String MEDIA_TAG_PREFIX = "/system/bundle/media/flags/";
    static final long MEDIA_TAG_VERSION = 1_730_000_000L;

    /** How much of an item to write. */
    enum Level {
        /** a section listing or hub: no per-item section id, the first few tags, no streams */
        LISTING,
        /** /library/metadata: everything */
        DETAIL
    }

    private final World world;
    private final PlexState state;
    private final Map<String, Integer> tagIds = new HashMap<>();
    private int nextTagId;

    Render(World world, PlexState state) {
        this.world = world;
        this.state = state;
        // tag ids: stable per (kind, name), numbered in name order
        int next = 100;
        for (String kind : List.of("genre", "director", "writer", "actor", "label")) {
            TreeSet<String> names = new TreeSet<>();
            for (Item it : world.items()) {
                switch (kind) {
                    case "genre" -> names.addAll(it.genres());
                    case "director" -> names.addAll(it.directors());
                    case "writer" -> names.addAll(it.writers());
                    case "actor" -> it.cast().forEach(c -> names.add(c.name()));
                    default -> names.addAll(it.labels());
                }
            }
            for (String n : names) {
                tagIds.put(kind + "|" + n, next++);
            }
        }
        nextTagId = next;
    }

    /**
     * The tag id of {@code name} of {@code kind} (genre, director, writer, actor, label); a tag first seen in an edit
     * (a new label) gets the next free id.
     */
    synchronized Integer tagId(String kind, String name) {
        return tagIds.computeIfAbsent(kind + "|" + name, k -> nextTagId++);
    }

    static String xmlName(MediaType t) {
        return switch (t) {
            case MOVIE, EPISODE -> "Video";
            case TRACK -> "Track";
            default -> "Directory";
        };
    }

    Library library(Item it) {
        return world.library(it.sectionId()).orElseThrow();
    }

    /** The item's section on a node of a mixed list (on deck, recently added, hubs). */
    Node withSection(Node n, Item it) {
        Library l = library(it);
        return n.attr("librarySectionTitle", l.name()).attr("librarySectionID", l.sectionId())
                .attr("librarySectionKey", "/library/sections/" + l.sectionId());
    }

    // ---- items ------------------------------------------------------------------------------------------------

    /**
     * An item. {@code stats} is the requesting account's view state (viewCount, lastViewedAt, viewOffset);
     * {@code guids} adds the {@code Guid} children (always on detail).
     */
    Node item(Item it, ViewStats stats, Level level, boolean guids) {
        Node n = Node.metadata(xmlName(it.type()));
        basics(n, it, level == Level.DETAIL);
        viewState(n, it, stats);
        if (it.media() != null) {
            n.add(media(it, level == Level.DETAIL, null));
        }
        tags(n, it, level);
        if (guids || level == Level.DETAIL) {
            for (String g : it.externalGuids()) {
                n.add(Node.of("Guid").attr("id", g));
            }
        }
        if (level == Level.DETAIL) {
            for (String f : state.lockedFieldsOf(it.ratingKey())) {
                n.add(Node.of("Field").attr("locked", Boolean.TRUE).attr("name", f));
            }
        }
        return n;
    }

    /** Attributes every form of an item shares (no view state). */
    void basics(Node n, Item it, boolean withSection) {
        Library l = library(it);
        boolean container = it.media() == null;
        n.attr("ratingKey", String.valueOf(it.ratingKey()))
                .attr("key", container ? it.key() + "/children" : it.key())
                .attr("guid", it.guid());
        if (it.parentRatingKey() != 0) {
            Item p = world.item(it.parentRatingKey()).orElse(null);
            n.attr("parentRatingKey", String.valueOf(it.parentRatingKey()))
                    .attr("parentKey", "/library/metadata/" + it.parentRatingKey())
                    .attr("parentGuid", p == null ? null : p.guid());
        }
        if (it.grandparentRatingKey() != 0) {
            Item g = world.item(it.grandparentRatingKey()).orElse(null);
            n.attr("grandparentRatingKey", String.valueOf(it.grandparentRatingKey()))
                    .attr("grandparentKey", "/library/metadata/" + it.grandparentRatingKey())
                    .attr("grandparentGuid", g == null ? null : g.guid());
        }
        n.attr("type", it.type().wire()).attr("title", state.titleOf(it));
        if (!it.sortTitle().equals(it.title())) {
            n.attr("titleSort", it.sortTitle());
        }
        if (it.grandparentRatingKey() != 0) {
            n.attr("grandparentTitle", it.grandparentTitle());
        }
        if (it.parentRatingKey() != 0) {
            n.attr("parentTitle", it.parentTitle());
        }
        if (!it.originalTitle().isEmpty()) {
            n.attr("originalTitle", it.originalTitle());
        }
        if (withSection) {
            n.attr("librarySectionTitle", l.name()).attr("librarySectionID", l.sectionId())
                    .attr("librarySectionKey", "/library/sections/" + l.sectionId());
        }
        if (!it.studio().isEmpty()) {
            n.attr("studio", it.studio());
        }
        if (!it.contentRating().isEmpty()) {
            n.attr("contentRating", it.contentRating());
        }
        n.attr("summary", it.summary());
        if (it.type() == MediaType.EPISODE || it.type() == MediaType.TRACK || it.type() == MediaType.SEASON
                || it.type() == MediaType.ALBUM) {
            n.attr("index", it.index());
        }
        if (it.type() == MediaType.EPISODE || it.type() == MediaType.TRACK) {
            n.attr("parentIndex", it.parentIndex());
        }
        if (it.rating() > 0) {
            n.attr("rating", it.rating());
        }
        if (it.audienceRating() > 0) {
            n.attr("audienceRating", it.audienceRating())
                    .attr("audienceRatingImage", it.type().video() || it.type() == MediaType.SHOW
                            ? "rottentomatoes://image.rating.upright" : null);
        }
        if (!it.tagline().isEmpty()) {
            n.attr("tagline", it.tagline());
        }
        n.attr("thumb", it.thumb()).attr("art", it.art());
        if (it.year() > 0) {
            n.attr("year", it.year());
        }
        if (it.durationMs() > 0 && it.type() != MediaType.SEASON && it.type() != MediaType.ALBUM
                && it.type() != MediaType.ARTIST) {
            n.attr("duration", it.durationMs());
        }
        if (it.originallyAvailableAt() != null) {
            n.attr("originallyAvailableAt", it.originallyAvailable());
        }
        if (it.leafCount() > 0) {
            n.attr("leafCount", it.leafCount());
        }
        if (it.childCount() > 0 && (it.type() == MediaType.SHOW || it.type() == MediaType.ARTIST)) {
            n.attr("childCount", it.childCount());
        }
        n.attr("addedAt", it.addedAt()).attr("updatedAt", it.updatedAt());
    }

    private void viewState(Node n, Item it, ViewStats s) {
        Double rating = state.userRatingOf(it);
        if (rating != null) {
            n.attr("userRating", rating).attr("lastRatedAt", state.lastRatedAtOf(it));
        }
        if (s == null) {
            return;
        }
        if (it.media() != null) {
            int o = it.ordinal();
            if (s.viewOffset[o] > 0) {
                n.attr("viewOffset", s.viewOffset[o]);
            }
            if (s.viewCount[o] > 0) {
                n.attr("viewCount", s.viewCount[o]);
            }
            if (s.lastViewedAt[o] > 0) {
                n.attr("lastViewedAt", s.lastViewedAt[o]);
            }
            return;
        }
        // containers: viewed leaves and the latest view among them
        int viewed = 0;
        long last = 0;
        for (Item leaf : leaves(it)) {
            int o = leaf.ordinal();
            if (s.viewCount[o] > 0) {
                viewed++;
            }
            last = Math.max(last, s.lastViewedAt[o]);
        }
        n.attr("viewedLeafCount", viewed);
        if (last > 0) {
            n.attr("lastViewedAt", last);
        }
    }

    /** Episodes of a show or season, tracks of an artist or album, the item itself otherwise. */
    List<Item> leaves(Item it) {
        if (it.media() != null) {
            return List.of(it);
        }
        List<Item> out = new ArrayList<>();
        for (Item c : world.children(it.ratingKey())) {
            out.addAll(leaves(c));
        }
        return out;
    }

    private void tags(Node n, Item it, Level level) {
        boolean all = level == Level.DETAIL;
        tag(n, "Genre", "genre", it.genres(), all ? 99 : 2);
        if (it.type() != MediaType.TRACK) {
            tag(n, "Director", "director", it.directors(), all ? 99 : 1);
            tag(n, "Writer", "writer", it.writers(), all ? 99 : 1);
        }
        int roles = all ? it.cast().size() : Math.min(3, it.cast().size());
        for (int i = 0; i < roles; i++) {
            CastMember c = it.cast().get(i);
            Integer id = tagId("actor", c.name());
            n.add(Node.of("Role").attr("id", id).attr("filter", "actor=" + id).attr("tag", c.name())
                    .attr("role", c.role()));
        }
        tag(n, "Label", "label", state.labelsOf(it), 99);
        for (String title : state.collectionTitlesOf(it.ratingKey())) {
            n.add(Node.of("Collection").attr("tag", title));
        }
    }

    private void tag(Node n, String element, String kind, List<String> names, int max) {
        for (int i = 0; i < names.size() && i < max; i++) {
            Integer id = tagId(kind, names.get(i));
            n.add(Node.of(element).attr("id", id).attr("filter", kind + "=" + id).attr("tag", names.get(i)));
        }
    }

    /** Media + Part (+ Streams on detail and in sessions); {@code session} adds selected/decision. */
    Node media(Item it, boolean streams, LiveSession session) {
        Media m = it.media();
        boolean video = m.hasVideo();
        boolean transcode = session != null && session.transcodeDecision() == TranscodeDecision.TRANSCODE;
        Node mn = Node.of("Media").attr("id", m.id()).attr("duration", it.durationMs())
                .attr("bitrate", transcode ? session.streamBitrate() : m.bitrate());
        if (video) {
            int[] size = transcode ? scaled(m, session.streamResolution()) : new int[] {m.width(), m.height()};
            mn.attr("width", size[0]).attr("height", size[1]).attr("aspectRatio", parseDouble(m.aspectRatio()));
        }
        mn.attr("audioChannels", transcode ? 2 : m.audioChannels())
                .attr("audioCodec", transcode ? "aac" : m.audioCodec());
        if (video) {
            mn.attr("videoCodec", transcode ? "h264" : m.videoCodec())
                    .attr("videoResolution", transcode ? session.streamResolution() : m.videoResolution());
        }
        String container = transcode ? (video ? "mp4" : "mp3") : m.container();
        mn.attr("container", container);
        if (video) {
            mn.attr("videoFrameRate", "24p").attr("videoProfile", transcode ? "high" : m.videoProfile());
        }
        if (!m.audioProfile().isEmpty() && !transcode) {
            mn.attr("audioProfile", m.audioProfile());
        }
        if (session != null) {
            mn.attr("selected", Boolean.TRUE);
        }
        String file = m.file();
        Node part = Node.of("Part").attr("id", m.partId())
                .attr("key", "/library/parts/" + m.partId() + "/" + it.updatedAt() + "/file." + m.container())
                .attr("duration", it.durationMs()).attr("file", file).attr("size", m.fileSize())
                .attr("container", container);
        if (video && !transcode) {
            part.attr("videoProfile", m.videoProfile()).attr("indexes", "sd");
        }
        if (session != null) {
            part.attr("decision", session.transcodeDecision() == TranscodeDecision.DIRECT_PLAY ? "directplay"
                    : "transcode").attr("selected", Boolean.TRUE);
        }
        if (streams || session != null) {
            if (video) {
                boolean hdr = !m.dynamicRange().isEmpty() && !"SDR".equals(m.dynamicRange());
                boolean dovi = "Dolby Vision".equals(m.dynamicRange());
                String full = Media.fullResolution(m.videoResolution());
                String res = full.equals("4k") ? "4K" : full.equals("sd") ? "SD" : full;
                String codec = m.videoCodec().equals("h264") ? "H.264" : m.videoCodec().toUpperCase(Locale.ROOT);
                // what Tautulli parses for the dynamic range (plex-search.md §9.3): DoVi, HDR10, or nothing (SDR)
                String range = dovi ? " DoVi" : hdr ? " " + m.dynamicRange() : "";
                String profile = m.videoProfile().isEmpty() ? "" : " " + capitalize(m.videoProfile());
                Node vs = Node.of("Stream").attr("id", m.videoStreamId()).attr("streamType", 1)
                        .attr("default", Boolean.TRUE).attr("codec", m.videoCodec()).attr("index", 0)
                        .attr("bitrate", m.videoBitrate()).attr("bitDepth", m.videoBitDepth())
                        .attr("chromaSubsampling", "4:2:0").attr("colorPrimaries", hdr ? "bt2020" : "bt709")
                        .attr("colorRange", "tv").attr("colorSpace", hdr ? "bt2020nc" : "bt709")
                        .attr("colorTrc", hdr ? "smpte2084" : "bt709")
                        .attr("height", m.height()).attr("width", m.width())
                        .attr("profile", m.videoProfile()).attr("frameRate", 23.976)
                        .attr("displayTitle", full.toUpperCase(Locale.ROOT) + range + " ("
                                + m.videoCodec().toUpperCase(Locale.ROOT) + ")")
                        .attr("extendedDisplayTitle", res + range + " (" + codec + profile + ")");
                if (dovi) {
                    // the values the simulated Tautulli reports for the same file
                    vs.attr("DOVIPresent", Boolean.TRUE).attr("DOVIProfile", 8).attr("DOVILevel", 6)
                            .attr("DOVIVersion", "1.0").attr("DOVIBLPresent", Boolean.TRUE)
                            .attr("DOVIELPresent", Boolean.FALSE).attr("DOVIRPUPresent", Boolean.TRUE)
                            .attr("DOVIBLCompatID", 1);
                }
                if (session != null) {
                    vs.attr("selected", Boolean.TRUE).attr("decision", plexDecision(session.videoDecision()));
                }
                part.add(vs);
            }
            Node as = Node.of("Stream").attr("id", m.audioStreamId()).attr("streamType", 2)
                    .attr("selected", Boolean.TRUE).attr("default", Boolean.TRUE).attr("codec", m.audioCodec())
                    .attr("index", video ? 1 : 0).attr("channels", m.audioChannels())
                    .attr("bitrate", m.audioBitrate()).attr("audioChannelLayout", m.audioChannelLayout())
                    .attr("samplingRate", m.audioSampleRate());
            if (video) {
                as.attr("language", "English").attr("languageCode", "eng");
            }
            if (session != null) {
                as.attr("decision", plexDecision(session.audioDecision()));
            }
            as.attr("displayTitle", (video ? "English (" : "(") + m.audioCodec().toUpperCase(Locale.ROOT) + " "
                    + m.audioChannelLayout().replaceAll("\\(.*\\)", "") + ")");
            part.add(as);
            if (video) {
                extraStreams(part, it, m);
            }
        }
        mn.add(part);
        return mn;
    }

    /**
     * The streams past the first video and audio, derived from the rating key so every read agrees: a second
     * (German) audio track on every third video item, an embedded English subtitle on two in three, a forced one on
     * every fifth, an external (sidecar) German one on every fourth. None is selected.
     */
    private static void extraStreams(Node part, Item it, Media m) {
        int rk = it.ratingKey();
        int id = 1_000_000 + m.partId() * 8;
        int index = 2;
        if (rk % 3 == 0) {
            part.add(Node.of("Stream").attr("id", id++).attr("streamType", 2).attr("codec", "ac3")
                    .attr("index", index++).attr("channels", 6).attr("bitrate", 448)
                    .attr("audioChannelLayout", "5.1(side)").attr("samplingRate", 48000)
                    .attr("language", "Deutsch").attr("languageCode", "ger").attr("languageTag", "de")
                    .attr("displayTitle", "Deutsch (AC3 5.1)").attr("extendedDisplayTitle", "Deutsch (AC3 5.1)"));
        }
        if (rk % 3 != 1) {
            part.add(subtitle(id++, index++, "English", "eng", "en", false, null));
        }
        if (rk % 5 == 0) {
            part.add(subtitle(id++, index++, "English", "eng", "en", true, null));
        }
        if (rk % 4 == 0) {
            part.add(subtitle(id, -1, "Deutsch", "ger", "de", false, "/library/streams/" + id));
        }
    }

    private static Node subtitle(int id, int index, String language, String code, String tag, boolean forced,
            String key) {
        String title = language + (forced ? " Forced" : "") + " (SRT" + (key != null ? " External" : "") + ")";
        Node n = Node.of("Stream").attr("id", id).attr("streamType", 3).attr("codec", "srt")
                .attr("index", index < 0 ? null : index).attr("key", key).attr("format", key != null ? "srt" : null)
                .attr("language", language).attr("languageCode", code).attr("languageTag", tag)
                .attr("forced", forced ? Boolean.TRUE : null).attr("displayTitle", title)
                .attr("extendedDisplayTitle", title);
        return n;
    }

    private static String capitalize(String s) {
        StringBuilder b = new StringBuilder();
        for (String w : s.split(" ")) {
            if (!w.isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return b.toString();
    }

    /**
     * {@code includeMarkers=1}: an intro on every other episode, credits on every movie and episode (the last one
     * {@code final}), each with the {@code <Attributes>} child python-plexapi requires.
     */
    List<Node> markers(Item it) {
        List<Node> out = new ArrayList<>();
        if (it.media() == null || !it.type().video() || it.durationMs() < 600_000) {
            return out;
        }
        int id = it.ratingKey() * 10;
        if (it.type() == MediaType.EPISODE && it.ratingKey() % 2 == 0) {
            out.add(marker(id + 1, "intro", 62_000, 121_000, false));
        }
        long d = it.durationMs();
        out.add(marker(id + 2, "credits", d - 120_000, d, true));
        return out;
    }

    private static Node marker(int id, String type, long start, long end, boolean fin) {
        return Node.of("Marker").attr("id", id).attr("type", type).attr("startTimeOffset", start)
                .attr("endTimeOffset", end).attr("final", fin ? Boolean.TRUE : null)
                .add(Node.of("Attributes").attr("id", id).attr("version", 5));
    }

    static String plexDecision(String tautulliDecision) {
        return switch (tautulliDecision) {
            case "transcode" -> "transcode";
            case "copy" -> "copy";
            default -> "directplay";
        };
    }

    static Double parseDouble(String s) {
        try {
            return s == null || s.isEmpty() ? null : Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static int[] scaled(Media m, String res) {
        int h = switch (res) {
            case "4k" -> 2160;
            case "1080" -> 1080;
            case "720" -> 720;
            default -> 480;
        };
        h = Math.min(h, m.height() <= 0 ? h : m.height());
        int w = m.height() <= 0 ? h * 16 / 9 : (int) ((long) m.width() * h / m.height());
        return new int[] {w, h};
    }

    // ---- collections --------------------------------------------------------------------------------------------

    /** A collection: listing form (no Label, no Field) or detail form. */
    Node collection(CollectionInfo c, boolean detail) {
        Library l = world.library(c.sectionId()).orElseThrow();
        Node n = Node.metadata("Directory");
        int minYear = Integer.MAX_VALUE;
        int maxYear = 0;
        for (int k : c.items()) {
            Item it = world.item(k).orElse(null);
            if (it != null && it.year() > 0) {
                minYear = Math.min(minYear, it.year());
                maxYear = Math.max(maxYear, it.year());
            }
        }
        n.attr("ratingKey", String.valueOf(c.ratingKey()))
                .attr("key", "/library/collections/" + c.ratingKey() + "/children")
                .attr("guid", c.guid()).attr("type", "collection").attr("title", c.title())
                .attr("titleSort", c.titleSort()).attr("subtype", c.subtype()).attr("summary", c.summary())
                .attr("contentRating", c.contentRating()).attr("index", c.index());
        if (detail) {
            n.attr("librarySectionTitle", l.name()).attr("librarySectionID", l.sectionId())
                    .attr("librarySectionKey", "/library/sections/" + l.sectionId());
        }
        n.attr("thumb", "/library/collections/" + c.ratingKey() + "/composite/" + c.updatedAt())
                .attr("collectionMode", c.collectionMode()).attr("collectionSort", c.collectionSort())
                .attr("childCount", c.items().size());
        if (maxYear > 0) {
            n.attr("minYear", minYear).attr("maxYear", maxYear);
        }
        n.attr("addedAt", c.addedAt()).attr("updatedAt", c.updatedAt());
        if (detail) {
            n.attr("smart", Boolean.FALSE);
            for (String label : c.labels()) {
                n.add(Node.of("Label").attr("tag", label));
            }
            for (String f : new TreeSet<>(c.lockedFields())) {
                n.add(Node.of("Field").attr("locked", Boolean.TRUE).attr("name", f));
            }
        }
        return n;
    }

    /** {@code <Preferences>} of a collection ({@code includePreferences=1}). */
    Node collectionPreferences(CollectionInfo c) {
        Node p = Node.single("Preferences");
        p.add(Node.of("Setting").attr("id", "collectionMode").attr("label", "Collection mode").attr("type", "int")
                .attr("default", "-1").attr("value", String.valueOf(c.collectionMode()))
                .attr("enumValues", "-1:Library default|0:Hide collection|1:Hide items in this collection"
                        + "|2:Show collection and its items"));
        p.add(Node.of("Setting").attr("id", "collectionSort").attr("label", "Collection sort").attr("type", "int")
                .attr("default", "0").attr("value", String.valueOf(c.collectionSort()))
                .attr("enumValues", "0:Release date|1:Alphabetical|2:Custom"));
        return p;
    }

    // ---- sections ---------------------------------------------------------------------------------------------

    Node section(Library l) {
        long updated = l.createdAt() + 86_400;
        return Node.of("Directory").attr("allowSync", Boolean.TRUE).attr("art", l.art())
                .attr("composite", "/library/sections/" + l.sectionId() + "/composite/" + updated)
                .attr("filters", Boolean.TRUE).attr("refreshing", Boolean.FALSE).attr("thumb", l.thumb())
                .attr("key", String.valueOf(l.sectionId())).attr("type", l.type()).attr("title", l.name())
                .attr("agent", l.agent()).attr("scanner", l.scanner()).attr("language", "en-US")
                .attr("uuid", l.uuid()).attr("updatedAt", updated).attr("createdAt", l.createdAt())
                .attr("scannedAt", updated).attr("content", Boolean.TRUE).attr("directory", Boolean.TRUE)
                .attr("contentChangedAt", l.sectionId() * 1_000L).attr("hidden", 0)
                .add(Node.of("Location").attr("id", l.sectionId()).attr("path", l.locationPath()));
    }

    /** Container attributes of a section listing (§2.4). */
    void sectionContainer(Node c, Library l, String title2, String viewGroup) {
        c.attr("allowSync", Boolean.TRUE).attr("art", l.art()).attr("identifier", "com.plexapp.plugins.library")
                .attr("librarySectionID", l.sectionId()).attr("librarySectionTitle", l.name())
                .attr("librarySectionUUID", l.uuid()).attr("mediaTagPrefix", MEDIA_TAG_PREFIX)
                .attr("mediaTagVersion", MEDIA_TAG_VERSION).attr("thumb", l.thumb()).attr("title1", l.name())
                .attr("title2", title2).attr("viewGroup", viewGroup).attr("viewMode", 65592);
    }

    // ---- sessions -----------------------------------------------------------------------------------------------

    /** One /status/sessions entry, consistent with Tautulli's get_activity for the same LiveSession. */
    Node session(LiveSession s) {
        Item it = s.item();
        User u = s.user();
        Device d = s.device();
        Node n = Node.metadata(xmlName(it.type()));
        basics(n, it, false);
        Library l = library(it);
        // sessions carry the section as a string in JSON
        n.attr("librarySectionTitle", l.name()).attr("librarySectionID", String.valueOf(l.sectionId()))
                .attr("librarySectionKey", "/library/sections/" + l.sectionId())
                .attr("sessionKey", s.sessionKey()).attr("viewOffset", s.viewOffsetMs());
        n.add(media(it, false, s));
        tags(n, it, Level.LISTING);
        n.add(Node.single("User").attr("id", String.valueOf(u.plexAccountId())).attr("thumb", u.thumb())
                .attr("title", u.username()));
        n.add(Node.single("Player").attr("address", s.ipAddress()).attr("device", d.device())
                .attr("machineIdentifier", d.machineId()).attr("model", d.device()).attr("platform", d.platform())
                .attr("platformVersion", d.platformVersion()).attr("product", d.product())
                .attr("profile", d.profile()).attr("remotePublicAddress", s.wan() ? s.ipAddress() : PUBLIC_IP)
                .attr("state", s.state()).attr("title", d.player()).attr("version", d.productVersion())
                .attr("local", !s.wan()).attr("relayed", Boolean.FALSE).attr("secure", Boolean.TRUE)
                .attr("userID", u.plexAccountId()));
        n.add(Node.single("Session").attr("id", s.sessionId()).attr("bandwidth", s.bandwidth())
                .attr("location", s.location()));
        if (s.transcodeDecision() == TranscodeDecision.TRANSCODE) {
            Media m = it.media();
            boolean video = m.hasVideo();
            long offsetSec = s.viewOffsetMs() / 1000;
            Node t = Node.single("TranscodeSession")
                    .attr("key", s.transcodeKey()).attr("throttled", Boolean.FALSE)
                    .attr("complete", Boolean.FALSE).attr("progress", 42.0).attr("size", -22)
                    .attr("speed", 2.3).attr("error", Boolean.FALSE).attr("duration", it.durationMs())
                    .attr("context", "streaming").attr("sourceVideoCodec", video ? m.videoCodec() : null)
                    .attr("sourceAudioCodec", m.audioCodec())
                    .attr("videoDecision", video ? plexDecision(s.videoDecision()) : null)
                    .attr("audioDecision", plexDecision(s.audioDecision())).attr("protocol", "dash")
                    .attr("container", video ? "mp4" : "mp3").attr("videoCodec", video ? "h264" : null)
                    .attr("audioCodec", "aac").attr("audioChannels", 2)
                    .attr("transcodeHwRequested", Boolean.TRUE)
                    .attr("minOffsetAvailable", (double) Math.max(0, offsetSec - 12))
                    .attr("maxOffsetAvailable", (double) Math.min(it.durationSeconds(), offsetSec + 232));
            if (video) {
                int[] size = scaled(m, s.streamResolution());
                t.attr("width", size[0]).attr("height", size[1]);
            }
            n.add(t);
        }
        return n;
    }

    /** The public address of the household (what a LAN client's remotePublicAddress shows). */
    static final String PUBLIC_IP = "198.51.100.23";

    // ---- history ------------------------------------------------------------------------------------------------

    /** One /status/sessions/history/all row (index {@code i} of the world's history). */
    Node historyRow(History h, int i) {
        Item it = h.item(i);
        Node n = Node.metadata(xmlName(it.type()));
        n.attr("historyKey", "/status/sessions/history/" + h.id(i)).attr("key", it.key())
                .attr("ratingKey", String.valueOf(it.ratingKey()))
                .attr("librarySectionID", String.valueOf(it.sectionId()));
        if (it.parentRatingKey() != 0) {
            n.attr("parentKey", "/library/metadata/" + it.parentRatingKey());
        }
        if (it.grandparentRatingKey() != 0) {
            n.attr("grandparentKey", "/library/metadata/" + it.grandparentRatingKey());
        }
        n.attr("title", it.title());
        if (it.grandparentRatingKey() != 0) {
            n.attr("grandparentTitle", it.grandparentTitle());
        }
        n.attr("type", it.type().wire()).attr("thumb", it.thumb());
        if (it.parentRatingKey() != 0) {
            n.attr("parentThumb", "/library/metadata/" + it.parentRatingKey() + "/thumb/" + it.updatedAt());
        }
        if (it.grandparentRatingKey() != 0) {
            n.attr("grandparentThumb", "/library/metadata/" + it.grandparentRatingKey() + "/thumb/" + it.updatedAt())
                    .attr("grandparentArt", "/library/metadata/" + it.grandparentRatingKey() + "/art/"
                            + it.updatedAt());
        }
        if (it.type() != MediaType.MOVIE) {
            n.attr("index", it.index()).attr("parentIndex", it.parentIndex());
        }
        if (it.originallyAvailableAt() != null) {
            n.attr("originallyAvailableAt", it.originallyAvailable());
        }
        n.attr("viewedAt", h.stopped(i)).attr("accountID", h.user(i).plexAccountId())
                .attr("deviceID", h.deviceIndex(i) + 1);
        return n;
    }

    // ---- managed hubs -------------------------------------------------------------------------------------------

    static Node managedHub(HubInfo h) {
        Node n = Node.of("Hub").attr("identifier", h.identifier()).attr("title", h.title())
                .attr("recommendationsVisibility", h.recommendationsVisibility())
                .attr("homeVisibility", h.homeVisibility())
                .attr("promotedToRecommended", h.promotedToRecommended())
                .attr("promotedToOwnHome", h.promotedToOwnHome())
                .attr("promotedToSharedHome", h.promotedToSharedHome());
        if (!h.builtIn()) {
            n.attr("deletable", Boolean.TRUE);
        }
        return n;
    }
}
