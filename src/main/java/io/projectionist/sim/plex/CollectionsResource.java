package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.get;
import static io.projectionist.sim.plex.Resources.intSegment;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.plex.Wire.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /library/collections}: create, read, delete, add/remove/move items, prefs. Listing a section's collections
 * and the field edits are part of the section listing ({@link LibraryResource}).
 */
final class CollectionsResource {

    private final PlexContext ctx;
    private final PlexState state;
    private final LibraryResource library;

    CollectionsResource(PlexContext ctx, LibraryResource library) {
        this.ctx = ctx;
        this.state = ctx.state;
        this.library = library;
    }

    SimResponse handle(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 2) {
            if (m.equals("POST")) {
                c.requireAdmin();
                return create(c);
            }
            throw PlexFailure.notFound("collections");
        }
        int rk = intSegment(p.get(2));
        CollectionInfo col = state.collection(rk).filter(x -> c.sees(x.sectionId()))
                .orElseThrow(() -> PlexFailure.notFound("no collection " + rk));
        if (n == 3) {
            if (m.equals("DELETE")) {
                c.requireAdmin();
                state.deleteCollection(rk);
                return Wire.empty();
            }
            return get(m, () -> library.multiGet(c, String.valueOf(rk)), c);
        }
        String what = p.get(3);
        if (n == 4 && what.equals("children")) {
            return library.collectionChildren(c, m, rk);
        }
        if (n == 4 && what.equals("items")) {
            if (m.equals("PUT")) {
                c.requireAdmin();
                List<Integer> keys = uriKeys(ctx, c.q().get("uri"));
                CollectionInfo updated = state.addToCollection(rk, keys);
                return Wire.ok(Node.container().attr("size", 1).add(ctx.render.collection(updated, false)),
                        c.json());
            }
            return library.collectionChildren(c, m, rk);
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

    /** POST /library/collections?type=&title=&smart=0&sectionId=&uri= */
    private SimResponse create(Call c) {
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
        List<Integer> keys = q.has("uri") ? uriKeys(ctx, q.get("uri")) : List.of();
        CollectionInfo created = state.create(sectionId, q.get("title"), type, keys);
        Node n = Node.container().attr("size", 1).attr("allowSync", Boolean.TRUE)
                .attr("identifier", "com.plexapp.plugins.library")
                .attr("librarySectionID", created.sectionId())
                .attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION)
                .add(ctx.render.collection(created, true));
        return Wire.ok(n, c.json());
    }

    /**
     * Rating keys of {@code server://{machineIdentifier}/com.plexapp.plugins.library/library/metadata/k1,k2}. Another
     * server's URI or a smart (section) URI is a 400.
     */
    static List<Integer> uriKeys(PlexContext ctx, String uri) {
        if (uri == null) {
            throw PlexFailure.badRequest("uri is required");
        }
        String prefix = "server://" + ctx.world.server().machineIdentifier() + "/com.plexapp.plugins.library";
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
}
