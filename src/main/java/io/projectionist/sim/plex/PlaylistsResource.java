package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.get;
import static io.projectionist.sim.plex.Resources.intSegment;
import static io.projectionist.sim.plex.Resources.notFound;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Paging.Listing;
import io.projectionist.sim.plex.PlexState.PlaylistEntry;
import io.projectionist.sim.plex.PlexState.PlaylistInfo;
import io.projectionist.sim.plex.Render.Level;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /playlists} (plex-search.md §7): list, create (regular from {@code server://…/library/metadata/…}, smart from
 * {@code server://…/library/sections/{id}/all?…}), read, items (with {@code playlistItemID}), add, remove, move,
 * edit, delete. Each account has its own playlists; a smart playlist's items are its search, run on every read.
 */
final class PlaylistsResource {

    private final PlexContext ctx;
    private final PlexState state;
    private final LibraryResource library;

    PlaylistsResource(PlexContext ctx, LibraryResource library) {
        this.ctx = ctx;
        this.state = ctx.state;
        this.library = library;
    }

    SimResponse handle(Call c, String m, List<String> p) {
        int n = p.size();
        int owner = c.user().index();
        if (n == 1) {
            if (m.equals("POST")) {
                return create(c, owner);
            }
            return get(m, () -> list(c, owner), c);
        }
        int rk = intSegment(p.get(1));
        PlaylistInfo pl = state.playlist(rk).filter(x -> x.owner() == owner)
                .orElseThrow(() -> PlexFailure.notFound("no playlist " + rk));
        if (n == 2) {
            switch (m) {
                case "PUT" -> {
                    state.editPlaylist(rk, owner, c.q());
                    return Wire.empty();
                }
                case "DELETE" -> {
                    state.deletePlaylist(rk, owner);
                    return Wire.empty();
                }
                default -> {
                    return get(m, () -> Node.container().attr("size", 1).add(node(c, pl)), c);
                }
            }
        }
        if (!p.get(2).equals("items")) {
            throw notFound(p);
        }
        if (n == 3) {
            if (m.equals("PUT")) {
                Target t = target(c.q().get("uri"));
                PlaylistInfo updated = state.addToPlaylist(rk, owner, t.keys, t.section, t.query);
                return Wire.ok(Node.container().attr("size", 1).add(node(c, updated)), c.json());
            }
            return items(c, m, pl);
        }
        int entry = intSegment(p.get(3));
        if (pl.smart()) {
            throw PlexFailure.badRequest("a smart playlist's items cannot be changed one by one");
        }
        if (n == 4 && m.equals("DELETE")) {
            state.removeFromPlaylist(rk, owner, entry);
            return Wire.empty();
        }
        if (n == 5 && p.get(4).equals("move") && m.equals("PUT")) {
            String after = c.q().nonEmpty("after");
            state.moveInPlaylist(rk, owner, entry, after == null ? null : intSegment(after));
            return Wire.empty();
        }
        throw notFound(p);
    }

    /** GET /playlists[?playlistType=&sectionID=&title=&smart=] */
    private Node list(Call c, int owner) {
        Query q = c.q();
        String type = q.nonEmpty("playlistType");
        String title = q.nonEmpty("title");
        Boolean smart = q.flag("smart");
        Integer section = q.nonEmpty("sectionID") == null ? null : q.intValue("sectionID", -1);
        List<Node> out = new ArrayList<>();
        for (PlaylistInfo pl : state.playlists(owner)) {
            if ((type == null || type.equals(pl.playlistType()))
                    && (title == null || pl.title().toLowerCase(Locale.ROOT).contains(title.toLowerCase(Locale.ROOT)))
                    && (smart == null || smart == pl.smart())
                    && (section == null || sections(c, pl).contains(section))) {
                out.add(node(c, pl));
            }
        }
        return Node.container().attr("size", out.size()).addAll(out);
    }

    /** The sections a playlist draws from (for {@code sectionID=}). */
    private List<Integer> sections(Call c, PlaylistInfo pl) {
        if (pl.smart()) {
            return List.of(pl.smartSection());
        }
        return items(c, pl).stream().map(Item::sectionId).distinct().toList();
    }

    /** POST /playlists?type=&title=&smart=&uri= */
    private SimResponse create(Call c, int owner) {
        Query q = c.q();
        Target t = target(q.get("uri"));
        boolean smart = Boolean.TRUE.equals(q.flag("smart"));
        if (smart != (t.section != null)) {
            throw PlexFailure.badRequest(smart ? "a smart playlist needs a section URI" : "uri lists no items");
        }
        PlaylistInfo pl = smart
                ? state.createSmartPlaylist(owner, q.get("title"), q.get("type"), t.section, t.query)
                : state.createPlaylist(owner, q.get("title"), q.get("type"), t.keys);
        return Wire.ok(Node.container().attr("size", 1).add(node(c, pl)), c.json());
    }

    /** What a {@code uri=} names: items by rating key, or a section and its search query. */
    private record Target(List<Integer> keys, Integer section, String query) {
    }

    private Target target(String uri) {
        String prefix = "server://" + ctx.world.server().machineIdentifier() + "/com.plexapp.plugins.library";
        if (uri != null && uri.startsWith(prefix + "/library/sections/")) {
            String rest = uri.substring((prefix + "/library/sections/").length());
            int q = rest.indexOf('?');
            String path = q < 0 ? rest : rest.substring(0, q);
            String[] parts = path.split("/");
            if (parts.length != 2 || !parts[1].equals("all")) {
                throw PlexFailure.badRequest("not a section search: " + uri);
            }
            Library l = ctx.world.library(intSegment(parts[0]))
                    .orElseThrow(() -> PlexFailure.badRequest("no section " + parts[0]));
            return new Target(List.of(), l.sectionId(), q < 0 ? "" : rest.substring(q + 1));
        }
        return new Target(CollectionsResource.uriKeys(ctx, uri), null, null);
    }

    /** The playlist's items in order; a smart one's search result, honouring its sort and limit. */
    private List<Item> items(Call c, PlaylistInfo pl) {
        List<Item> out = new ArrayList<>();
        if (pl.smart()) {
            Library l = ctx.world.library(pl.smartSection()).orElseThrow();
            Query q = Query.parse(pl.smartQuery());
            String type = q.nonEmpty("type");
            int t = type == null ? l.playedType().plexType() : Filters.parseType(type);
            out.addAll(library.search(l, q, PlexState.typeOf(t), ctx.stats(c)));
            int limit = q.intValue("limit", -1);
            if (limit >= 0 && out.size() > limit) {
                return out.subList(0, limit);
            }
            return out;
        }
        for (PlaylistEntry e : pl.entries()) {
            ctx.world.item(e.ratingKey()).filter(it -> c.sees(it.sectionId())).ifPresent(out::add);
        }
        return out;
    }

    private SimResponse items(Call c, String m, PlaylistInfo pl) {
        ViewStats vs = ctx.stats(c);
        List<Object> rows = new ArrayList<>();
        if (pl.smart()) {
            int i = 0;
            for (Item it : items(c, pl)) {
                // smart entries have no stored id: their position stands in, stable for one result
                rows.add(new PlaylistEntry(++i, it.ratingKey()));
            }
        } else {
            for (PlaylistEntry e : pl.entries()) {
                if (ctx.world.item(e.ratingKey()).filter(it -> c.sees(it.sectionId())).isPresent()) {
                    rows.add(e);
                }
            }
        }
        Listing listing = new Listing(rows, o -> {
            PlaylistEntry e = (PlaylistEntry) o;
            Item it = ctx.world.item(e.ratingKey()).orElseThrow();
            Node n = ctx.render.withSection(ctx.render.item(it, vs, Level.LISTING,
                    "1".equals(c.q().get("includeGuids"))), it);
            return n.attr("playlistItemID", e.playlistItemID());
        }, pl.title(), pl.playlistType());
        return Paging.page(c, m, listing, null, ctx.render);
    }

    /** The {@code <Playlist>} element (§7.2). */
    private Node node(Call c, PlaylistInfo pl) {
        List<Item> items = items(c, pl);
        long duration = items.stream().mapToLong(Item::durationMs).sum();
        Node n = Node.metadata("Playlist").attr("ratingKey", String.valueOf(pl.ratingKey()))
                .attr("key", "/playlists/" + pl.ratingKey() + "/items").attr("guid", pl.guid())
                .attr("type", "playlist").attr("title", pl.title()).attr("titleSort", pl.title())
                .attr("summary", pl.summary()).attr("smart", pl.smart()).attr("playlistType", pl.playlistType())
                .attr("composite", "/playlists/" + pl.ratingKey() + "/composite/" + pl.updatedAt());
        if (pl.smart()) {
            Library l = ctx.world.library(pl.smartSection()).orElseThrow();
            String path = "/library/sections/" + l.sectionId() + "/all?" + pl.smartQuery();
            n.attr("icon", "playlist://image.smart")
                    .attr("content", "library://x/directory/" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                            .replace("+", "%20"))
                    .attr("librarySectionID", l.sectionId()).attr("librarySectionKey",
                            "/library/sections/" + l.sectionId()).attr("librarySectionTitle", l.name());
        }
        return n.attr("duration", duration).attr("durationInSeconds", duration / 1000)
                .attr("leafCount", items.size()).attr("allowSync", Boolean.TRUE).attr("radio", Boolean.FALSE)
                .attr("addedAt", pl.addedAt()).attr("updatedAt", pl.updatedAt());
    }
}
