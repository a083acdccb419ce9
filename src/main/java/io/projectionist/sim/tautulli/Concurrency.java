package io.projectionist.sim.tautulli;

import java.util.Arrays;

/** Tautulli's calc_most_concurrent: a sweep over start/stop events, stops first within a second. */
final class Concurrency {

    /** count, started, stopped (epoch seconds; started/stopped -1 when there was nothing). */
    record Peak(int count, long started, long stopped) {
    }

    private Concurrency() {
    }

    static Peak peak(long[] starts, long[] stops, int n) {
        long[] events = new long[2 * n];
        for (int i = 0; i < n; i++) {
            events[2 * i] = starts[i] * 2 + 1;
            events[2 * i + 1] = stops[i] * 2;
        }
        Arrays.sort(events);
        int count = 0;
        int lastCount = 0;
        long lastStart = -1;
        Peak best = new Peak(0, -1, -1);
        for (long e : events) {
            long t = e >> 1;
            if ((e & 1) == 1) {
                count++;
                if (count >= lastCount) {
                    lastStart = t;
                }
            } else {
                if (count >= lastCount) {
                    lastCount = count;
                    best = new Peak(count, lastStart, t);
                }
                count--;
            }
        }
        return best;
    }
}
