package io.projectionist.plex;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexHistoryEntry;
import io.projectionist.plex.model.PlexIdentity;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexMedia;
import io.projectionist.plex.model.PlexPart;
import io.projectionist.plex.model.PlexServer;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.plex.model.PlexSession;
import io.projectionist.plex.model.PlexTag;

/** Maps {@link PlexNode}s (from XML or JSON alike) to the model records. */
final class PlexMapping {

    /** XML names items by kind; JSON puts every item under "Metadata". */
    static final Set<String> ITEM_ELEMENTS = Set.of("Video", "Directory", "Track", "Photo", "Playlist", "Metadata");

    private PlexMapping() {
    }

    static List<PlexNode> items(PlexNode container) {
        return container.children(ITEM_ELEMENTS);
    }

    /**
     * @param fallbackSectionId the container's {@code librarySectionID}: listings may omit it per item
     */
    static PlexItem item(PlexNode n, String fallbackSectionId) {
        String sectionId = n.attr("librarySectionID");
        List<String> guids = new ArrayList<>();
        for (PlexNode g : n.children("Guid")) {
            if (g.attr("id") != null) {
                guids.add(g.attr("id"));
            }
        }
        List<PlexMedia> media = new ArrayList<>();
        for (PlexNode m : n.children("Media")) {
            media.add(media(m));
        }
        return new PlexItem(
                n.attr("ratingKey"), n.attr("key"), n.attr("guid"), n.attr("type"), n.attr("subtype"),
                n.text("title"), n.text("titleSort"), n.attr("originalTitle"), n.intAttr("year"),
                n.longAttr("duration"), n.doubleAttr("rating"), n.doubleAttr("audienceRating"),
                n.doubleAttr("userRating"), n.attr("contentRating"), n.attr("studio"), n.text("summary"),
                n.attr("tagline"), n.attr("thumb"), n.attr("art"), n.longAttr("addedAt"), n.longAttr("updatedAt"),
                n.longAttr("lastViewedAt"), n.intAttr("viewCount"), n.longAttr("viewOffset"),
                n.attr("originallyAvailableAt"), sectionId != null ? sectionId : fallbackSectionId,
                n.attr("librarySectionTitle"), n.attr("parentRatingKey"), n.attr("grandparentRatingKey"),
                n.attr("parentKey"), n.attr("grandparentKey"), n.text("parentTitle"), n.text("grandparentTitle"),
                n.intAttr("parentIndex"), n.intAttr("index"), n.intAttr("leafCount"), n.intAttr("viewedLeafCount"),
                n.intAttr("childCount"),
                tags(n, "Genre"), tags(n, "Director"), tags(n, "Writer"), tags(n, "Role"), tags(n, "Country"),
                tags(n, "Label"), tags(n, "Collection"), guids, media);
    }

    static List<PlexTag> tags(PlexNode n, String element) {
        List<PlexTag> out = new ArrayList<>();
        for (PlexNode t : n.children(element)) {
            out.add(new PlexTag(t.attr("id"), t.text("tag"), t.attr("filter"), t.attr("role"), t.attr("thumb")));
        }
        return out;
    }

    static PlexMedia media(PlexNode m) {
        List<PlexPart> parts = new ArrayList<>();
        for (PlexNode p : m.children("Part")) {
            parts.add(new PlexPart(p.attr("id"), p.attr("key"), p.attr("file"), p.longAttr("size"),
                    p.longAttr("duration"), p.attr("container"), p.attr("decision")));
        }
        return new PlexMedia(m.attr("id"), m.longAttr("duration"), m.intAttr("bitrate"), m.intAttr("width"),
                m.intAttr("height"), m.doubleAttr("aspectRatio"), m.attr("videoResolution"), m.attr("container"),
                m.attr("videoCodec"), m.attr("audioCodec"), m.intAttr("audioChannels"), m.attr("videoFrameRate"),
                m.attr("videoProfile"), m.boolAttr("selected"), parts);
    }

    static PlexSection section(PlexNode n) {
        List<String> locations = new ArrayList<>();
        for (PlexNode l : n.children("Location")) {
            if (l.attr("path") != null) {
                locations.add(l.attr("path"));
            }
        }
        return new PlexSection(n.attr("key"), n.text("title"), n.attr("type"), n.attr("agent"), n.attr("scanner"),
                n.attr("language"), n.attr("uuid"), n.longAttr("createdAt"), n.longAttr("updatedAt"),
                n.longAttr("scannedAt"), n.boolAttr("hidden"), locations);
    }

    static PlexIdentity identity(PlexNode c) {
        return new PlexIdentity(c.attr("machineIdentifier"), c.attr("version"), c.boolAttr("claimed"));
    }

    static PlexServer server(PlexNode c) {
        return new PlexServer(c.attr("friendlyName"), c.attr("machineIdentifier"), c.attr("version"),
                c.attr("platform"), c.attr("platformVersion"), c.boolAttr("myPlex"), c.attr("myPlexUsername"),
                c.boolAttr("myPlexSubscription"), c.boolAttr("multiuser"), c.boolAttr("allowSync"),
                c.intAttr("transcoderActiveVideoSessions"), c.longAttr("updatedAt"));
    }

    static PlexHistoryEntry history(PlexNode n, String fallbackSectionId) {
        String sectionId = n.attr("librarySectionID");
        return new PlexHistoryEntry(n.attr("historyKey"), n.attr("ratingKey"), n.attr("key"), n.attr("type"),
                n.text("title"), n.text("parentTitle"), n.text("grandparentTitle"), n.attr("parentKey"),
                n.attr("grandparentKey"), sectionId != null ? sectionId : fallbackSectionId, n.intAttr("index"),
                n.intAttr("parentIndex"), n.attr("originallyAvailableAt"), n.longAttr("viewedAt"),
                n.attr("accountID"), n.attr("deviceID"), n.attr("thumb"));
    }

    static PlexSession session(PlexNode n) {
        PlexNode u = n.child("User");
        PlexNode p = n.child("Player");
        PlexNode s = n.child("Session");
        PlexNode t = n.child("TranscodeSession");
        return new PlexSession(n.attr("sessionKey"), n.longAttr("viewOffset"), item(n, null),
                u == null ? null : new PlexSession.User(u.attr("id"), u.text("title"), u.attr("thumb")),
                p == null ? null : new PlexSession.Player(p.text("title"), p.attr("state"),
                        p.attr("machineIdentifier"), p.attr("product"), p.attr("platform"), p.attr("platformVersion"),
                        p.attr("model"), p.attr("profile"), p.attr("version"), p.attr("address"),
                        p.attr("remotePublicAddress"), p.boolAttr("local"), p.boolAttr("relayed"),
                        p.boolAttr("secure"), p.attr("userID")),
                s == null ? null : new PlexSession.SessionInfo(s.attr("id"), s.intAttr("bandwidth"), s.attr("location")),
                t == null ? null : new PlexSession.TranscodeSession(t.attr("key"), t.boolAttr("throttled"),
                        t.doubleAttr("progress"), t.doubleAttr("speed"), t.attr("videoDecision"),
                        t.attr("audioDecision"), t.attr("subtitleDecision"), t.attr("container"),
                        t.attr("videoCodec"), t.attr("audioCodec"), t.attr("sourceVideoCodec"),
                        t.attr("sourceAudioCodec"), t.boolAttr("transcodeHwRequested")));
    }

    static PlexCollection collection(PlexNode n, String fallbackSectionId) {
        String sectionId = n.attr("librarySectionID");
        return new PlexCollection(n.attr("ratingKey"), n.attr("key"), n.attr("guid"), n.text("title"),
                n.text("titleSort"), n.attr("subtype"), n.text("summary"), n.attr("contentRating"),
                n.intAttr("childCount"), n.boolAttr("smart"), n.intAttr("collectionMode"),
                n.intAttr("collectionSort"), n.intAttr("minYear"), n.intAttr("maxYear"), n.attr("thumb"),
                n.longAttr("addedAt"), n.longAttr("updatedAt"), sectionId != null ? sectionId : fallbackSectionId,
                tags(n, "Label"));
    }

    /** Missing flags read as false and missing visibilities are derived, as python-plexapi does. */
    static ManagedHub managedHub(PlexNode n) {
        boolean rec = Boolean.TRUE.equals(n.boolAttr("promotedToRecommended"));
        boolean own = Boolean.TRUE.equals(n.boolAttr("promotedToOwnHome"));
        boolean shared = Boolean.TRUE.equals(n.boolAttr("promotedToSharedHome"));
        String recVis = n.attr("recommendationsVisibility");
        String homeVis = n.attr("homeVisibility");
        return new ManagedHub(n.attr("identifier"), n.text("title"), rec, own, shared, n.boolAttr("deletable"),
                recVis != null ? recVis : ManagedHub.deriveRecommendationsVisibility(rec),
                homeVis != null ? homeVis : ManagedHub.deriveHomeVisibility(own, shared), true);
    }
}
