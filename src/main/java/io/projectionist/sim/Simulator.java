package io.projectionist.sim;

import io.projectionist.sim.faults.Faults;
import io.projectionist.sim.tautulli.TautulliServer;
import io.projectionist.sim.world.AutoSessions;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.World;
import java.io.IOException;

/**
 * A simulated Plex + Tautulli household: one deterministic {@link World}, live sessions over it, and a Tautulli
 * API v2 server (Plex to follow, on the same world). Started only on request (tests, demo, simulate command).
 */
public final class Simulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final SimClock clock;
    private final World world;
    private final LiveSessions sessions;
    private final Faults tautulliFaults;
    private final TautulliServer tautulli;
    private final AutoSessions auto;

    private Simulator(SimulatorOptions options, SimClock clock, World world, LiveSessions sessions,
            Faults tautulliFaults, TautulliServer tautulli, AutoSessions auto) {
        this.options = options;
        this.clock = clock;
        this.world = world;
        this.sessions = sessions;
        this.tautulliFaults = tautulliFaults;
        this.tautulli = tautulli;
        this.auto = auto;
    }

    /** Generates the world and starts the Tautulli server; the clock follows real time from the anchor. */
    public static Simulator start(SimulatorOptions options) throws IOException {
        return start(options, SimClock.ticking(options.anchor()));
    }

    /** As {@link #start(SimulatorOptions)} with a given clock (tests pass {@link SimClock#fixed}). */
    public static Simulator start(SimulatorOptions options, SimClock clock) throws IOException {
        World world = World.generate(options);
        LiveSessions sessions = new LiveSessions(world, clock);
        Faults faults = new Faults();
        TautulliServer tautulli = TautulliServer.start(world, sessions, clock, options.tautulliApiKey(),
                options.bindHost(), options.tautulliPort(), faults);
        AutoSessions auto = null;
        try {
            if (options.autoSessions()) {
                auto = new AutoSessions(sessions, 2_500);
            }
        } catch (RuntimeException e) {
            tautulli.close();
            throw e;
        }
        return new Simulator(options, clock, world, sessions, faults, tautulli, auto);
    }

    public SimulatorOptions options() {
        return options;
    }

    public World world() {
        return world;
    }

    public SimClock clock() {
        return clock;
    }

    /** Base URL of the Tautulli server, e.g. http://127.0.0.1:41234 (the API is at /api/v2). */
    public String tautulliUrl() {
        return tautulli.url();
    }

    public String tautulliApiKey() {
        return options.tautulliApiKey();
    }

    public LiveSessions sessions() {
        return sessions;
    }

    public Faults tautulliFaults() {
        return tautulliFaults;
    }

    @Override
    public void close() {
        if (auto != null) {
            auto.close();
        }
        tautulli.close();
    }
}
