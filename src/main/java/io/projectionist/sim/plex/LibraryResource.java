package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.get;
import static io.projectionist.sim.plex.Resources.intSegment;
import static io.projectionist.sim.plex.Resources.notFound;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Paging.Listing;
import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.plex.Render.Level;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The library: {@code /library/sections} (the list, a section's listing with filters and paging, its tag and
 * collection field edits) and {@code /library/metadata} (multi-get, children, leaves).
 */
final class LibraryResource {

    private final PlexContext ctx;
    private final World world;
    private final PlexState state;
    private final Render render;
    private final DeckResource deck;

    LibraryResource(PlexContext ctx, DeckResource deck) {
        this.ctx = ctx;
        this.world = ctx.world;
        this.state = ctx.state;
        this.render = ctx.render;
        this.deck = deck;
    }

    /** GET /library: the three directories a real server lists there, each of which answers. */
    SimResponse root(Call c, String m, List<String> p) {
        return get(m, () -> Node.container().attr("size", 3).attr("allowSync", Boolean.FALSE)
                .attr("art", "/:/resources/library-art.png").attr("content", "")
                .attr("identifier", "com.plexapp.plugins.library")
                .attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION)
                .attr("title1", "Plex Library").attr("title2", "")
                .add(Node.of("Directory").attr("key", "sections").attr("title", "Library Sections"))
                .add(Node.of("Directory").attr("key", "recentlyAdded").attr("title", "Recently Added Content"))
                .add(Node.of("Directory").attr("key", "onDeck").attr("title", "On Deck Content")), c);
    }

    /** GET /library/all?title=&type=: the filtered search over every section the account sees. */
    SimResponse everySection(Call c, String m, List<String> p) {
        Query q = c.q();
        String tp = q.nonEmpty("type");
        ViewStats vs = ctx.stats(c);
        List<Item> items = new ArrayList<>();
        for (Library l : world.libraries()) {
            if (!c.sees(l.sectionId())) {
                continue;
            }
            int type = tp == null ? Filters.defaultType(l) : Filters.parseType(tp);
            items.addAll(search(l, q, PlexState.typeOf(type), vs));
        }
        boolean guids = "1".equals(q.get("includeGuids"));
        Listing listing = new Listing(items, o -> render.withSection(render.item((Item) o, vs, Level.LISTING,
                guids), (Item) o), "All", "mixed");
        return Paging.page(c, m, listing, null, render);
    }

    // ---- /library/sections --------------------------------------------------------------------------------------

    SimResponse sections(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 2) {
            return get(m, () -> sectionList(c), c);
        }
        if (n == 3 && p.get(2).equals("all") && m.equals("GET")) {
            return get(m, () -> sectionList(c), c);
        }
        Library l = ctx.section(c, p.get(2));
        if (n == 4) {
            switch (p.get(3)) {
                case "all" -> {
                    if (m.equals("PUT")) {
                        c.requireAdmin();
                        editSection(c, l);
                        return Wire.empty();
                    }
                    Listing all = listing(c, l, c.q().nonEmpty("type"));
                    if (c.q().flag("includeMeta") == Boolean.TRUE) {
                        String tp = c.q().nonEmpty("type");
                        all = all.withMeta(ctx.search.meta(l, false,
                                tp == null ? Filters.defaultType(l) : Filters.parseType(tp)));
                    }
                    return Paging.page(c, m, all, l, render);
                }
                case "collections" -> {
                    Listing cols = listing(c, l, "18");
                    if (c.q().flag("includeMeta") == Boolean.TRUE) {
                        cols = cols.withMeta(ctx.search.meta(l, true, 18));
                    }
                    return Paging.page(c, m, cols, l, render);
                }
                case "onDeck" -> {
                    return get(m, () -> deck.onDeck(c, l), c);
                }
                case "recentlyAdded" -> {
                    return get(m, () -> deck.recentlyAdded(c, l), c);
                }
                default -> {
                    // a filter's choice list (genre, year, resolution, …), as <Meta> advertises it
                    String tp = c.q().nonEmpty("type");
                    Node choices = ctx.search.choices(l, p.get(3),
                            tp == null ? Filters.defaultType(l) : Filters.parseType(tp));
                    if (choices != null) {
                        return get(m, () -> choices, c);
                    }
                }
            }
        }
        throw notFound(p);
    }

    private Node sectionList(Call c) {
        Node n = Node.container().attr("allowSync", Boolean.FALSE).attr("title1", "Plex Library");
        int count = 0;
        for (Library l : world.libraries()) {
            if (c.sees(l.sectionId())) {
                n.add(render.section(l));
                count++;
            }
        }
        n.attrs.put("size", count);
        Resources.moveFirst(n, "size");
        return n;
    }

    /** A section's items of one type (or its collections, type 18), filtered and sorted. */
    private Listing listing(Call c, Library l, String typeParam) {
        Query q = c.q();
        boolean guids = "1".equals(q.get("includeGuids"));
        int type = typeParam == null ? Filters.defaultType(l) : Filters.parseType(typeParam);
        if (type == 18) {
            List<CollectionInfo> cols = new ArrayList<>(state.collections(l.sectionId()));
            cols.removeIf(Filters.collections(c).negate());
            cols.sort(Filters.collectionOrder(q.nonEmpty("sort")));
            return new Listing(cols, o -> render.collection((CollectionInfo) o, false), "All " + l.name(),
                    "secondary");
        }
        MediaType t = PlexState.typeOf(type);
        ViewStats vs = ctx.stats(c);
        List<Item> items = search(l, q, t, vs);
        String viewGroup = t == null ? l.type() : t.wire();
        return new Listing(items, o -> render.item((Item) o, vs, Level.LISTING, guids),
                "All " + l.name(), viewGroup);
    }

    /** Items of type {@code t} in the section that pass the query's filters, in its sort order (no limit). */
    List<Item> search(Library l, Query q, MediaType t, ViewStats vs) {
        List<Item> items = new ArrayList<>();
        if (t != null && PlexState.allowedInSection(l, t)) {
            for (Item it : world.items()) {
                if (it.sectionId() == l.sectionId() && it.type() == t) {
                    items.add(it);
                }
            }
            items.removeIf(ctx.search.predicate(q, t, vs).negate());
        }
        items.sort(ctx.filters.itemOrder(q.nonEmpty("sort"), vs));
        return items;
    }

    /** PUT /library/sections/{sid}/all: field edits on collections (type=18) or the tag path on items. */
    private void editSection(Call c, Library l) {
        Query q = c.q();
        String typeParam = q.nonEmpty("type");
        int type = typeParam == null ? Filters.defaultType(l) : Filters.parseType(typeParam);
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

    SimResponse metadata(Call c, String m, List<String> p) {
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
            return get(m, () -> multiGet(c, p.get(2)), c);
        }
        if (n == 4 && (p.get(3).equals("children") || p.get(3).equals("allLeaves"))) {
            int rk = intSegment(p.get(2));
            boolean leaves = p.get(3).equals("allLeaves");
            if (state.collection(rk).isPresent() && !leaves) {
                return collectionChildren(c, m, rk);
            }
            Item parent = world.item(rk).filter(it -> c.sees(it.sectionId()))
                    .orElseThrow(() -> PlexFailure.notFound("no item " + rk));
            List<Item> kids = leaves ? (parent.media() == null ? render.leaves(parent) : List.of())
                    : world.children(rk);
            ViewStats vs = ctx.stats(c);
            Library l = render.library(parent);
            Listing listing = new Listing(kids, o -> render.item((Item) o, vs, Level.LISTING,
                    "1".equals(c.q().get("includeGuids"))), parent.title(),
                    kids.isEmpty() ? parent.type().wire() : kids.get(0).type().wire());
            return Paging.page(c, m, listing, l, render);
        }
        throw notFound(p);
    }

    /** Multi-get of items and collections: the found subset with 200; 404 when none exists. */
    Node multiGet(Call c, String ids) {
        ViewStats vs = ctx.stats(c);
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
            if (col.isPresent() && c.sees(col.get().sectionId())) {
                Node cn = render.collection(col.get(), true);
                if ("1".equals(c.q().get("includePreferences"))) {
                    cn.add(render.collectionPreferences(col.get()));
                }
                found.add(cn);
                sid = col.get().sectionId();
            } else {
                Optional<Item> it = world.item(rk).filter(x -> c.sees(x.sectionId()));
                if (it.isPresent()) {
                    Node item = render.item(it.get(), vs, Level.DETAIL, true);
                    if (Boolean.TRUE.equals(c.q().flag("includeMarkers"))) {
                        item.addAll(render.markers(it.get()));
                    }
                    found.add(item);
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

    /** A collection's items in its order, paged like any children listing. */
    SimResponse collectionChildren(Call c, String m, int rk) {
        CollectionInfo col = state.collection(rk).orElseThrow(() -> PlexFailure.notFound("no collection " + rk));
        ViewStats vs = ctx.stats(c);
        Library l = world.library(col.sectionId()).orElseThrow();
        List<Item> items = PlexState.ordered(world, col);
        Listing listing = new Listing(items, o -> render.item((Item) o, vs, Level.LISTING,
                "1".equals(c.q().get("includeGuids"))), col.title(), col.subtype());
        return Paging.page(c, m, listing, l, render);
    }
}
