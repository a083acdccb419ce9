package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.intSegment;
import static io.projectionist.sim.plex.Resources.notFound;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.world.Item;
import java.util.List;

/**
 * {@code /:/scrobble}, {@code /:/unscrobble}, {@code /:/progress} and {@code /:/rate} (plex-search.md §5): the asking
 * account's played state and the item's rating, which later reads show (viewCount, viewOffset, userRating, the
 * unwatched filter, on deck and continue watching). A show, season, artist or album applies to every leaf.
 */
final class PlayedResource {

    private final PlexContext ctx;

    PlayedResource(PlexContext ctx) {
        this.ctx = ctx;
    }

    SimResponse handle(Call c, String m, List<String> p) {
        if (p.size() != 2) {
            throw notFound(p);
        }
        String key = c.q().nonEmpty("key");
        if (key == null) {
            throw PlexFailure.badRequest("key is required");
        }
        Item it = ctx.world.item(intSegment(key)).filter(x -> c.sees(x.sectionId()))
                .orElseThrow(() -> PlexFailure.notFound("no item " + key));
        int account = c.user().index();
        long now = ctx.state.now();
        switch (p.get(1)) {
            case "scrobble" -> {
                ViewStats vs = ctx.stats(c);
                for (Item leaf : ctx.render.leaves(it)) {
                    ctx.state.setPlayed(account, leaf, vs.viewCount[leaf.ordinal()] + 1L, now, 0);
                }
            }
            case "unscrobble" -> {
                for (Item leaf : ctx.render.leaves(it)) {
                    ctx.state.setPlayed(account, leaf, 0, 0, 0);
                }
            }
            case "progress" -> {
                if (it.media() == null) {
                    throw PlexFailure.badRequest("progress is for playable items");
                }
                ViewStats vs = ctx.stats(c);
                long time = Math.max(0, c.q().intValue("time", 0));
                // a stopped position near the end counts as watched, as on a real server
                boolean done = time >= it.durationMs() * 9 / 10;
                ctx.state.setPlayed(account, it, vs.viewCount[it.ordinal()] + (done ? 1L : 0L), now,
                        done ? 0 : time);
            }
            case "rate" -> {
                String r = c.q().nonEmpty("rating");
                double rating;
                try {
                    rating = r == null ? -1 : Double.parseDouble(r.trim());
                } catch (NumberFormatException e) {
                    throw PlexFailure.badRequest("rating is not a number");
                }
                ctx.state.rate(it, rating);
            }
            default -> throw notFound(p);
        }
        return Wire.empty();
    }
}
