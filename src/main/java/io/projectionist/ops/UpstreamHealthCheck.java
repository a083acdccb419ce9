package io.projectionist.ops;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.function.Supplier;
import java.util.Locale;

/**
 * Readiness of one dependency (Tautulli, Plex): reachable and the key or token accepted, by a read-only probe
 * ({@link Upstreams}). A probe's answer is reused for {@code cacheMillis} so a busy prober does not hammer the
 * server. Readiness only: a dependency being down must not get the daemon restarted (liveness stays UP).
 */
public class UpstreamHealthCheck extends AbstractHealthCheck {

    private final Supplier<Upstreams.Probe> probe;
    private final long cacheMillis;
    private Upstreams.Probe last;
    private long lastAt;

    public UpstreamHealthCheck(String id, Supplier<Upstreams.Probe> probe, long cacheMillis) {
        super("projectionist", id);
        this.probe = probe;
        this.cacheMillis = cacheMillis;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    /** The latest probe, taken now unless a recent one is cached. */
    public synchronized Upstreams.Probe probe() {
        long now = System.currentTimeMillis();
        if (last == null || now - lastAt >= cacheMillis) {
            last = probe.get();
            lastAt = now;
        }
        return last;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Upstreams.Probe p = probe();
        builder.detail("target", p.target());
        builder.detail("status", p.status().name().toLowerCase(Locale.ROOT));
        builder.message(p.detail());
        if (p.ok()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
