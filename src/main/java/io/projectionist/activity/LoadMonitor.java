package io.projectionist.activity;

import io.projectionist.tautulli.model.Activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Server events from snapshots and failed polls. Load: {@code load.high} when a metric rises above its
 * {@code high} threshold, {@code load.normal} only once it falls to {@code normal} or below (hysteresis, so a
 * value hovering at the threshold does not flap). Reachability: {@code tautulli.unreachable} after
 * {@code unreachableAfter} failed polls in a row, {@code tautulli.reachable} at the first good poll after that.
 * Pure Java; not persisted (after a restart a server already above a threshold is announced again).
 */
public final class LoadMonitor {

    public enum Metric {
        STREAMS, TRANSCODES, TOTAL_BANDWIDTH, WAN_BANDWIDTH;

        /** Name in payloads ({@code metric}) and settings ({@code projectionist.load.<setting>.high}). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String setting() {
            return wire().replace('_', '-');
        }

        long valueOf(Activity a) {
            Number n = switch (this) {
                case STREAMS -> a.streamCount();
                case TRANSCODES -> a.streamCountTranscode();
                case TOTAL_BANDWIDTH -> a.totalBandwidth();
                case WAN_BANDWIDTH -> a.wanBandwidth();
            };
            return n == null ? 0 : n.longValue();
        }
    }

    /** A watched metric: high when above {@code high}, normal again at or below {@code normal}. */
    public record Threshold(Metric metric, long high, long normal) {
        public Threshold {
            Objects.requireNonNull(metric);
            if (normal >= high) {
                throw new IllegalArgumentException(metric.setting() + ": normal (" + normal
                        + ") must be below high (" + high + ")");
            }
        }

        /** {@code normal} defaults to 80 % of {@code high}, rounded down. */
        public static Threshold of(Metric metric, long high) {
            return new Threshold(metric, high, (long) Math.floor(high * 0.8));
        }
    }

    private final List<Threshold> thresholds;
    private final int unreachableAfter;
    private final Map<Metric, Boolean> high = new EnumMap<>(Metric.class);
    private int failures;
    private boolean unreachable;

    public LoadMonitor(List<Threshold> thresholds, int unreachableAfter) {
        this.thresholds = List.copyOf(thresholds);
        if (unreachableAfter < 1) {
            throw new IllegalArgumentException("unreachableAfter must be >= 1");
        }
        this.unreachableAfter = unreachableAfter;
    }

    public synchronized List<ActivityEvent> onSnapshot(Activity a, Instant now) {
        List<ActivityEvent> out = new ArrayList<>();
        failures = 0;
        if (unreachable) {
            unreachable = false;
            out.add(new ActivityEvent(EventType.TAUTULLI_REACHABLE, "tautulli.reachable@" + now.toEpochMilli(), now,
                    null, Map.of()));
        }
        for (Threshold t : thresholds) {
            long v = t.metric().valueOf(a);
            boolean isHigh = high.getOrDefault(t.metric(), false);
            EventType fire = null;
            if (!isHigh && v > t.high()) {
                high.put(t.metric(), true);
                fire = EventType.LOAD_HIGH;
            } else if (isHigh && v <= t.normal()) {
                high.put(t.metric(), false);
                fire = EventType.LOAD_NORMAL;
            }
            if (fire != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("metric", t.metric().wire());
                d.put("value", v);
                d.put("threshold", t.high());
                d.put("normal_threshold", t.normal());
                out.add(new ActivityEvent(fire, fire.wire() + ":" + t.metric().wire() + "@" + now.toEpochMilli(),
                        now, null, d));
            }
        }
        return out;
    }

    public synchronized List<ActivityEvent> onPollFailure(String error, Instant now) {
        failures++;
        if (unreachable || failures < unreachableAfter) {
            return List.of();
        }
        unreachable = true;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("error", error);
        d.put("failed_polls", failures);
        return List.of(new ActivityEvent(EventType.TAUTULLI_UNREACHABLE, "tautulli.unreachable@" + now.toEpochMilli(),
                now, null, d));
    }

    public synchronized boolean isUnreachable() {
        return unreachable;
    }
}
