package io.projectionist.sim.plex;

import io.projectionist.sim.plex.Render.Level;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * On deck, recently added and continue watching: the per-account lists Plex serves under {@code /library} and
 * {@code /hubs} alike. The router and the library and hubs resources answer their paths with these bodies.
 */
final class DeckResource {

    private static final int RECENTLY_ADDED_LIMIT = 100;
    private static final int ON_DECK_LIMIT = 30;

    private final PlexContext ctx;

    DeckResource(PlexContext ctx) {
        this.ctx = ctx;
    }

    /** Items in progress, then the next episode of shows whose latest watched episode was finished; newest first. */
    List<Item> inProgressAndNext(Call c, Library only) {
        World world = ctx.world;
        ViewStats vs = ctx.stats(c);
        List<Item> out = new ArrayList<>();
        Set<Integer> shows = new LinkedHashSet<>();
        for (Item it : world.items()) {
            if (it.media() == null || !it.type().video() || (only != null && it.sectionId() != only.sectionId())
                    || !c.sees(it.sectionId())) {
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
            if ((only != null && it.sectionId() != only.sectionId()) || !c.sees(it.sectionId())
                    || vs.viewCount[it.ordinal()] == 0 || shows.contains(it.grandparentRatingKey())) {
                continue;
            }
            Item prev = latest.get(it.grandparentRatingKey());
            if (prev == null || vs.lastViewedAt[it.ordinal()] > vs.lastViewedAt[prev.ordinal()]) {
                latest.put(it.grandparentRatingKey(), it);
            }
        }
        for (Item last : latest.values()) {
            List<Item> eps = ctx.render.leaves(world.item(last.grandparentRatingKey()).orElseThrow());
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

    /** /library/onDeck and /library/sections/{id}/onDeck */
    Node onDeck(Call c, Library only) {
        ViewStats vs = ctx.stats(c);
        List<Item> items = inProgressAndNext(c, only);
        Node n = Node.container().attr("size", items.size()).attr("allowSync", Boolean.FALSE)
                .attr("identifier", "com.plexapp.plugins.library")
                .attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION)
                .attr("mixedParents", Boolean.TRUE).attr("title1", "On Deck");
        for (Item it : items) {
            n.add(ctx.render.withSection(ctx.render.item(it, vs, Level.LISTING, false), it));
        }
        return n;
    }

    /** /hubs/continueWatching/items and the section and home forms */
    Node continueItems(Call c, Library only) {
        ViewStats vs = ctx.stats(c);
        List<Item> items = inProgressAndNext(c, only);
        Node n = Node.container().attr("size", items.size()).attr("allowSync", Boolean.FALSE)
                .attr("identifier", "com.plexapp.plugins.library");
        for (Item it : items) {
            n.add(ctx.render.withSection(ctx.render.item(it, vs, Level.LISTING, false), it));
        }
        return n;
    }

    /** Movies, seasons and albums (grouped as Plex does), newest first; by type: 1, 2/3 seasons, 4, 8/9, 10. */
    List<Item> recentItems(Call c, Library only, int type) {
        Set<MediaType> kinds = switch (type) {
            case 1 -> Set.of(MediaType.MOVIE);
            case 2, 3 -> Set.of(MediaType.SEASON);
            case 4 -> Set.of(MediaType.EPISODE);
            case 8, 9 -> Set.of(MediaType.ALBUM);
            case 10 -> Set.of(MediaType.TRACK);
            default -> Set.of(MediaType.MOVIE, MediaType.SEASON, MediaType.ALBUM);
        };
        List<Item> out = new ArrayList<>();
        for (Item it : ctx.world.items()) {
            if (kinds.contains(it.type()) && (only == null || it.sectionId() == only.sectionId())
                    && c.sees(it.sectionId())) {
                out.add(it);
            }
        }
        out.sort(Comparator.comparingLong(Item::addedAt).reversed().thenComparingInt(Item::ratingKey));
        return out.size() > RECENTLY_ADDED_LIMIT ? out.subList(0, RECENTLY_ADDED_LIMIT) : out;
    }

    /** /library/recentlyAdded, /library/sections/{id}/recentlyAdded and /hubs/home/recentlyAdded (paged) */
    Node recentlyAdded(Call c, Library only) {
        Library l = only;
        String sid = c.q().nonEmpty("sectionID");
        if (l == null && sid != null) {
            l = ctx.section(c, sid);
        }
        int type = c.q().intValue("type", -1);
        List<Item> items = recentItems(c, l, type);
        ViewStats vs = ctx.stats(c);
        int[] w = Paging.window(c, items.size());
        Node n = Node.container().attr("size", w[1] - w[0]).attr("totalSize", items.size()).attr("offset", w[0])
                .attr("allowSync", Boolean.FALSE).attr("identifier", "com.plexapp.plugins.library")
                .attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION)
                .attr("mixedParents", Boolean.TRUE).attr("title1", "Recently Added");
        for (int i = w[0]; i < w[1]; i++) {
            n.add(ctx.render.withSection(ctx.render.item(items.get(i), vs, Level.LISTING, false), items.get(i)));
        }
        return n;
    }
}
