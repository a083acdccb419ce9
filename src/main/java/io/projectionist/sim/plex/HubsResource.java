package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.get;
import static io.projectionist.sim.plex.Resources.notFound;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.plex.PlexState.HubInfo;
import io.projectionist.sim.plex.Render.Level;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /hubs}: the home screen, continue watching, and a section's Recommended tab, each in the order the managed
 * hubs give; {@code /hubs/sections/{id}/manage} is {@link ManagedHubsResource}.
 */
final class HubsResource {

    private final PlexContext ctx;
    private final PlexState state;
    private final DeckResource deck;
    private final ManagedHubsResource manage;

    HubsResource(PlexContext ctx, DeckResource deck, ManagedHubsResource manage) {
        this.ctx = ctx;
        this.state = ctx.state;
        this.deck = deck;
        this.manage = manage;
    }

    SimResponse handle(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 1) {
            return get(m, () -> homeHubs(c), c);
        }
        if (n == 2 && p.get(1).equals("search")) {
            return get(m, () -> search(c), c);
        }
        if (p.get(1).equals("continueWatching")) {
            if (n == 2) {
                return get(m, () -> container(continueHub(c, null, c.q().intValue("count", 20))), c);
            }
            if (n == 3 && p.get(2).equals("items")) {
                return get(m, () -> deck.continueItems(c, null), c);
            }
        }
        if (p.get(1).equals("home") && n == 3) {
            if (p.get(2).equals("continueWatching")) {
                return get(m, () -> deck.continueItems(c, null), c);
            }
            if (p.get(2).equals("recentlyAdded")) {
                return get(m, () -> deck.recentlyAdded(c, null), c);
            }
        }
        if (p.get(1).equals("sections") && n >= 3) {
            Library l;
            try {
                l = ctx.section(c, p.get(2));
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
                return get(m, () -> deck.continueItems(c, l), c);
            }
            if (p.get(3).equals("manage")) {
                c.requireAdmin();
                return manage.handle(c, m, l, p.subList(4, n));
            }
        }
        throw notFound(p);
    }

    /**
     * GET /hubs/search?query=&limit=&sectionId=: one hub per item type with the titles that contain the query
     * (any case, {@code limit} per hub, 3 by default), then a genre hub of matching genres (plex-search.md §4.1).
     */
    private Node search(Call c) {
        String query = c.q().get("query");
        if (query == null) {
            throw PlexFailure.badRequest("query is required");
        }
        String needle = query.toLowerCase(Locale.ROOT);
        int limit = c.q().intValue("limit", 3);
        String sid = c.q().nonEmpty("sectionId");
        Library only = sid == null ? null : ctx.section(c, sid);
        ViewStats vs = ctx.stats(c);
        List<Node> hubs = new ArrayList<>();
        for (MediaType t : List.of(MediaType.MOVIE, MediaType.SHOW, MediaType.EPISODE, MediaType.ARTIST,
                MediaType.ALBUM, MediaType.TRACK)) {
            List<Item> found = new ArrayList<>();
            for (Item it : ctx.world.itemsOfType(t)) {
                if (c.sees(it.sectionId()) && (only == null || it.sectionId() == only.sectionId())
                        && state.titleOf(it).toLowerCase(Locale.ROOT).contains(needle)) {
                    found.add(it);
                }
            }
            if (found.isEmpty()) {
                continue;
            }
            found.sort(Comparator.comparing((Item it) -> state.titleOf(it).toLowerCase(Locale.ROOT))
                    .thenComparingInt(Item::ratingKey));
            Node h = searchHub(t.wire(), t.wire(), found.size(), limit);
            for (Item it : found.subList(0, Math.min(limit, found.size()))) {
                h.add(ctx.render.withSection(ctx.render.item(it, vs, Level.LISTING, false), it)
                        .attr("score", score(state.titleOf(it), needle)));
            }
            hubs.add(h);
        }
        List<Node> genres = new ArrayList<>();
        for (Library l : ctx.world.libraries()) {
            if (!c.sees(l.sectionId()) || (only != null && only.sectionId() != l.sectionId())) {
                continue;
            }
            TreeMap<String, Integer> counts = new TreeMap<>();
            for (Item it : ctx.world.items()) {
                if (it.sectionId() == l.sectionId() && it.type().plexType() == Filters.defaultType(l)) {
                    for (String g : it.genres()) {
                        if (g.toLowerCase(Locale.ROOT).contains(needle)) {
                            counts.merge(g, 1, Integer::sum);
                        }
                    }
                }
            }
            for (var e : counts.entrySet()) {
                Integer id = ctx.render.tagId("genre", e.getKey());
                genres.add(Node.of("Directory").attr("id", id).attr("tag", e.getKey()).attr("tagType", 1)
                        .attr("type", "tag").attr("filter", "genre=" + id)
                        .attr("key", "/library/sections/" + l.sectionId() + "/all?genre=" + id)
                        .attr("librarySectionID", l.sectionId())
                        .attr("librarySectionKey", "/library/sections/" + l.sectionId())
                        .attr("librarySectionTitle", l.name()).attr("librarySectionType", Filters.defaultType(l))
                        .attr("count", e.getValue()).attr("reason", "section").attr("reasonID", l.sectionId())
                        .attr("reasonTitle", l.name()).attr("score", score(e.getKey(), needle)));
            }
        }
        if (!genres.isEmpty()) {
            Node h = searchHub("genre", "genre", genres.size(), limit);
            h.addAll(genres.subList(0, Math.min(limit, genres.size())));
            hubs.add(h);
        }
        return Node.container().attr("size", hubs.size()).addAll(hubs);
    }

    private static Node searchHub(String type, String identifier, int total, int limit) {
        String title = switch (type) {
            case "movie" -> "Movies";
            case "show" -> "Shows";
            case "episode" -> "Episodes";
            case "artist" -> "Artists";
            case "album" -> "Albums";
            case "track" -> "Tracks";
            default -> "Genres";
        };
        return Node.of("Hub").attr("title", title).attr("type", type).attr("hubIdentifier", identifier)
                .attr("context", "").attr("size", Math.min(total, limit)).attr("more", total > limit)
                .attr("style", "shelf");
    }

    /** A match score: the share of the title the query covers (deterministic, 0-1). */
    private static double score(String title, String needle) {
        return title.isEmpty() ? 0 : Math.round(1000.0 * needle.length() / title.length()) / 1000.0;
    }

    private static Node container(Node hub) {
        return Node.container().attr("size", 1).add(hub);
    }

    private Node continueHub(Call c, Library only, int count) {
        ViewStats vs = ctx.stats(c);
        List<Item> items = deck.inProgressAndNext(c, only);
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
            h.add(ctx.render.withSection(ctx.render.item(it, vs, Level.LISTING, false), it));
        }
        return h;
    }

    private Node collectionHub(CollectionInfo col, int count, ViewStats vs) {
        List<Item> items = PlexState.ordered(ctx.world, col);
        return hub("custom.collection." + col.sectionId() + "." + col.ratingKey() + "." + col.ratingKey(),
                "/library/collections/" + col.ratingKey() + "/children", col.title(), col.subtype(),
                "hub.custom.collection", "shelf", items, count, vs);
    }

    /** Home: continue watching, then per section its home-promoted hubs in managed order. */
    private Node homeHubs(Call c) {
        int count = c.q().intValue("count", 6);
        ViewStats vs = ctx.stats(c);
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
        for (Library l : ctx.world.libraries()) {
            if (!c.sees(l.sectionId()) || (dirs != null && !dirs.contains(l.sectionId()))) {
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
                    int type = Filters.defaultType(l);
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
                            "hub.home." + name + ".recent", "shelf", deck.recentItems(c, l, type), count, vs));
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
        Resources.moveFirst(n, "size");
        return n;
    }

    /** A section's Recommended tab: its managed hubs promoted to Recommended, in managed order. */
    private Node sectionHubs(Call c, Library l) {
        int count = c.q().intValue("count", 6);
        ViewStats vs = ctx.stats(c);
        Node n = Node.container().attr("librarySectionID", l.sectionId()).attr("librarySectionTitle", l.name())
                .attr("librarySectionUUID", l.uuid()).attr("identifier", "com.plexapp.plugins.library");
        int size = 0;
        MediaType main = PlexState.typeOf(Filters.defaultType(l));
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
                items = deck.recentItems(c, l, Filters.defaultType(l));
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
                for (Item it : ctx.world.items()) {
                    if (it.sectionId() == l.sectionId() && it.type() == main
                            && !(id.endsWith("topunwatched") && ctx.filters.watched(it, vs))) {
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
        Resources.moveFirst(n, "size");
        return n;
    }
}
