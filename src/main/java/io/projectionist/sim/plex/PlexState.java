package io.projectionist.sim.plex;

import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.Rng;
import io.projectionist.sim.world.World;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What clients can change on the simulated Plex server: regular collections (created by POST or implicitly by the
 * tag path, filled, reordered, edited, deleted) and each section's managed hubs ("Manage Recommendations", plex-api.md
 * §3.8: an ordered list of built-in and collection hubs with three promotion flags). Thread-safe (one lock).
 * Collections get rating keys above every library item's, in creation order, so a run is deterministic.
 */
public final class PlexState {

    /** A collection as the simulator holds it (a snapshot; {@code items} in stored, i.e. custom, order). */
    public record CollectionInfo(int ratingKey, int sectionId, MediaType itemType, String title, String titleSort,
            String summary, String contentRating, List<Integer> items, int collectionMode, int collectionSort,
            int collectionFilterBasedOnUser, long addedAt, long updatedAt, String guid, int index,
            Set<String> lockedFields, List<String> labels) {

        public String subtype() {
            return itemType.wire();
        }
    }

    /**
     * One managed hub. {@code collectionRatingKey} is 0 for a built-in hub.
     */
    public record HubInfo(String identifier, String title, boolean builtIn, int collectionRatingKey,
            boolean promotedToRecommended, boolean promotedToOwnHome, boolean promotedToSharedHome) {

        public String recommendationsVisibility() {
            return promotedToRecommended ? "all" : "none";
        }

        public String homeVisibility() {
            if (promotedToOwnHome && promotedToSharedHome) {
                return "all";
            }
            if (promotedToSharedHome) {
                return "shared";
            }
            return promotedToOwnHome ? "admin" : "none";
        }
    }

    private static final class Coll {
        final int rk;
        final int sectionId;
        final MediaType itemType;
        final String guid;
        final int index;
        final long addedAt;
        String title;
        String titleSort;
        String summary = "";
        String contentRating;
        long updatedAt;
        int mode = -1;
        int sort;
        int filterBasedOnUser;
        final List<Integer> items = new ArrayList<>();
        final Set<String> locked = new LinkedHashSet<>();
        final List<String> labels = new ArrayList<>();

        Coll(int rk, int sectionId, MediaType itemType, String title, String guid, int index, long now) {
            this.rk = rk;
            this.sectionId = sectionId;
            this.itemType = itemType;
            this.title = title;
            this.titleSort = title;
            this.guid = guid;
            this.index = index;
            this.addedAt = now;
            this.updatedAt = now;
        }

        CollectionInfo snapshot() {
            return new CollectionInfo(rk, sectionId, itemType, title, titleSort, summary, contentRating,
                    List.copyOf(items), mode, sort, filterBasedOnUser, addedAt, updatedAt, guid, index,
                    Set.copyOf(locked), List.copyOf(labels));
        }
    }

    /** One entry of a playlist: its own id (stable across moves) and the item. */
    public record PlaylistEntry(int playlistItemID, int ratingKey) {
    }

    /**
     * A playlist (a snapshot). A smart one has no entries but a section and the search query it keeps live.
     * {@code owner} is the account index: playlists are per account.
     */
    public record PlaylistInfo(int ratingKey, int owner, String title, String summary, String playlistType,
            boolean smart, int smartSection, String smartQuery, String guid, long addedAt, long updatedAt,
            List<PlaylistEntry> entries) {
    }

    private static final class Playlist {
        final int rk;
        final int owner;
        final String playlistType;
        final boolean smart;
        final String guid;
        final long addedAt;
        String title;
        String summary = "";
        int smartSection;
        String smartQuery;
        long updatedAt;
        final List<PlaylistEntry> entries = new ArrayList<>();

        Playlist(int rk, int owner, String title, String playlistType, boolean smart, String guid, long now) {
            this.rk = rk;
            this.owner = owner;
            this.title = title;
            this.playlistType = playlistType;
            this.smart = smart;
            this.guid = guid;
            this.addedAt = now;
            this.updatedAt = now;
        }

        PlaylistInfo snapshot() {
            return new PlaylistInfo(rk, owner, title, summary, playlistType, smart, smartSection, smartQuery, guid,
                    addedAt, updatedAt, List.copyOf(entries));
        }
    }

    private static final class Hub {
        final String identifier;
        final String title;
        final boolean builtIn;
        final int collectionRk;
        boolean rec;
        boolean own;
        boolean shared;

        Hub(String identifier, String title, boolean builtIn, int collectionRk, boolean rec, boolean own,
                boolean shared) {
            this.identifier = identifier;
            this.title = title;
            this.builtIn = builtIn;
            this.collectionRk = collectionRk;
            this.rec = rec;
            this.own = own;
            this.shared = shared;
        }

        HubInfo snapshot(String currentTitle) {
            return new HubInfo(identifier, currentTitle != null ? currentTitle : title, builtIn, collectionRk, rec,
                    own, shared);
        }
    }

    private final World world;
    private final Clock clock;
    private final int firstCollectionKey;
    private final Map<Integer, Coll> collections = new LinkedHashMap<>();
    private final Map<Integer, List<Hub>> hubs = new HashMap<>();
    private final Map<Integer, Set<String>> itemLocks = new HashMap<>();
    /** Edited titles and labels of library items, by rating key (the world itself never changes). */
    private final Map<Integer, String> titles = new HashMap<>();
    private final Map<Integer, List<String>> labels = new HashMap<>();
    /** userRating and lastRatedAt by rating key ({@code /:/rate}; one rating per item, the owner's). */
    private final Map<Integer, double[]> ratings = new HashMap<>();
    private final Map<Integer, Playlist> playlists = new LinkedHashMap<>();
    /** Played state written by clients, per account index: ordinal → {viewCount, lastViewedAt, viewOffset}. */
    private final Map<Integer, Map<Integer, long[]>> played = new HashMap<>();
    private Rng guids;
    private int nextKey;
    private int nextPlaylistItem;
    private int nextIndex;

    PlexState(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
        int max = world.items().stream().mapToInt(Item::ratingKey).max().orElse(0);
        this.firstCollectionKey = (max / 10_000 + 1) * 10_000 + 1;
        reset();
    }

    /** Back to the start: no collections, every section's default hubs, no locks. */
    public synchronized void reset() {
        collections.clear();
        itemLocks.clear();
        titles.clear();
        labels.clear();
        ratings.clear();
        playlists.clear();
        played.clear();
        nextPlaylistItem = 1;
        hubs.clear();
        for (Library l : world.libraries()) {
            hubs.put(l.sectionId(), defaultHubs(l));
        }
        guids = Rng.of(world.seed(), "plex-collection-guids");
        nextKey = firstCollectionKey;
        nextIndex = 1;
    }

    World world() {
        return world;
    }

    /** Plex's built-in hubs of a section type, in default order, with their default promotion. */
    static List<Hub> defaultHubs(Library l) {
        List<Hub> out = new ArrayList<>();
        switch (l.type()) {
            case "movie" -> {
                out.add(new Hub("movie.recentlyadded", "Recently Added", true, 0, true, true, true));
                out.add(new Hub("movie.recentlyreleased", "Recently Released", true, 0, false, false, false));
                out.add(new Hub("movie.genre", "By Genre", true, 0, false, false, false));
                out.add(new Hub("movie.topunwatched", "Top Unwatched", true, 0, true, false, false));
            }
            case "show" -> {
                out.add(new Hub("tv.recentlyadded", "Recently Added", true, 0, true, true, true));
                out.add(new Hub("tv.recentlyaired", "Recently Aired", true, 0, true, false, false));
                out.add(new Hub("tv.genre", "By Genre", true, 0, false, false, false));
                out.add(new Hub("tv.toprated", "Top Rated", true, 0, true, false, false));
            }
            default -> {
                out.add(new Hub("music.recent.added", "Recently Added", true, 0, true, true, true));
                out.add(new Hub("music.recent.played", "Recently Played", true, 0, true, false, false));
                out.add(new Hub("music.genre", "By Genre", true, 0, false, false, false));
            }
        }
        return out;
    }

    // ---- collections: reads ----------------------------------------------------------------------------------

    public synchronized Optional<CollectionInfo> collection(int ratingKey) {
        Coll c = collections.get(ratingKey);
        return c == null ? Optional.empty() : Optional.of(c.snapshot());
    }

    /** The section's collections in creation order. */
    public synchronized List<CollectionInfo> collections(int sectionId) {
        return collections.values().stream().filter(c -> c.sectionId == sectionId).map(Coll::snapshot).toList();
    }

    public synchronized List<CollectionInfo> allCollections() {
        return collections.values().stream().map(Coll::snapshot).toList();
    }

    /** Titles of the collections {@code itemRk} belongs to (its {@code Collection} tags). */
    public synchronized List<String> collectionTitlesOf(int itemRk) {
        List<String> out = new ArrayList<>();
        for (Coll c : collections.values()) {
            if (c.items.contains(itemRk)) {
                out.add(c.title);
            }
        }
        return out;
    }

    /** The collections {@code itemRk} belongs to, in creation order. */
    public synchronized List<CollectionInfo> collectionsOf(int itemRk) {
        List<CollectionInfo> out = new ArrayList<>();
        for (Coll c : collections.values()) {
            if (c.items.contains(itemRk)) {
                out.add(c.snapshot());
            }
        }
        return out;
    }

    /** The item's title, as edited. */
    public synchronized String titleOf(Item it) {
        return titles.getOrDefault(it.ratingKey(), it.title());
    }

    /** The item's labels, as edited. */
    public synchronized List<String> labelsOf(Item it) {
        List<String> l = labels.get(it.ratingKey());
        return l == null ? it.labels() : List.copyOf(l);
    }

    /** The admin's rating of the item (the simulator keeps one rating per item), or null. */
    public synchronized Double userRatingOf(Item it) {
        double[] r = ratings.get(it.ratingKey());
        return r == null ? null : r[0];
    }

    synchronized Set<String> lockedFieldsOf(int itemRk) {
        return Set.copyOf(itemLocks.getOrDefault(itemRk, Set.of()));
    }

    boolean isCollectionKey(int rk) {
        return rk >= firstCollectionKey;
    }

    /** The item type a section's collections may hold: movie 1; show 2 (seasons, episodes too); artist 8, 9, 10. */
    static boolean allowedInSection(Library l, MediaType t) {
        return switch (l.type()) {
            case "movie" -> t == MediaType.MOVIE;
            case "show" -> t == MediaType.SHOW || t == MediaType.SEASON || t == MediaType.EPISODE;
            default -> t == MediaType.ARTIST || t == MediaType.ALBUM || t == MediaType.TRACK;
        };
    }

    static MediaType typeOf(int plexType) {
        for (MediaType t : MediaType.values()) {
            if (t.plexType() == plexType) {
                return t;
            }
        }
        return null;
    }

    // ---- collections: writes ---------------------------------------------------------------------------------

    /** POST /library/collections: a regular collection with the items of that type and section that exist. */
    synchronized CollectionInfo create(int sectionId, String title, int plexType, List<Integer> keys) {
        Library l = world.library(sectionId).orElseThrow(() -> PlexFailure.badRequest("unknown section"));
        if (plexType == 18) {
            throw PlexFailure.badRequest("type is the type of the items, not 18");
        }
        MediaType t = typeOf(plexType);
        if (t == null || !allowedInSection(l, t)) {
            throw PlexFailure.badRequest("type " + plexType + " does not belong in section " + sectionId);
        }
        if (title == null || title.isBlank()) {
            throw PlexFailure.badRequest("title is required");
        }
        Coll c = newCollection(sectionId, t, title);
        addItems(c, keys);
        return c.snapshot();
    }

    private Coll newCollection(int sectionId, MediaType t, String title) {
        String h = guids.hex(32);
        String guid = "collection://" + h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16)
                + "-" + h.substring(16, 20) + "-" + h.substring(20);
        Coll c = new Coll(nextKey++, sectionId, t, title, guid, nextIndex++, now());
        collections.put(c.rk, c);
        return c;
    }

    private void addItems(Coll c, List<Integer> keys) {
        for (int k : keys) {
            Optional<Item> it = world.item(k);
            if (it.isPresent() && it.get().sectionId() == c.sectionId && it.get().type() == c.itemType
                    && !c.items.contains(k)) {
                c.items.add(k);
            }
        }
        c.updatedAt = now();
    }

    private Coll require(int rk) {
        Coll c = collections.get(rk);
        if (c == null) {
            throw PlexFailure.notFound("no collection " + rk);
        }
        return c;
    }

    synchronized CollectionInfo addToCollection(int rk, List<Integer> keys) {
        Coll c = require(rk);
        addItems(c, keys);
        return c.snapshot();
    }

    synchronized void removeFromCollection(int rk, int itemRk) {
        Coll c = require(rk);
        if (!c.items.remove(Integer.valueOf(itemRk))) {
            throw PlexFailure.notFound("item " + itemRk + " is not in collection " + rk);
        }
        c.updatedAt = now();
    }

    /** Moves {@code itemRk} directly after {@code after}, or first when after is null. */
    synchronized void moveInCollection(int rk, int itemRk, Integer after) {
        Coll c = require(rk);
        if (!c.items.contains(itemRk)) {
            throw PlexFailure.notFound("item " + itemRk + " is not in collection " + rk);
        }
        if (after != null && (!c.items.contains(after) || after == itemRk)) {
            throw PlexFailure.badRequest("after " + after + " is not another item of collection " + rk);
        }
        c.items.remove(Integer.valueOf(itemRk));
        int at = after == null ? 0 : c.items.indexOf(after) + 1;
        c.items.add(at, itemRk);
        c.updatedAt = now();
    }

    synchronized void deleteCollection(int rk) {
        Coll c = require(rk);
        collections.remove(rk);
        // the collection's managed hub goes with it (undocumented on real servers; a dangling hub helps no one)
        hubs.get(c.sectionId).removeIf(h -> h.collectionRk == rk);
    }

    /** PUT /library/collections/{rk}/prefs: only the names and values Plex accepts. */
    synchronized void prefs(int rk, Query q) {
        Coll c = require(rk);
        if (q.has("collectionMode")) {
            c.mode = enumValue(q.get("collectionMode"), -1, 2, "collectionMode");
        }
        if (q.has("collectionSort")) {
            c.sort = enumValue(q.get("collectionSort"), 0, 2, "collectionSort");
        }
        if (q.has("collectionFilterBasedOnUser")) {
            c.filterBasedOnUser = enumValue(q.get("collectionFilterBasedOnUser"), 0, 1,
                    "collectionFilterBasedOnUser");
        }
        c.updatedAt = now();
    }

    private static int enumValue(String v, int lo, int hi, String name) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= lo && n <= hi) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // falls through
        }
        throw PlexFailure.badRequest(name + " must be " + lo + ".." + hi);
    }

    /**
     * The batch edit {@code PUT /library/sections/{sid}/all?type=18&id=…&title.value=…} on collections. Without
     * {@code id} it edits every collection of the section, as the real server does.
     */
    synchronized int editCollections(int sectionId, List<Integer> ids, Query q) {
        List<Coll> targets = new ArrayList<>();
        for (Coll c : collections.values()) {
            if (c.sectionId == sectionId && (ids == null || ids.contains(c.rk))) {
                targets.add(c);
            }
        }
        for (Coll c : targets) {
            for (String field : List.of("title", "titleSort", "summary", "contentRating")) {
                String v = q.get(field + ".value");
                if (v != null) {
                    switch (field) {
                        case "title" -> {
                            c.title = v;
                            if (!c.locked.contains("titleSort")) {
                                c.titleSort = v;
                            }
                        }
                        case "titleSort" -> c.titleSort = v;
                        case "summary" -> c.summary = v;
                        default -> c.contentRating = v.isEmpty() ? null : v;
                    }
                }
                Boolean lock = q.flag(field + ".locked");
                if (Boolean.TRUE.equals(lock)) {
                    c.locked.add(field);
                } else if (Boolean.FALSE.equals(lock)) {
                    c.locked.remove(field);
                }
            }
            for (String label : tagAdds(q, "label")) {
                if (!c.labels.contains(label)) {
                    c.labels.add(label);
                }
            }
            c.labels.removeAll(tagRemovals(q, "label"));
            c.updatedAt = now();
        }
        return targets.size();
    }

    /**
     * The tag path on items: {@code collection[i].tag.tag=Title} adds every target to the collection of that title
     * (created implicitly when the section has none), {@code collection[].tag.tag-=T1,T2} removes them,
     * {@code collection.locked=0|1} locks the field. Without {@code ids}, every item of the type in the section.
     */
    synchronized void tagItems(int sectionId, MediaType type, List<Integer> ids, Query q) {
        List<Integer> targets = new ArrayList<>();
        if (ids == null) {
            for (Item it : world.items()) {
                if (it.sectionId() == sectionId && it.type() == type) {
                    targets.add(it.ratingKey());
                }
            }
        } else {
            for (int k : ids) {
                world.item(k).filter(it -> it.sectionId() == sectionId && it.type() == type)
                        .ifPresent(it -> targets.add(it.ratingKey()));
            }
        }
        for (String title : tagAdds(q, "collection")) {
            Coll c = collections.values().stream()
                    .filter(x -> x.sectionId == sectionId && x.title.equals(title)).findFirst()
                    .orElseGet(() -> newCollection(sectionId, type, title));
            for (int k : targets) {
                if (!c.items.contains(k)) {
                    c.items.add(k);
                }
            }
            c.updatedAt = now();
        }
        List<String> removals = tagRemovals(q, "collection");
        for (Coll c : collections.values()) {
            if (c.sectionId == sectionId && removals.contains(c.title)) {
                c.items.removeAll(targets);
                c.updatedAt = now();
            }
        }
        // title edits (title.value) and label tags, with their locks
        String title = q.get("title.value");
        List<String> labelAdds = tagAdds(q, "label");
        List<String> labelRemovals = tagRemovals(q, "label");
        for (int k : targets) {
            Item it = world.item(k).orElseThrow();
            if (title != null && !title.isEmpty()) {
                titles.put(k, title);
            }
            if (!labelAdds.isEmpty() || !labelRemovals.isEmpty()) {
                List<String> now = new ArrayList<>(labels.getOrDefault(k, it.labels()));
                for (String l : labelAdds) {
                    if (!now.contains(l)) {
                        now.add(l);
                    }
                }
                now.removeAll(labelRemovals);
                labels.put(k, now);
            }
        }
        for (String field : List.of("collection", "title", "label")) {
            Boolean lock = q.flag(field + ".locked");
            if (lock != null) {
                for (int k : targets) {
                    Set<String> s = itemLocks.computeIfAbsent(k, x -> new LinkedHashSet<>());
                    if (lock) {
                        s.add(field);
                    } else {
                        s.remove(field);
                    }
                }
            }
        }
    }

    /** Values of {@code tag[0].tag.tag}, {@code tag[1].tag.tag}, … in index order, each decoded once more. */
    static List<String> tagAdds(Query q, String tag) {
        List<Map.Entry<Integer, String>> found = new ArrayList<>();
        String prefix = tag + "[";
        String suffix = "].tag.tag";
        for (Map.Entry<String, List<String>> e : q.asMap().entrySet()) {
            String k = e.getKey();
            if (k.startsWith(prefix) && k.endsWith(suffix) && k.length() > prefix.length() + suffix.length()) {
                String idx = k.substring(prefix.length(), k.length() - suffix.length());
                int i;
                try {
                    i = Integer.parseInt(idx);
                } catch (NumberFormatException ex) {
                    continue;
                }
                for (String v : e.getValue()) {
                    String t = Query.decode(v);
                    if (!t.isEmpty()) {
                        found.add(Map.entry(i, t));
                    }
                }
            }
        }
        found.sort(Map.Entry.comparingByKey());
        List<String> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : found) {
            if (!out.contains(e.getValue())) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Titles of {@code tag[].tag.tag-=T1,T2} (each comma-separated entry decoded once more). */
    static List<String> tagRemovals(Query q, String tag) {
        List<String> out = new ArrayList<>();
        for (String v : q.all(tag + "[].tag.tag-")) {
            for (String part : v.split(",")) {
                String t = Query.decode(part);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    // ---- played state and ratings ------------------------------------------------------------------------------

    synchronized Map<Integer, long[]> playedWrites(int account) {
        Map<Integer, long[]> m = played.get(account);
        return m == null ? Map.of() : Map.copyOf(m);
    }

    /** Sets an account's view state of one playable item (the values are absolute). */
    synchronized void setPlayed(int account, Item it, long viewCount, long lastViewedAt, long viewOffset) {
        played.computeIfAbsent(account, x -> new HashMap<>())
                .put(it.ordinal(), new long[] {viewCount, lastViewedAt, viewOffset});
    }

    /** PUT /:/rate: 0-10, or -1 to clear. */
    synchronized void rate(Item it, double rating) {
        if (rating == -1) {
            ratings.remove(it.ratingKey());
        } else if (rating < 0 || rating > 10) {
            throw PlexFailure.badRequest("rating must be 0..10 or -1");
        } else {
            ratings.put(it.ratingKey(), new double[] {rating, now()});
        }
    }

    /** When the item was rated, or null. */
    synchronized Long lastRatedAtOf(Item it) {
        double[] r = ratings.get(it.ratingKey());
        return r == null ? null : (long) r[1];
    }

    // ---- playlists ---------------------------------------------------------------------------------------------

    /** The list type of an item: video (movies, episodes), audio (tracks); null for anything else. */
    static String playlistTypeOf(MediaType t) {
        return switch (t) {
            case MOVIE, EPISODE -> "video";
            case TRACK -> "audio";
            default -> null;
        };
    }

    public synchronized List<PlaylistInfo> playlists(int owner) {
        return playlists.values().stream().filter(p -> p.owner == owner).map(Playlist::snapshot).toList();
    }

    public synchronized Optional<PlaylistInfo> playlist(int rk) {
        Playlist p = playlists.get(rk);
        return p == null ? Optional.empty() : Optional.of(p.snapshot());
    }

    /** POST /playlists, regular: the items that exist and are of the playlist's type, in the order given. */
    synchronized PlaylistInfo createPlaylist(int owner, String title, String type, List<Integer> keys) {
        Playlist p = newPlaylist(owner, title, type, false);
        addEntries(p, keys);
        return p.snapshot();
    }

    /** POST /playlists, smart: a section and its search query, evaluated on every read. */
    synchronized PlaylistInfo createSmartPlaylist(int owner, String title, String type, int section, String query) {
        Playlist p = newPlaylist(owner, title, type, true);
        p.smartSection = section;
        p.smartQuery = query;
        return p.snapshot();
    }

    private Playlist newPlaylist(int owner, String title, String type, boolean smart) {
        if (title == null || title.isBlank()) {
            throw PlexFailure.badRequest("title is required");
        }
        if (!List.of("video", "audio", "photo").contains(type)) {
            throw PlexFailure.badRequest("type must be video, audio or photo");
        }
        String h = guids.hex(32);
        String guid = "com.plexapp.agents.none://" + h.substring(0, 8) + "-" + h.substring(8, 12) + "-"
                + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
        Playlist p = new Playlist(nextKey++, owner, title, type, smart, guid, now());
        playlists.put(p.rk, p);
        return p;
    }

    private void addEntries(Playlist p, List<Integer> keys) {
        for (int k : keys) {
            Optional<Item> it = world.item(k);
            if (it.isPresent() && p.playlistType.equals(playlistTypeOf(it.get().type()))) {
                p.entries.add(new PlaylistEntry(nextPlaylistItem++, k));
            }
        }
        p.updatedAt = now();
    }

    private Playlist requirePlaylist(int rk, int owner) {
        Playlist p = playlists.get(rk);
        if (p == null || p.owner != owner) {
            throw PlexFailure.notFound("no playlist " + rk);
        }
        return p;
    }

    /** PUT /playlists/{id}/items?uri=: appends to a regular playlist, replaces a smart one's query. */
    synchronized PlaylistInfo addToPlaylist(int rk, int owner, List<Integer> keys, Integer section, String query) {
        Playlist p = requirePlaylist(rk, owner);
        if (p.smart != (section != null)) {
            throw PlexFailure.badRequest(p.smart ? "a smart playlist takes a section URI" : "not a smart playlist");
        }
        if (p.smart) {
            p.smartSection = section;
            p.smartQuery = query;
            p.updatedAt = now();
        } else {
            addEntries(p, keys);
        }
        return p.snapshot();
    }

    synchronized void removeFromPlaylist(int rk, int owner, int playlistItemID) {
        Playlist p = requirePlaylist(rk, owner);
        if (!p.entries.removeIf(e -> e.playlistItemID() == playlistItemID)) {
            throw PlexFailure.notFound("no entry " + playlistItemID + " in playlist " + rk);
        }
        p.updatedAt = now();
    }

    /** Moves an entry directly after entry {@code after}, or first when after is null. */
    synchronized void moveInPlaylist(int rk, int owner, int playlistItemID, Integer after) {
        Playlist p = requirePlaylist(rk, owner);
        PlaylistEntry e = p.entries.stream().filter(x -> x.playlistItemID() == playlistItemID).findFirst()
                .orElseThrow(() -> PlexFailure.notFound("no entry " + playlistItemID + " in playlist " + rk));
        PlaylistEntry a = null;
        if (after != null) {
            a = p.entries.stream().filter(x -> x.playlistItemID() == after && x != e).findFirst()
                    .orElseThrow(() -> PlexFailure.badRequest("after " + after + " is not another entry"));
        }
        p.entries.remove(e);
        p.entries.add(a == null ? 0 : p.entries.indexOf(a) + 1, e);
        p.updatedAt = now();
    }

    /** PUT /playlists/{id}: title and summary, plain or as {@code field.value}. */
    synchronized PlaylistInfo editPlaylist(int rk, int owner, Query q) {
        Playlist p = requirePlaylist(rk, owner);
        String title = q.get("title.value") != null ? q.get("title.value") : q.get("title");
        String summary = q.get("summary.value") != null ? q.get("summary.value") : q.get("summary");
        if (title != null && !title.isBlank()) {
            p.title = title;
        }
        if (summary != null) {
            p.summary = summary;
        }
        p.updatedAt = now();
        return p.snapshot();
    }

    synchronized void deletePlaylist(int rk, int owner) {
        requirePlaylist(rk, owner);
        playlists.remove(rk);
    }

    // ---- managed hubs ----------------------------------------------------------------------------------------

    private List<Hub> hubsOf(int sectionId) {
        List<Hub> list = hubs.get(sectionId);
        if (list == null) {
            throw PlexFailure.notFound("no section " + sectionId);
        }
        return list;
    }

    private String currentTitle(Hub h) {
        if (h.collectionRk != 0) {
            Coll c = collections.get(h.collectionRk);
            return c == null ? h.title : c.title;
        }
        return h.title;
    }

    /** The section's managed hubs in on-screen order. */
    public synchronized List<HubInfo> managedHubs(int sectionId) {
        return hubsOf(sectionId).stream().map(h -> h.snapshot(currentTitle(h))).toList();
    }

    /** The hub of collection {@code rk} in the section, if managed. */
    public synchronized Optional<HubInfo> managedHub(int sectionId, int rk) {
        return hubsOf(sectionId).stream().filter(h -> h.collectionRk == rk && rk != 0).findFirst()
                .map(h -> h.snapshot(currentTitle(h)));
    }

    /** POST …/manage?metadataItemId=: creates the collection's hub at the end, or updates its flags. */
    synchronized HubInfo addHub(int sectionId, String metadataItemId, Boolean rec, Boolean own, Boolean shared) {
        List<Hub> list = hubsOf(sectionId);
        if (metadataItemId == null || metadataItemId.isBlank()) {
            throw PlexFailure.badRequest("metadataItemId is required");
        }
        int rk;
        try {
            rk = Integer.parseInt(metadataItemId.trim());
        } catch (NumberFormatException e) {
            throw PlexFailure.notFound("no item " + metadataItemId);
        }
        Coll c = collections.get(rk);
        if (c == null) {
            if (world.item(rk).isPresent()) {
                throw PlexFailure.badRequest("item " + rk + " is not a collection");
            }
            throw PlexFailure.notFound("no item " + rk);
        }
        if (c.sectionId != sectionId) {
            throw PlexFailure.badRequest("collection " + rk + " is not in section " + sectionId);
        }
        Hub h = list.stream().filter(x -> x.collectionRk == rk).findFirst().orElse(null);
        if (h == null) {
            h = new Hub("custom.collection." + sectionId + "." + rk, c.title, false, rk, false, false, false);
            list.add(h);
        }
        setFlags(h, rec, own, shared);
        return h.snapshot(currentTitle(h));
    }

    private static void setFlags(Hub h, Boolean rec, Boolean own, Boolean shared) {
        if (rec != null) {
            h.rec = rec;
        }
        if (own != null) {
            h.own = own;
        }
        if (shared != null) {
            h.shared = shared;
        }
    }

    private Hub find(List<Hub> list, String identifier) {
        return list.stream().filter(h -> h.identifier.equals(identifier)).findFirst().orElse(null);
    }

    /** PUT …/manage/{identifier}: sets the flags given; all off keeps the hub. */
    synchronized HubInfo promote(int sectionId, String identifier, Boolean rec, Boolean own, Boolean shared) {
        Hub h = find(hubsOf(sectionId), identifier);
        if (h == null) {
            throw PlexFailure.notFound("hub " + identifier + " is not managed");
        }
        setFlags(h, rec, own, shared);
        return h.snapshot(currentTitle(h));
    }

    /** PUT …/manage/{identifier}/move[?after=]: no after → first. */
    synchronized void moveHub(int sectionId, String identifier, String after) {
        List<Hub> list = hubsOf(sectionId);
        Hub h = find(list, identifier);
        if (h == null) {
            throw PlexFailure.badRequest("hub " + identifier + " is not managed");
        }
        Hub a = null;
        if (after != null && !after.isEmpty()) {
            a = find(list, after);
            if (a == null || a == h) {
                throw PlexFailure.badRequest("after " + after + " is not another managed hub");
            }
        }
        list.remove(h);
        list.add(a == null ? 0 : list.indexOf(a) + 1, h);
    }

    /** DELETE …/manage/{identifier}: custom hubs only. */
    synchronized void removeHub(int sectionId, String identifier) {
        List<Hub> list = hubsOf(sectionId);
        Hub h = find(list, identifier);
        if (h == null) {
            throw PlexFailure.notFound("hub " + identifier + " is not managed");
        }
        if (h.builtIn) {
            throw PlexFailure.badRequest("built-in hub " + identifier + " cannot be removed");
        }
        list.remove(h);
    }

    /** DELETE …/manage: default order and flags, custom hubs removed. */
    synchronized void resetHubs(int sectionId) {
        hubsOf(sectionId);
        Library l = world.library(sectionId).orElseThrow();
        hubs.put(sectionId, defaultHubs(l));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    long now() {
        return clock.instant().getEpochSecond();
    }

    /** The collection's items in display order: release date, title, or the stored (custom) order. */
    static List<Item> ordered(World world, CollectionInfo c) {
        List<Item> items = new ArrayList<>();
        for (int k : c.items()) {
            world.item(k).ifPresent(items::add);
        }
        if (c.collectionSort() == 0) {
            items.sort(Comparator.comparing((Item i) -> i.originallyAvailableAt() == null
                    ? LocalDate.of(i.year() <= 0 ? 1 : i.year(), 1, 1) : i.originallyAvailableAt())
                    .thenComparing(Item::sortTitle));
        } else if (c.collectionSort() == 1) {
            items.sort(Comparator.comparing((Item i) -> i.sortTitle().toLowerCase(Locale.ROOT)));
        }
        return items;
    }
}
