package io.projectionist.sim.plex;

import io.projectionist.sim.world.History;
import io.projectionist.sim.world.World;
import java.util.Arrays;
import java.util.Map;

/**
 * One account's view state per item, from the world's play history, as Plex keeps it per user: {@code viewCount}
 * (plays that reached the watched threshold), {@code lastViewedAt}, and a {@code viewOffset} when the latest play of an
 * item stopped part-way (continue watching / on deck). Computed in one pass and cached until the history grows.
 */
final class ViewStats {

    private static final int MIN_PROGRESS_PERCENT = 5;

    final int[] viewCount;
    final long[] lastViewedAt;
    /** ms into the item where the latest play stopped, when it stopped part-way; 0 otherwise. */
    final long[] viewOffset;
    final int historySize;

    private ViewStats(int items, int historySize) {
        this.viewCount = new int[items];
        this.lastViewedAt = new long[items];
        this.viewOffset = new long[items];
        this.historySize = historySize;
    }

    /**
     * These stats with the account's played-state writes on top ({@code /:/scrobble}, {@code /:/unscrobble},
     * {@code /:/progress}): ordinal → {viewCount, lastViewedAt, viewOffset}.
     */
    ViewStats with(Map<Integer, long[]> writes) {
        if (writes.isEmpty()) {
            return this;
        }
        ViewStats s = new ViewStats(viewCount.length, historySize);
        System.arraycopy(viewCount, 0, s.viewCount, 0, viewCount.length);
        System.arraycopy(lastViewedAt, 0, s.lastViewedAt, 0, lastViewedAt.length);
        System.arraycopy(viewOffset, 0, s.viewOffset, 0, viewOffset.length);
        for (Map.Entry<Integer, long[]> e : writes.entrySet()) {
            int o = e.getKey();
            s.viewCount[o] = (int) e.getValue()[0];
            s.lastViewedAt[o] = e.getValue()[1];
            s.viewOffset[o] = e.getValue()[2];
        }
        return s;
    }

    static ViewStats compute(World world, int userIndex) {
        History h = world.history();
        int n = h.size();
        int items = world.items().size();
        ViewStats s = new ViewStats(items, n);
        long[] latestStop = new long[items];
        Arrays.fill(latestStop, Long.MIN_VALUE);
        for (int i = 0; i < n; i++) {
            if (h.userIndex(i) != userIndex) {
                continue;
            }
            int o = h.itemOrdinal(i);
            long stopped = h.stopped(i);
            int pct = h.percentComplete(i);
            if (pct >= History.WATCHED_PERCENT) {
                s.viewCount[o]++;
            }
            if (stopped > s.lastViewedAt[o]) {
                s.lastViewedAt[o] = stopped;
            }
            if (stopped >= latestStop[o]) {
                latestStop[o] = stopped;
                boolean partial = pct >= MIN_PROGRESS_PERCENT && pct < History.WATCHED_PERCENT;
                s.viewOffset[o] = partial ? world.items().get(o).durationMs() * pct / 100 : 0;
            }
        }
        return s;
    }
}
