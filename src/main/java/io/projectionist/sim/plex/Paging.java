package io.projectionist.sim.plex;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.Library;
import java.util.List;
import java.util.function.Function;

/** Paging (§1.3): start and size from the query or the request headers, limit=, and the paging response headers. */
final class Paging {

    /**
     * A listing before paging: the rows, a row renderer, the container's title2/viewGroup, and an optional
     * {@code <Meta>} written before the rows ({@code includeMeta=1}).
     */
    record Listing(List<?> rows, Function<Object, Node> node, String title2, String viewGroup, Node meta) {

        Listing(List<?> rows, Function<Object, Node> node, String title2, String viewGroup) {
            this(rows, node, title2, viewGroup, null);
        }

        Listing withMeta(Node m) {
            return new Listing(rows, node, title2, viewGroup, m);
        }
    }

    private Paging() {
    }

    /** One page of a listing of section {@code l}, with size/totalSize/offset and the paging headers. */
    static SimResponse page(Call c, String m, Listing listing, Library l, Render render) {
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
        if (listing.meta() != null) {
            n.add(listing.meta());
        }
        for (int i = window[0]; i < window[1]; i++) {
            n.add(listing.node().apply(rows.get(i)));
        }
        return headers(Wire.ok(n, c.json()), window[0], total);
    }

    /** [from, to) of a page over {@code total} rows. */
    static int[] window(Call c, int total) {
        Integer start = value(c, "X-Plex-Container-Start");
        Integer size = value(c, "X-Plex-Container-Size");
        int from = Math.min(start == null ? 0 : start, total);
        int to = size == null ? total : (int) Math.min((long) from + size, total);
        return new int[] {from, to};
    }

    static SimResponse headers(SimResponse r, int start, int total) {
        return r.withHeader("X-Plex-Container-Start", String.valueOf(start))
                .withHeader("X-Plex-Container-Total-Size", String.valueOf(total));
    }

    /** A paging value from the query or else the request header; a blank or non-number is absent. */
    private static Integer value(Call c, String name) {
        String v = c.q().nonEmpty(name);
        if (v == null) {
            v = c.headers().getFirst(name);
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
