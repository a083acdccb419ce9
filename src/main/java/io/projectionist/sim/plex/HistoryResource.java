package io.projectionist.sim.plex;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.World;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * {@code /status/sessions/history/all}: the play history, filtered by account, section, item and viewedAt, paged, and
 * streamed row by row so a large world's history is never held as nodes.
 */
final class HistoryResource {

    private final World world;
    private final Render render;
    private volatile long[] historyOrder = new long[0];
    private volatile int historyOrderSize = -1;

    HistoryResource(PlexContext ctx) {
        this.world = ctx.world;
        this.render = ctx.render;
    }

    SimResponse handle(Call c, String m, List<String> p) {
        if (!m.equals("GET")) {
            throw PlexFailure.notFound("history " + m);
        }
        return history(c);
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
        IntPredicate keep = i -> {
            if (fAccount != null && h.user(i).plexAccountId() != fAccount) {
                return false;
            }
            Item it = h.item(i);
            if (fSection != null && it.sectionId() != fSection) {
                return false;
            }
            if (!c.sees(it.sectionId())) {
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
        int[] w = Paging.window(c, total);
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
        return Paging.headers(Wire.ok(n, c.json()), w[0], total);
    }
}
