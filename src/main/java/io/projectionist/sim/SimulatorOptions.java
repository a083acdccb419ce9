package io.projectionist.sim;

import io.projectionist.sim.world.Rng;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Everything that shapes a simulated world and its servers. The world itself is a pure function of
 * (seed, plays, historyDays, anchor, zone); the rest only says where and how it is served.
 *
 * @param seed          world seed
 * @param plays         number of generated history rows (0..)
 * @param historyDays   the history spreads over this many days before {@code anchor}
 * @param anchor        "now" of the generated world: every generated play has stopped by then
 * @param zone          the Tautulli server's local time zone (date filters, daily/hourly buckets)
 * @param bindHost      address the HTTP servers bind to
 * @param tautulliPort  0 = a random free port
 * @param tautulliApiKey the key clients must send
 * @param autoSessions  drive live sessions from a background script (demo)
 * @param plexPort      port of the Plex server (0 = a random free port); plex.tv gets a random port
 */
public record SimulatorOptions(long seed, int plays, int historyDays, Instant anchor, ZoneId zone,
        String bindHost, int tautulliPort, String tautulliApiKey, boolean autoSessions, int plexPort) {

    public SimulatorOptions {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(tautulliApiKey, "tautulliApiKey");
        if (plays < 0) {
            throw new IllegalArgumentException("plays must be >= 0: " + plays);
        }
        if (historyDays < 1) {
            throw new IllegalArgumentException("historyDays must be >= 1: " + historyDays);
        }
        if (plexPort < 0 || plexPort > 65535) {
            throw new IllegalArgumentException("plexPort out of range: " + plexPort);
        }
        if (tautulliPort < 0 || tautulliPort > 65535) {
            throw new IllegalArgumentException("tautulliPort out of range: " + tautulliPort);
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(42, 5000, 90, Instant.now().truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC,
                "127.0.0.1", 0, apiKeyFor(42), false, 0);
    }

    /** 32 lowercase hex chars derived from the seed, so a demo's key is stable across runs. */
    public static String apiKeyFor(long seed) {
        long a = Rng.mix(seed ^ 0x7A757475L);
        long b = Rng.mix(a ^ 0x6C6C6921L);
        return String.format("%016x%016x", a, b);
    }

    /** Changes the seed; the API key follows it only if it was still the default key of the old seed. */
    public SimulatorOptions withSeed(long seed) {
        String key = tautulliApiKey.equals(apiKeyFor(this.seed)) ? apiKeyFor(seed) : tautulliApiKey;
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, key, autoSessions, plexPort);
    }

    public SimulatorOptions withPlays(int plays) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }

    public SimulatorOptions withHistoryDays(int historyDays) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }

    public SimulatorOptions withAnchor(Instant anchor) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }

    public SimulatorOptions withZone(ZoneId zone) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }

    public SimulatorOptions withBindHost(String bindHost) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }

    public SimulatorOptions withTautulliPort(int tautulliPort) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }

    public SimulatorOptions withTautulliApiKey(String tautulliApiKey) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }

    public SimulatorOptions withPlexPort(int plexPort) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }

    public SimulatorOptions withAutoSessions(boolean autoSessions) {
        return new SimulatorOptions(seed, plays, historyDays, anchor, zone, bindHost, tautulliPort, tautulliApiKey,
                autoSessions, plexPort);
    }
}
