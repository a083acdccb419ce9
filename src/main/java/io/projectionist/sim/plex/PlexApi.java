package io.projectionist.sim.plex;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.plex.PlexState.HubInfo;
import io.projectionist.sim.plex.Render.Level;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.ServerIdentity;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Plex Media Server HTTP API over a {@link World}: routing, tokens, formats, paging, and the handlers. Errors are
 * Plex's HTML pages whatever format was asked for; unknown query parameters are ignored.
 */
final class PlexApi {

    /** Who is asking. */
    enum Role {
        ADMIN, SHARED
    }

    /** One request's context. */
    record Call(String method, List<String> path, Query q, Headers headers, Role role, User user, boolean json) {

        boolean admin() {
            return role == Role.ADMIN;
        }

        void requireAdmin() {
            if (role != Role.ADMIN) {
                throw PlexFailure.forbidden("admin only");
            }
        }

        /** A paging value from the query (X-Plex-Container-Start/Size) or else the request header. */
        Integer paging(String name) {
            String v = q.nonEmpty(name);
            if (v == null) {
                v = headers.getFirst(name);
            }
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                return Math.max(0, Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private static final int RECENTLY_ADDED_LIMIT = 100;
    private static final int ON_DECK_LIMIT = 30;

    private final World world;
    private final LiveSessions sessions;
    private final PlexTokens tokens;
    private final PlexState state;
    private final Render render;
    private final Map<Integer, ViewStats> stats = new HashMap<>();
    private volatile long[] historyOrder = new long[0];
    private volatile int historyOrderSize = -1;

    PlexApi(World world, LiveSessions sessions, PlexTokens tokens, PlexState state) {
        this.world = world;
        this.sessions = sessions;
        this.tokens = tokens;
        this.state = state;
        this.render = new Render(world, state);
        if (tokens.sharedUserIndex() >= world.users().size()) {
            throw new IllegalArgumentException("the world has no user " + tokens.sharedUserIndex());
        }
    }

    // ---- entry --------------------------------------------------------------------------------------------------

    SimResponse handle(HttpExchange ex) {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        Query q = Query.parse(ex.getRequestURI().getRawQuery());
        List<String> path = segments(ex.getRequestURI().getRawPath());
        Headers h = ex.getRequestHeaders();
        String accept = h.getFirst("Accept");
        boolean json = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
        try {
            if (path.equals(List.of("identity")) && (method.equals("GET") || method.equals("HEAD"))) {
                return Wire.ok(identity(), json);
            }
            String token = h.getFirst("X-Plex-Token");
            if (token == null || token.isBlank()) {
                token = q.nonEmpty("X-Plex-Token");
            }
            Role role = tokens.admin().equals(token) ? Role.ADMIN
                    : tokens.shared().equals(token) ? Role.SHARED : null;
            if (role == null) {
                String body = path.isEmpty() ? Wire.rootUnauthorizedPage() : Wire.errorPage(401);
                return Wire.common(SimResponse.of(401, Wire.HTML_TYPE, body));
            }
            User user = world.users().get(role == Role.ADMIN ? 0 : tokens.sharedUserIndex());
            return route(new Call(method, path, q, h, role, user, json));
        } catch (PlexFailure f) {
            return Wire.error(f.status);
        }
    }

    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        if (rawPath == null) {
            return out;
        }
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(Query.decode(s));
            }
        }
        return out;
    }

    private SimResponse route(Call c) {
        List<String> p = c.path();
        String m = c.method().equals("HEAD") ? "GET" : c.method();
        int n = p.size();
        if (n == 0) {
            return get(m, () -> serverRoot(c), c);
        }
        switch (p.get(0)) {
            case "library" -> {
                if (n >= 2) {
                    switch (p.get(1)) {
                        case "sections" -> {
                            return librarySections(c, m, p);
                        }
                        case "metadata" -> {
                            return libraryMetadata(c, m, p);
                        }
                        case "collections" -> {
                            return libraryCollections(c, m, p);
                        }
                        case "onDeck" -> {
                            if (n == 2) {
                                return get(m, () -> onDeck(c, null), c);
                            }
                        }
                        case "recentlyAdded" -> {
                            if (n == 2) {
                                return get(m, () -> recentlyAdded(c, null), c);
                            }
                        }
                        default -> {
                            // 404 below
                        }
                    }
                }
            }
            case "hubs" -> {
                return hubs(c, m, p);
            }
            case "status" -> {
                if (n >= 2 && p.get(1).equals("sessions")) {
                    return status(c, m, p);
                }
            }
            default -> {
                // 404 below
            }
        }
        throw PlexFailure.notFound(String.join("/", p));
    }

    private interface Body {
        Node build();
    }

    private static SimResponse get(String method, Body body, Call c) {
        if (!method.equals("GET")) {
            throw PlexFailure.notFound("no " + method + " here");
        }
        return Wire.ok(body.build(), c.json());
    }

    private static int intSegment(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw PlexFailure.notFound("not a key: " + s);
        }
    }

    // ---- server -------------------------------------------------------------------------------------------------

    private Node identity() {
        ServerIdentity s = world.server();
        return Node.container().attr("size", 0).attr("claimed", Boolean.TRUE)
                .attr("machineIdentifier", s.machineIdentifier()).attr("version", s.version());
    }

    private Node serverRoot(Call c) {
        ServerIdentity s = world.server();
        long transcoding = sessions.list().stream()
                .filter(x -> x.transcodeDecision() == io.projectionist.sim.world.TranscodeDecision.TRANSCODE)
                .count();
        Node n = Node.container().attr("size", 3).attr("allowCameraUpload", Boolean.FALSE)
                .attr("allowChannelAccess", Boolean.TRUE).attr("allowMediaDeletion", Boolean.TRUE)
                .attr("allowSharing", Boolean.TRUE).attr("allowSync", Boolean.TRUE)
                .attr("friendlyName", s.friendlyName()).attr("livetv", 0)
                .attr("machineIdentifier", s.machineIdentifier()).attr("multiuser", Boolean.TRUE)
                .attr("myPlex", Boolean.TRUE).attr("myPlexMappingState", "mapped")
                .attr("myPlexSigninState", "ok").attr("myPlexSubscription", Boolean.TRUE)
                .attr("myPlexUsername", world.users().get(0).email()).attr("platform", s.platform())
                .attr("platformVersion", s.platformVersion()).attr("transcoderActiveVideoSessions", (int) transcoding)
                .attr("transcoderAudio", Boolean.TRUE).attr("transcoderVideo", Boolean.TRUE)
                .attr("updatedAt", world.anchor().getEpochSecond()).attr("version", s.version());
        for (String d : List.of("activities", "library", "playlists")) {
            n.add(Node.of("Directory").attr("count", 1).attr("key", d).attr("title", d));
        }
        return n;
    }

    // ---- visibility and view state -----------------------------------------------------------------------------

    private boolean visible(Call c, int sectionId) {
        return c.admin() || c.user().sharedSections().contains(sectionId);
    }

    private Library section(Call c, String id) {
        int sid;
        try {
            sid = Integer.parseInt(id.trim());
        } catch (NumberFormatException e) {
            throw PlexFailure.notFound("no section " + id);
        }
        Library l = world.library(sid).orElseThrow(() -> PlexFailure.notFound("no section " + id));
        if (!visible(c, sid)) {
            throw PlexFailure.notFound("section " + id + " is not shared");
        }
        return l;
    }

    /** The asking account's view state, recomputed when the history has grown. */
    ViewStats stats(Call c) {
        int idx = c.user().index();
        synchronized (stats) {
            ViewStats s = stats.get(idx);
            if (s == null || s.historySize != world.history().size()) {
                s = ViewStats.compute(world, idx);
                stats.put(idx, s);
            }
            return s;
        }
    }

    // ---- /library/sections --------------------------------------------------------------------------------------

    private SimResponse librarySections(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 2) {
            return get(m, () -> sectionList(c), c);
        }
        if (n == 3 && p.get(2).equals("all") && m.equals("GET")) {
            return get(m, () -> sectionList(c), c);
        }
        Library l = section(c, p.get(2));
        if (n == 4) {
            switch (p.get(3)) {
                case "all" -> {
                    if (m.equals("PUT")) {
                        c.requireAdmin();
                        editSection(c, l);
                        return Wire.empty();
                    }
                    return page(c, m, listing(c, l, c.q().nonEmpty("type")), l);
                }
                case "collections" -> {
                    return page(c, m, listing(c, l, "18"), l);
                }
                case "onDeck" -> {
                    return get(m, () -> onDeck(c, l), c);
                }
                case "recentlyAdded" -> {
                    return get(m, () -> recentlyAdded(c, l), c);
                }
                default -> {
                    // 404
                }
            }
        }
        throw PlexFailure.notFound(String.join("/", p));
    }

    private Node sectionList(Call c) {
        Node n = Node.container().attr("allowSync", Boolean.FALSE).attr("title1", "Plex Library");
        int count = 0;
        for (Library l : world.libraries()) {
            if (visible(c, l.sectionId())) {
                n.add(render.section(l));
                count++;
            }
        }
        n.attrs.put("size", count);
        moveFirst(n, "size");
        return n;
    }

    private static void moveFirst(Node n, String key) {
        Object v = n.attrs.remove(key);
        Map<String, Object> rest = new java.util.LinkedHashMap<>(n.attrs);
        n.attrs.clear();
        n.attrs.put(key, v);
        n.attrs.putAll(rest);
    }

    /** A listing before paging: the rows, a row renderer, and the container's title2/viewGroup. */
    private record Listing(List<?> rows, Function<Object, Node> node, String title2, String viewGroup) {
    }

    private Listing listing(Call c, Library l, String typeParam) {
        Query q = c.q();
        boolean guids = "1".equals(q.get("includeGuids"));
        int type = typeParam == null ? defaultType(l) : parseType(typeParam);
        if (type == 18) {
            List<CollectionInfo> cols = new ArrayList<>(state.collections(l.sectionId()));
            String title = q.nonEmpty("title");
            if (title != null) {
                String t = title.toLowerCase(Locale.ROOT);
                cols.removeIf(x -> !x.title().toLowerCase(Locale.ROOT).contains(t));
            }
            String label = q.nonEmpty("label");
            if (label != null) {
                cols.removeIf(x -> !x.labels().contains(label));
            }
            Comparator<CollectionInfo> cmp = collectionOrder(q.nonEmpty("sort"));
            cols.sort(cmp);
            return new Listing(cols, o -> render.collection((CollectionInfo) o, false), "All " + l.name(),
                    "secondary");
        }
        MediaType t = PlexState.typeOf(type);
        List<Item> items = new ArrayList<>();
        if (t != null && PlexState.allowedInSection(l, t)) {
            for (Item it : world.items()) {
                if (it.sectionId() == l.sectionId() && it.type() == t) {
                    items.add(it);
                }
            }
        }
        ViewStats vs = stats(c);
        items.removeIf(filters(c, vs).negate());
        items.sort(itemOrder(q.nonEmpty("sort"), vs));
        String viewGroup = t == null ? l.type() : t.wire();
        return new Listing(items, o -> render.item((Item) o, vs, Level.LISTING, guids),
                "All " + l.name(), viewGroup);
    }

    private static int defaultType(Library l) {
        return switch (l.type()) {
            case "movie" -> 1;
            case "show" -> 2;
            default -> 8;
        };
    }

    private static int parseType(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            MediaType t = MediaType.fromWire(s.trim());
            if (t != null) {
                return t.plexType();
            }
            return "collection".equals(s.trim()) ? 18 : -1;
        }
    }

    /** title, year, unwatched, genre, label and collection filters; anything else is ignored. */
    private Predicate<Item> filters(Call c, ViewStats vs) {
        Query q = c.q();
        Predicate<Item> p = it -> true;
        String title = q.nonEmpty("title");
        if (title != null) {
            String t = title.toLowerCase(Locale.ROOT);
            p = p.and(it -> it.title().toLowerCase(Locale.ROOT).contains(t));
        }
        for (Query.Comparison cmp : q.compare("year")) {
            p = p.and(it -> cmp.test(it.year()));
        }
        Boolean unwatched = q.flag("unwatched");
        if (unwatched != null) {
            p = p.and(it -> unwatched == !watched(it, vs));
        }
        String genre = q.nonEmpty("genre");
        if (genre != null) {
            p = p.and(it -> matchesTag(it.genres(), "genre", genre));
        }
        String label = q.nonEmpty("label");
        if (label != null) {
            p = p.and(it -> matchesTag(it.labels(), "label", label));
        }
        String collection = q.nonEmpty("collection");
        if (collection != null) {
            Set<Integer> members = new LinkedHashSet<>();
            for (String k : collection.split(",")) {
                try {
                    state.collection(Integer.parseInt(k.trim())).ifPresent(ci -> members.addAll(ci.items()));
                } catch (NumberFormatException e) {
                    // not a collection id: matches nothing
                }
            }
            p = p.and(it -> members.contains(it.ratingKey()));
        }
        return p;
    }

    private boolean matchesTag(List<String> names, String kind, String wanted) {
        for (String w : wanted.split(",")) {
            for (String name : names) {
                if (name.equalsIgnoreCase(w.trim()) || String.valueOf(render.tagId(kind, name)).equals(w.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean watched(Item it, ViewStats vs) {
        if (it.media() != null) {
            return vs.viewCount[it.ordinal()] > 0;
        }
        List<Item> leaves = render.leaves(it);
        return !leaves.isEmpty() && leaves.stream().allMatch(x -> vs.viewCount[x.ordinal()] > 0);
    }

    private static Comparator<Item> itemOrder(String sort, ViewStats vs) {
        String field = "titleSort";
        boolean desc = false;
        if (sort != null) {
            String first = sort.split(",")[0];
            int colon = first.indexOf(':');
            field = colon < 0 ? first : first.substring(0, colon);
            desc = colon >= 0 && first.substring(colon + 1).equalsIgnoreCase("desc");
        }
        Comparator<Item> cmp = switch (field) {
            case "addedAt" -> Comparator.comparingLong(Item::addedAt);
            case "updatedAt" -> Comparator.comparingLong(Item::updatedAt);
            case "year" -> Comparator.comparingInt(Item::year);
            case "originallyAvailableAt" -> Comparator.comparing(
                    (Item i) -> i.originallyAvailableAt() == null ? "" : i.originallyAvailable());
            case "rating" -> Comparator.comparingDouble(Item::rating);
            case "audienceRating" -> Comparator.comparingDouble(Item::audienceRating);
            case "duration" -> Comparator.comparingLong(Item::durationMs);
            case "lastViewedAt" -> Comparator.comparingLong((Item i) -> vs.lastViewedAt[i.ordinal()]);
            case "viewCount" -> Comparator.comparingInt((Item i) -> vs.viewCount[i.ordinal()]);
            case "index" -> Comparator.comparingInt(Item::parentIndex).thenComparingInt(Item::index);
            case "title" -> Comparator.comparing((Item i) -> i.title().toLowerCase(Locale.ROOT));
            default -> Comparator.comparing((Item i) -> i.sortTitle().toLowerCase(Locale.ROOT));
        };
        if (desc) {
            cmp = cmp.reversed();
        }
        return cmp.thenComparingInt(Item::ratingKey);
    }

    private static Comparator<CollectionInfo> collectionOrder(String sort) {
        boolean desc = sort != null && sort.toLowerCase(Locale.ROOT).endsWith(":desc");
        Comparator<CollectionInfo> cmp;
        if (sort != null && sort.startsWith("addedAt")) {
            cmp = Comparator.comparingLong(CollectionInfo::addedAt);
        } else if (sort != null && sort.startsWith("updatedAt")) {
            cmp = Comparator.comparingLong(CollectionInfo::updatedAt);
        } else {
            cmp = Comparator.comparing((CollectionInfo x) -> x.titleSort().toLowerCase(Locale.ROOT));
        }
        if (desc) {
            cmp = cmp.reversed();
        }
        return cmp.thenComparingInt(CollectionInfo::ratingKey);
    }

    /** Pages a listing (§1.3): start/size from the query or headers, limit=, size/totalSize/offset and headers. */
    private SimResponse page(Call c, String m, Listing listing, Library l) {
        if (!m.equals("GET")) {
            throw PlexFailure.notFound("no " + m + " here");
        }
        Node n = Node.container();
        List<?> rows = listing.rows();
        int total = rows.size();
        int limit = c.q().intValue("limit", -1);
        if (limit >= 0) {
            total = Math.min(total, limit);
        }
        int[] window = window(c, total);
        n.attr("size", window[1] - window[0]).attr("totalSize", total).attr("offset", window[0]);
        if (l != null) {
            render.sectionContainer(n, l, listing.title2(), listing.viewGroup());
        }
        for (int i = window[0]; i < window[1]; i++) {
            n.add(listing.node().apply(rows.get(i)));
        }
        return pagingHeaders(Wire.ok(n, c.json()), window[0], total);
    }

    /** [from, to) of a page over {@code total} rows. */
    private static int[] window(Call c, int total) {
        Integer start = c.paging("X-Plex-Container-Start");
        Integer size = c.paging("X-Plex-Container-Size");
        int from = Math.min(start == null ? 0 : start, total);
        int to = size == null ? total : (int) Math.min((long) from + size, total);
        return new int[] {from, to};
    }

    private static SimResponse pagingHeaders(SimResponse r, int start, int total) {
        return r.withHeader("X-Plex-Container-Start", String.valueOf(start))
                .withHeader("X-Plex-Container-Total-Size", String.valueOf(total));
    }

    /** PUT /library/sections/{sid}/all: field edits on collections (type=18) or the tag path on items. */
    private void editSection(Call c, Library l) {
        Query q = c.q();
        String typeParam = q.nonEmpty("type");
        int type = typeParam == null ? defaultType(l) : parseType(typeParam);
        List<Integer> ids = null;
        String id = q.nonEmpty("id");
        if (id != null) {
            ids = new ArrayList<>();
            for (String k : id.split(",")) {
                try {
                    ids.add(Integer.parseInt(k.trim()));
                } catch (NumberFormatException e) {
                    // an id that is no key matches nothing
                }
            }
        }
        if (type == 18) {
            state.editCollections(l.sectionId(), ids, q);
            return;
        }
        MediaType t = PlexState.typeOf(type);
        if (t == null || !PlexState.allowedInSection(l, t)) {
            throw PlexFailure.badRequest("type " + type + " is not in section " + l.sectionId());
        }
        state.tagItems(l.sectionId(), t, ids, q);
    }

    // ---- /library/metadata --------------------------------------------------------------------------------------

    private SimResponse libraryMetadata(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 3) {
            if (m.equals("DELETE")) {
                c.requireAdmin();
                int rk = intSegment(p.get(2));
                if (state.collection(rk).isPresent()) {
                    state.deleteCollection(rk);
                    return Wire.empty();
                }
                if (world.item(rk).isPresent()) {
                    throw PlexFailure.badRequest("the simulator does not delete library items");
                }
                throw PlexFailure.notFound("no item " + rk);
            }
            return get(m, () -> metadata(c, p.get(2)), c);
        }
        if (n == 4 && (p.get(3).equals("children") || p.get(3).equals("allLeaves"))) {
            int rk = intSegment(p.get(2));
            boolean leaves = p.get(3).equals("allLeaves");
            if (state.collection(rk).isPresent() && !leaves) {
                return collectionChildren(c, m, rk);
            }
            Item parent = world.item(rk).filter(it -> visible(c, it.sectionId()))
                    .orElseThrow(() -> PlexFailure.notFound("no item " + rk));
            List<Item> kids = leaves ? (parent.media() == null ? render.leaves(parent) : List.of())
                    : world.children(rk);
            ViewStats vs = stats(c);
            Library l = render.library(parent);
            Listing listing = new Listing(kids, o -> render.item((Item) o, vs, Level.LISTING,
                    "1".equals(c.q().get("includeGuids"))), parent.title(),
                    kids.isEmpty() ? parent.type().wire() : kids.get(0).type().wire());
            return page(c, m, listing, l);
        }
        throw PlexFailure.notFound(String.join("/", p));
    }

    /** Multi-get: the found subset with 200; 404 when none exists. */
    private Node metadata(Call c, String ids) {
        ViewStats vs = stats(c);
        Node n = Node.container();
        List<Node> found = new ArrayList<>();
        Integer sectionId = null;
        boolean mixed = false;
        for (String k : ids.split(",")) {
            int rk;
            try {
                rk = Integer.parseInt(k.trim());
            } catch (NumberFormatException e) {
                continue;
            }
            Optional<CollectionInfo> col = state.collection(rk);
            Integer sid = null;
            if (col.isPresent() && visible(c, col.get().sectionId())) {
                Node cn = render.collection(col.get(), true);
                if ("1".equals(c.q().get("includePreferences"))) {
                    cn.add(render.collectionPreferences(col.get()));
                }
                found.add(cn);
                sid = col.get().sectionId();
            } else {
                Optional<Item> it = world.item(rk).filter(x -> visible(c, x.sectionId()));
                if (it.isPresent()) {
                    found.add(render.item(it.get(), vs, Level.DETAIL, true));
                    sid = it.get().sectionId();
                }
            }
            if (sid != null) {
                mixed |= sectionId != null && !sectionId.equals(sid);
                sectionId = sectionId == null ? sid : sectionId;
            }
        }
        if (found.isEmpty()) {
            throw PlexFailure.notFound("none of " + ids);
        }
        n.attr("size", found.size()).attr("allowSync", Boolean.TRUE)
                .attr("identifier", "com.plexapp.plugins.library");
        if (!mixed && sectionId != null) {
            Library l = world.library(sectionId).orElseThrow();
            n.attr("librarySectionID", l.sectionId()).attr("librarySectionTitle", l.name())
                    .attr("librarySectionUUID", l.uuid());
        }
        n.attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION);
        n.addAll(found);
        return n;
    }

    // ---- /library/collections -----------------------------------------------------------------------------------

    private SimResponse libraryCollections(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 2) {
            if (m.equals("POST")) {
                c.requireAdmin();
                return createCollection(c);
            }
            throw PlexFailure.notFound("collections");
        }
        int rk = intSegment(p.get(2));
        CollectionInfo col = state.collection(rk).filter(x -> visible(c, x.sectionId()))
                .orElseThrow(() -> PlexFailure.notFound("no collection " + rk));
        if (n == 3) {
            if (m.equals("DELETE")) {
                c.requireAdmin();
                state.deleteCollection(rk);
                return Wire.empty();
            }
            return get(m, () -> metadata(c, String.valueOf(rk)), c);
        }
        String what = p.get(3);
        if (n == 4 && what.equals("children")) {
            return collectionChildren(c, m, rk);
        }
        if (n == 4 && what.equals("items")) {
            if (m.equals("PUT")) {
                c.requireAdmin();
                List<Integer> keys = uriKeys(c.q().get("uri"));
                CollectionInfo updated = state.addToCollection(rk, keys);
                return Wire.ok(Node.container().attr("size", 1).add(render.collection(updated, false)), c.json());
            }
            return collectionChildren(c, m, rk);
        }
        if (n == 4 && what.equals("prefs") && m.equals("PUT")) {
            c.requireAdmin();
            state.prefs(rk, c.q());
            return Wire.empty();
        }
        if (n == 5 && what.equals("items") && m.equals("DELETE")) {
            c.requireAdmin();
            state.removeFromCollection(rk, intSegment(p.get(4)));
            return Wire.empty();
        }
        if (n == 6 && what.equals("items") && p.get(5).equals("move") && m.equals("PUT")) {
            c.requireAdmin();
            String after = c.q().nonEmpty("after");
            state.moveInCollection(rk, intSegment(p.get(4)), after == null ? null : intAfter(after));
            return Wire.empty();
        }
        throw PlexFailure.notFound(String.join("/", p) + " " + col.ratingKey());
    }

    private static int intAfter(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw PlexFailure.badRequest("after is not a key");
        }
    }

    private SimResponse collectionChildren(Call c, String m, int rk) {
        CollectionInfo col = state.collection(rk).orElseThrow(() -> PlexFailure.notFound("no collection " + rk));
        ViewStats vs = stats(c);
        Library l = world.library(col.sectionId()).orElseThrow();
        List<Item> items = PlexState.ordered(world, col);
        Listing listing = new Listing(items, o -> render.item((Item) o, vs, Level.LISTING,
                "1".equals(c.q().get("includeGuids"))), col.title(), col.subtype());
        return page(c, m, listing, l);
    }

    private SimResponse createCollection(Call c) {
        Query q = c.q();
        String sid = q.nonEmpty("sectionId");
        if (sid == null) {
            throw PlexFailure.badRequest("sectionId is required");
        }
        int sectionId;
        try {
            sectionId = Integer.parseInt(sid.trim());
        } catch (NumberFormatException e) {
            throw PlexFailure.badRequest("sectionId is not a number");
        }
        if ("1".equals(q.get("smart"))) {
            throw PlexFailure.badRequest("the simulator only makes regular collections");
        }
        int type = q.intValue("type", -1);
        List<Integer> keys = q.has("uri") ? uriKeys(q.get("uri")) : List.of();
        CollectionInfo created = state.create(sectionId, q.get("title"), type, keys);
        Node n = Node.container().attr("size", 1).attr("allowSync", Boolean.TRUE)
                .attr("identifier", "com.plexapp.plugins.library")
                .attr("librarySectionID", created.sectionId())
                .attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION)
                .add(render.collection(created, true));
        return Wire.ok(n, c.json());
    }

    /**
     * Rating keys of {@code server://{machineIdentifier}/com.plexapp.plugins.library/library/metadata/k1,k2}. Another
     * server's URI or a smart (section) URI is a 400.
     */
    private List<Integer> uriKeys(String uri) {
        if (uri == null) {
            throw PlexFailure.badRequest("uri is required");
        }
        String prefix = "server://" + world.server().machineIdentifier() + "/com.plexapp.plugins.library";
        if (!uri.startsWith(prefix)) {
            throw PlexFailure.badRequest("uri is not this server's library: " + uri);
        }
        String rest = uri.substring(prefix.length());
        if (rest.equals("/library/metadata") || rest.equals("/library/metadata/")) {
            return List.of();
        }
        if (!rest.startsWith("/library/metadata/")) {
            throw PlexFailure.badRequest("only /library/metadata URIs are supported: " + uri);
        }
        List<Integer> keys = new ArrayList<>();
        for (String k : rest.substring("/library/metadata/".length()).split(",")) {
            try {
                keys.add(Integer.parseInt(Query.decode(k).trim()));
            } catch (NumberFormatException e) {
                // ignored, as Plex ignores keys it cannot find
            }
        }
        return keys;
    }

    // ---- on deck, recently added, continue watching --------------------------------------------------------------

    private List<Item> inProgressAndNext(Call c, Library only) {
        ViewStats vs = stats(c);
        List<Item> out = new ArrayList<>();
        Set<Integer> shows = new LinkedHashSet<>();
        for (Item it : world.items()) {
            if (it.media() == null || !it.type().video() || (only != null && it.sectionId() != only.sectionId())
                    || !visible(c, it.sectionId())) {
                continue;
            }
            if (vs.viewOffset[it.ordinal()] > 0) {
                out.add(it);
                if (it.grandparentRatingKey() != 0) {
                    shows.add(it.grandparentRatingKey());
                }
            }
        }
        // the next episode of shows whose latest watched episode was finished
        Map<Integer, Item> latest = new HashMap<>();
        for (Item it : world.itemsOfType(MediaType.EPISODE)) {
            if ((only != null && it.sectionId() != only.sectionId()) || !visible(c, it.sectionId())
                    || vs.viewCount[it.ordinal()] == 0 || shows.contains(it.grandparentRatingKey())) {
                continue;
            }
            Item prev = latest.get(it.grandparentRatingKey());
            if (prev == null || vs.lastViewedAt[it.ordinal()] > vs.lastViewedAt[prev.ordinal()]) {
                latest.put(it.grandparentRatingKey(), it);
            }
        }
        for (Item last : latest.values()) {
            List<Item> eps = render.leaves(world.item(last.grandparentRatingKey()).orElseThrow());
            int i = eps.indexOf(last);
            if (i >= 0 && i + 1 < eps.size() && vs.viewCount[eps.get(i + 1).ordinal()] == 0) {
                out.add(eps.get(i + 1));
            }
        }
        Function<Item, Long> when = it -> {
            long t = vs.lastViewedAt[it.ordinal()];
            if (t == 0 && it.grandparentRatingKey() != 0) {
                for (Item e : latest.values()) {
                    if (e.grandparentRatingKey() == it.grandparentRatingKey()) {
                        t = vs.lastViewedAt[e.ordinal()];
                    }
                }
            }
            return t;
        };
        out.sort(Comparator.comparing(when).reversed().thenComparingInt(Item::ratingKey));
        return out.size() > ON_DECK_LIMIT ? out.subList(0, ON_DECK_LIMIT) : out;
    }

    private Node onDeck(Call c, Library only) {
        ViewStats vs = stats(c);
        List<Item> items = inProgressAndNext(c, only);
        Node n = Node.container().attr("size", items.size()).attr("allowSync", Boolean.FALSE)
                .attr("identifier", "com.plexapp.plugins.library")
                .attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION)
                .attr("mixedParents", Boolean.TRUE).attr("title1", "On Deck");
        for (Item it : items) {
            n.add(withSection(render.item(it, vs, Level.LISTING, false), it));
        }
        return n;
    }

    private Node withSection(Node n, Item it) {
        Library l = render.library(it);
        return n.attr("librarySectionTitle", l.name()).attr("librarySectionID", l.sectionId())
                .attr("librarySectionKey", "/library/sections/" + l.sectionId());
    }

    /** Movies, seasons and albums (grouped as Plex does), newest first; by type: 1, 2/3 seasons, 4, 8/9, 10. */
    private List<Item> recentItems(Call c, Library only, int type) {
        Set<MediaType> kinds = switch (type) {
            case 1 -> Set.of(MediaType.MOVIE);
            case 2, 3 -> Set.of(MediaType.SEASON);
            case 4 -> Set.of(MediaType.EPISODE);
            case 8, 9 -> Set.of(MediaType.ALBUM);
            case 10 -> Set.of(MediaType.TRACK);
            default -> Set.of(MediaType.MOVIE, MediaType.SEASON, MediaType.ALBUM);
        };
        List<Item> out = new ArrayList<>();
        for (Item it : world.items()) {
            if (kinds.contains(it.type()) && (only == null || it.sectionId() == only.sectionId())
                    && visible(c, it.sectionId())) {
                out.add(it);
            }
        }
        out.sort(Comparator.comparingLong(Item::addedAt).reversed().thenComparingInt(Item::ratingKey));
        return out.size() > RECENTLY_ADDED_LIMIT ? out.subList(0, RECENTLY_ADDED_LIMIT) : out;
    }

    private Node recentlyAdded(Call c, Library only) {
        Library l = only;
        String sid = c.q().nonEmpty("sectionID");
        if (l == null && sid != null) {
            l = section(c, sid);
        }
        int type = c.q().intValue("type", -1);
        List<Item> items = recentItems(c, l, type);
        ViewStats vs = stats(c);
        int[] w = window(c, items.size());
        Node n = Node.container().attr("size", w[1] - w[0]).attr("totalSize", items.size()).attr("offset", w[0])
                .attr("allowSync", Boolean.FALSE).attr("identifier", "com.plexapp.plugins.library")
                .attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION)
                .attr("mixedParents", Boolean.TRUE).attr("title1", "Recently Added");
        for (int i = w[0]; i < w[1]; i++) {
            n.add(withSection(render.item(items.get(i), vs, Level.LISTING, false), items.get(i)));
        }
        return n;
    }

    // ---- /hubs --------------------------------------------------------------------------------------------------

    private SimResponse hubs(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 1) {
            return get(m, () -> homeHubs(c), c);
        }
        if (p.get(1).equals("continueWatching")) {
            if (n == 2) {
                return get(m, () -> container(continueHub(c, null, c.q().intValue("count", 20))), c);
            }
            if (n == 3 && p.get(2).equals("items")) {
                return get(m, () -> continueItems(c, null), c);
            }
        }
        if (p.get(1).equals("home") && n == 3) {
            if (p.get(2).equals("continueWatching")) {
                return get(m, () -> continueItems(c, null), c);
            }
            if (p.get(2).equals("recentlyAdded")) {
                return get(m, () -> recentlyAdded(c, null), c);
            }
        }
        if (p.get(1).equals("sections") && n >= 3) {
            Library l;
            try {
                l = section(c, p.get(2));
            } catch (PlexFailure f) {
                if (n == 3) {
                    throw PlexFailure.badRequest("unknown section " + p.get(2));
                }
                throw f;
            }
            if (n == 3) {
                return get(m, () -> sectionHubs(c, l), c);
            }
            if (n == 5 && p.get(3).equals("continueWatching") && p.get(4).equals("items")) {
                return get(m, () -> continueItems(c, l), c);
            }
            if (p.get(3).equals("manage")) {
                c.requireAdmin();
                return manage(c, m, l, p.subList(4, n));
            }
        }
        throw PlexFailure.notFound(String.join("/", p));
    }

    private static Node container(Node hub) {
        return Node.container().attr("size", 1).add(hub);
    }

    private Node continueItems(Call c, Library only) {
        ViewStats vs = stats(c);
        List<Item> items = inProgressAndNext(c, only);
        Node n = Node.container().attr("size", items.size()).attr("allowSync", Boolean.FALSE)
                .attr("identifier", "com.plexapp.plugins.library");
        for (Item it : items) {
            n.add(withSection(render.item(it, vs, Level.LISTING, false), it));
        }
        return n;
    }

    private Node continueHub(Call c, Library only, int count) {
        ViewStats vs = stats(c);
        List<Item> items = inProgressAndNext(c, only);
        return hub("home.continue", "/hubs/home/continueWatching", "Continue Watching", "mixed",
                "hub.home.continue", "hero", items, count, vs);
    }

    private Node hub(String identifier, String key, String title, String type, String context, String style,
            List<Item> items, int count, ViewStats vs) {
        List<Item> shown = items.size() > count ? items.subList(0, count) : items;
        Node h = Node.of("Hub").attr("hubKey", shown.isEmpty() ? null : "/library/metadata/"
                + String.join(",", shown.stream().map(i -> String.valueOf(i.ratingKey())).toList()))
                .attr("key", key).attr("title", title).attr("type", type).attr("hubIdentifier", identifier)
                .attr("context", context).attr("size", shown.size()).attr("more", items.size() > shown.size())
                .attr("style", style).attr("promoted", Boolean.TRUE);
        for (Item it : shown) {
            h.add(withSection(render.item(it, vs, Level.LISTING, false), it));
        }
        return h;
    }

    private Node collectionHub(CollectionInfo col, int count, ViewStats vs) {
        List<Item> items = PlexState.ordered(world, col);
        return hub("custom.collection." + col.sectionId() + "." + col.ratingKey() + "." + col.ratingKey(),
                "/library/collections/" + col.ratingKey() + "/children", col.title(), col.subtype(),
                "hub.custom.collection", "shelf", items, count, vs);
    }

    /** Home: continue watching, then per section its home-promoted hubs in managed order. */
    private Node homeHubs(Call c) {
        int count = c.q().intValue("count", 6);
        ViewStats vs = stats(c);
        Set<Integer> dirs = null;
        String cd = c.q().nonEmpty("contentDirectoryID");
        if (cd != null) {
            dirs = new LinkedHashSet<>();
            for (String s : cd.split(",")) {
                try {
                    dirs.add(Integer.parseInt(s.trim()));
                } catch (NumberFormatException e) {
                    // ignored
                }
            }
        }
        Set<String> only = null;
        String ids = c.q().nonEmpty("identifier");
        if (ids != null) {
            only = new LinkedHashSet<>(Arrays.asList(ids.split(",")));
        }
        List<Node> hubs = new ArrayList<>();
        Node cont = continueHub(c, null, count);
        if (!cont.children.isEmpty()) {
            hubs.add(cont);
        }
        for (Library l : world.libraries()) {
            if (!visible(c, l.sectionId()) || (dirs != null && !dirs.contains(l.sectionId()))) {
                continue;
            }
            for (HubInfo h : state.managedHubs(l.sectionId())) {
                boolean home = c.admin() ? h.promotedToOwnHome() : h.promotedToSharedHome();
                if (!home) {
                    continue;
                }
                if (!h.builtIn()) {
                    state.collection(h.collectionRatingKey())
                            .ifPresent(col -> hubs.add(collectionHub(col, count, vs)));
                } else if (h.identifier().endsWith("recentlyadded") || h.identifier().equals("music.recent.added")) {
                    int type = defaultType(l);
                    String name = switch (l.type()) {
                        case "movie" -> "movies";
                        case "show" -> "television";
                        default -> "music";
                    };
                    String title = "Recently Added " + switch (l.type()) {
                        case "movie" -> "Movies";
                        case "show" -> "TV";
                        default -> "Music";
                    };
                    hubs.add(hub("home." + name + ".recent", "/hubs/home/recentlyAdded?type=" + type, title,
                            l.type().equals("show") ? "season" : l.type().equals("movie") ? "movie" : "album",
                            "hub.home." + name + ".recent", "shelf", recentItems(c, l, type), count, vs));
                }
            }
        }
        Node n = Node.container();
        int size = 0;
        for (Node h : hubs) {
            if (only == null || only.contains(String.valueOf(h.attrs.get("hubIdentifier")))) {
                n.add(h);
                size++;
            }
        }
        n.attr("size", size).attr("allowSync", Boolean.TRUE).attr("identifier", "com.plexapp.plugins.library");
        moveFirst(n, "size");
        return n;
    }

    /** A section's Recommended tab: its managed hubs promoted to Recommended, in managed order. */
    private Node sectionHubs(Call c, Library l) {
        int count = c.q().intValue("count", 6);
        ViewStats vs = stats(c);
        Node n = Node.container().attr("librarySectionID", l.sectionId()).attr("librarySectionTitle", l.name())
                .attr("librarySectionUUID", l.uuid()).attr("identifier", "com.plexapp.plugins.library");
        int size = 0;
        MediaType main = PlexState.typeOf(defaultType(l));
        for (HubInfo h : state.managedHubs(l.sectionId())) {
            if (!h.promotedToRecommended()) {
                continue;
            }
            if (!h.builtIn()) {
                Optional<CollectionInfo> col = state.collection(h.collectionRatingKey());
                if (col.isPresent()) {
                    n.add(collectionHub(col.get(), count, vs));
                    size++;
                }
                continue;
            }
            List<Item> items = new ArrayList<>();
            String id = h.identifier();
            Comparator<Item> order = null;
            if (id.endsWith("recentlyadded") || id.equals("music.recent.added")) {
                items = recentItems(c, l, defaultType(l));
            } else if (id.endsWith("recentlyreleased") || id.endsWith("recentlyaired")) {
                order = Comparator.comparing((Item i) -> i.originallyAvailableAt() == null ? ""
                        : i.originallyAvailable()).reversed();
            } else if (id.endsWith("topunwatched") || id.endsWith("toprated")) {
                order = Comparator.comparingDouble(Item::rating).reversed();
            } else if (id.equals("music.recent.played")) {
                order = Comparator.comparingLong((Item i) -> vs.lastViewedAt[i.ordinal()]).reversed();
            } else {
                continue; // genre directories: no items to show here
            }
            if (order != null) {
                for (Item it : world.items()) {
                    if (it.sectionId() == l.sectionId() && it.type() == main
                            && !(id.endsWith("topunwatched") && watched(it, vs))) {
                        items.add(it);
                    }
                }
                items.sort(order.thenComparingInt(Item::ratingKey));
            }
            n.add(hub(id + "." + l.sectionId(), "/hubs/sections/" + l.sectionId() + "/" + id, h.title(),
                    main.wire(), "hub." + id, "shelf", items, count, vs));
            size++;
        }
        n.attrs.put("size", size);
        moveFirst(n, "size");
        return n;
    }

    // ---- /hubs/sections/{id}/manage (§3) ------------------------------------------------------------------------

    private SimResponse manage(Call c, String m, Library l, List<String> rest) {
        Query q = c.q();
        int sid = l.sectionId();
        if (rest.isEmpty()) {
            switch (m) {
                case "GET" -> {
                    List<HubInfo> list;
                    String item = q.nonEmpty("metadataItemId");
                    if (item != null) {
                        int rk;
                        try {
                            rk = Integer.parseInt(item.trim());
                        } catch (NumberFormatException e) {
                            rk = -1;
                        }
                        list = rk < 0 ? List.of() : state.managedHub(sid, rk).map(List::of).orElse(List.of());
                    } else {
                        list = state.managedHubs(sid);
                    }
                    Node n = Node.container().attr("size", list.size());
                    list.forEach(h -> n.add(Render.managedHub(h)));
                    return Wire.ok(n, c.json());
                }
                case "POST" -> {
                    state.addHub(sid, q.get("metadataItemId"), q.flag("promotedToRecommended"),
                            q.flag("promotedToOwnHome"), q.flag("promotedToSharedHome"));
                    return Wire.empty();
                }
                case "DELETE" -> {
                    state.resetHubs(sid);
                    return Wire.empty();
                }
                default -> throw PlexFailure.notFound("manage " + m);
            }
        }
        // the spec's form: PUT …/manage/move?identifier=&after=
        if (rest.size() == 1 && rest.get(0).equals("move") && m.equals("PUT") && q.has("identifier")) {
            state.moveHub(sid, q.get("identifier"), q.nonEmpty("after"));
            return Wire.empty();
        }
        String identifier = rest.get(0);
        if (rest.size() == 1) {
            switch (m) {
                case "PUT" -> {
                    state.promote(sid, identifier, q.flag("promotedToRecommended"), q.flag("promotedToOwnHome"),
                            q.flag("promotedToSharedHome"));
                    return Wire.empty();
                }
                case "DELETE" -> {
                    state.removeHub(sid, identifier);
                    return Wire.empty();
                }
                default -> throw PlexFailure.notFound("manage/" + identifier + " " + m);
            }
        }
        if (rest.size() == 2 && rest.get(1).equals("move") && m.equals("PUT")) {
            state.moveHub(sid, identifier, q.nonEmpty("after"));
            return Wire.empty();
        }
        throw PlexFailure.notFound("manage/" + String.join("/", rest));
    }

    // ---- /status/sessions ---------------------------------------------------------------------------------------

    private SimResponse status(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 2) {
            return get(m, () -> liveSessions(c), c);
        }
        if (n == 3 && p.get(2).equals("terminate") && (m.equals("GET") || m.equals("POST"))) {
            c.requireAdmin();
            String id = c.q().nonEmpty("sessionId");
            if (id == null) {
                throw PlexFailure.badRequest("sessionId is required");
            }
            LiveSession s = sessions.bySessionId(id).orElseThrow(() -> PlexFailure.notFound("no session " + id));
            String reason = c.q().get("reason");
            try {
                sessions.terminate(s.sessionKey(), reason == null ? "" : reason);
            } catch (NoSuchElementException e) {
                throw PlexFailure.notFound("session " + id + " ended meanwhile");
            }
            return Wire.empty();
        }
        if (n == 4 && p.get(2).equals("history") && p.get(3).equals("all")) {
            if (!m.equals("GET")) {
                throw PlexFailure.notFound("history " + m);
            }
            return history(c);
        }
        throw PlexFailure.notFound(String.join("/", p));
    }

    /** Every session (admin) or the asking user's own (a shared user). */
    private Node liveSessions(Call c) {
        List<LiveSession> list = sessions.list();
        Node n = Node.container();
        int size = 0;
        for (LiveSession s : list) {
            if (c.admin() || s.user().index() == c.user().index()) {
                n.add(render.session(s));
                size++;
            }
        }
        n.attr("size", size);
        return n;
    }

    /** History rows ordered by viewedAt (then id) ascending, packed as (stoppedRel << 32 | MAX - index). */
    private long[] historyOrder() {
        History h = world.history();
        int size = h.size();
        if (historyOrderSize == size) {
            return historyOrder;
        }
        synchronized (this) {
            if (historyOrderSize == size) {
                return historyOrder;
            }
            long base = h.baseEpoch();
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = ((h.stopped(i) - base) << 32) | (Integer.MAX_VALUE - i);
            }
            Arrays.sort(keys);
            historyOrder = keys;
            historyOrderSize = size;
            return keys;
        }
    }

    private SimResponse history(Call c) {
        Query q = c.q();
        History h = world.history();
        Integer account = null;
        String acc = q.nonEmpty("accountID");
        if (acc != null) {
            try {
                account = Integer.parseInt(acc.trim());
            } catch (NumberFormatException e) {
                account = Integer.MIN_VALUE;
            }
        }
        if (!c.admin() && (account == null || account != c.user().plexAccountId())) {
            throw PlexFailure.forbidden("a shared user sees only their own history");
        }
        Integer section = null;
        String sec = q.nonEmpty("librarySectionID");
        if (sec != null) {
            try {
                section = Integer.parseInt(sec.trim());
            } catch (NumberFormatException e) {
                section = Integer.MIN_VALUE;
            }
        }
        Integer meta = null;
        String mi = q.nonEmpty("metadataItemID");
        if (mi != null) {
            try {
                meta = Integer.parseInt(mi.trim());
            } catch (NumberFormatException e) {
                meta = Integer.MIN_VALUE;
            }
        }
        List<Query.Comparison> viewedAt = q.compare("viewedAt");
        String sort = q.nonEmpty("sort");
        boolean asc = sort != null && (sort.equals("viewedAt") || sort.equalsIgnoreCase("viewedAt:asc"));
        final Integer fAccount = account;
        final Integer fSection = section;
        final Integer fMeta = meta;
        final boolean visibleAll = c.admin();
        final User asker = c.user();
        java.util.function.IntPredicate keep = i -> {
            if (fAccount != null && h.user(i).plexAccountId() != fAccount) {
                return false;
            }
            Item it = h.item(i);
            if (fSection != null && it.sectionId() != fSection) {
                return false;
            }
            if (!visibleAll && !asker.sharedSections().contains(it.sectionId())) {
                return false;
            }
            if (fMeta != null && it.ratingKey() != fMeta && it.parentRatingKey() != fMeta
                    && it.grandparentRatingKey() != fMeta) {
                return false;
            }
            if (!viewedAt.isEmpty()) {
                long v = h.stopped(i);
                for (Query.Comparison cmp : viewedAt) {
                    if (!cmp.test(v)) {
                        return false;
                    }
                }
            }
            return true;
        };
        long[] order = historyOrder();
        boolean unfiltered = account == null && section == null && meta == null && viewedAt.isEmpty()
                && visibleAll;
        int[] rows;
        if (unfiltered) {
            rows = null;
        } else {
            int[] tmp = new int[order.length];
            int k = 0;
            for (int j = 0; j < order.length; j++) {
                int i = Integer.MAX_VALUE - (int) (order[asc ? j : order.length - 1 - j] & 0xffffffffL);
                if (keep.test(i)) {
                    tmp[k++] = i;
                }
            }
            rows = Arrays.copyOf(tmp, k);
        }
        int total = rows == null ? order.length : rows.length;
        int[] w = window(c, total);
        Node n = Node.container().attr("size", w[1] - w[0]).attr("totalSize", total).attr("offset", w[0]);
        final int[] fRows = rows;
        n.lazy = () -> new Iterator<>() {
            int j = w[0];

            @Override
            public boolean hasNext() {
                return j < w[1];
            }

            @Override
            public Node next() {
                int i = fRows != null ? fRows[j]
                        : Integer.MAX_VALUE - (int) (order[asc ? j : order.length - 1 - j] & 0xffffffffL);
                j++;
                return render.historyRow(h, i);
            }
        };
        n.lazyJsonKey = "Metadata";
        return pagingHeaders(Wire.ok(n, c.json()), w[0], total);
    }
}
