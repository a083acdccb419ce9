package io.projectionist.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's clock. {@link #fixed} only moves when a test calls {@link #advance}, so live-session progress is
 * exact without sleeping; {@link #ticking} follows real time from a start instant (demo), and can still be
 * advanced.
 */
public final class SimClock extends Clock {

    private final Instant origin;
    private final boolean ticking;
    private final long originNanos;
    private final AtomicLong offsetMillis = new AtomicLong();

    private SimClock(Instant origin, boolean ticking) {
        this.origin = origin;
        this.ticking = ticking;
        this.originNanos = System.nanoTime();
    }

    public static SimClock fixed(Instant start) {
        return new SimClock(start, false);
    }

    public static SimClock ticking(Instant start) {
        return new SimClock(start, true);
    }

    public boolean isTicking() {
        return ticking;
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        offsetMillis.addAndGet(d.toMillis());
    }

    @Override
    public Instant instant() {
        long millis = offsetMillis.get();
        if (ticking) {
            millis += (System.nanoTime() - originNanos) / 1_000_000;
        }
        return origin.plusMillis(millis);
    }

    public long epochSecond() {
        return instant().getEpochSecond();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // the simulator works in instants; zones are applied by the servers
        return this;
    }
}
