package io.projectionist.sim.plex;

import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.World;
import java.util.HashMap;
import java.util.Map;

/**
 * What every resource reads: the world, its live sessions, the server's writable state, the renderer, the listing
 * filters, and each account's view state. One per server; a new resource takes it in its constructor.
 */
final class PlexContext {

    final World world;
    final LiveSessions sessions;
    final PlexState state;
    final Render render;
    final Filters filters;
    final Search search;
    private final Map<Integer, ViewStats> stats = new HashMap<>();

    PlexContext(World world, LiveSessions sessions, PlexState state) {
        this.world = world;
        this.sessions = sessions;
        this.state = state;
        this.render = new Render(world, state);
        this.filters = new Filters(state, render);
        this.search = new Search(world, state, render, filters);
    }

    /** The asking account's view state: the history's, recomputed when it has grown, plus played-state writes. */
    ViewStats stats(Call c) {
        int idx = c.user().index();
        ViewStats base;
        synchronized (stats) {
            base = stats.get(idx);
            if (base == null || base.historySize != world.history().size()) {
                base = ViewStats.compute(world, idx);
                stats.put(idx, base);
            }
        }
        return base.with(state.playedWrites(idx));
    }

    /** The section with id {@code id} if the asking account sees it; a 404 otherwise. */
    Library section(Call c, String id) {
        int sid;
        try {
            sid = Integer.parseInt(id.trim());
        } catch (NumberFormatException e) {
            throw PlexFailure.notFound("no section " + id);
        }
        Library l = world.library(sid).orElseThrow(() -> PlexFailure.notFound("no section " + id));
        if (!c.sees(sid)) {
            throw PlexFailure.notFound("section " + id + " is not shared");
        }
        return l;
    }
}
