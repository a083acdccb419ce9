package io.projectionist.sim;

import io.projectionist.sim.faults.Faults;
import io.projectionist.sim.plex.PlexServer;
import io.projectionist.sim.plex.PlexState;
import io.projectionist.sim.plex.PlexTokens;
import io.projectionist.sim.plextv.PlexTvServer;
import io.projectionist.sim.tautulli.TautulliServer;
import io.projectionist.sim.world.AutoSessions;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.World;
import java.io.IOException;
import java.time.Duration;

/**
 * A simulated Plex + Tautulli household: one deterministic {@link World}, live sessions over it, a Tautulli API v2
 * server and a Plex Media Server serving that same world (a play's rating key resolves in Plex; a session in
 * Tautulli's activity is a session in Plex's), and plex.tv's PIN login. Started only on request (tests, demo,
 * simulate command).
 */
public final class Simulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final SimClock clock;
    private final World world;
    private final LiveSessions sessions;
    private final Faults tautulliFaults;
    private final TautulliServer tautulli;
    private AutoSessions auto;
    private PlexServer plex;
    private PlexTvServer plexTv;

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
        Simulator sim = new Simulator(options, clock, world, sessions, faults, tautulli, null);
        try {
            sim.plex = PlexServer.start(world, sessions, options.bindHost(), options.plexPort(),
                    PlexTokens.forSeed(options.seed()), new Faults());
            // plex.tv authorises a PIN 3 s after it is created and asks for 1 s between polls
            sim.plexTv = PlexTvServer.start(options.bindHost(), 0, Duration.ofSeconds(3),
                    Duration.ofSeconds(1), sim.plex.tokens().admin());
            if (options.autoSessions()) {
                sim.auto = new AutoSessions(sessions, 2_500);
            }
            return sim;
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
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

    /** Requests for the API command {@code cmd} (e.g. get_activity) Tautulli has answered since start. */
    public long tautulliRequests(String cmd) {
        return tautulli.requests(cmd);
    }

    public Faults tautulliFaults() {
        return tautulliFaults;
    }

    /** Base URL of the Plex server, e.g. http://127.0.0.1:41235. */
    public String plexUrl() {
        return plex.url();
    }

    /** The server owner's token and a shared user's token (403 on admin endpoints). */
    public PlexTokens plexTokens() {
        return plex.tokens();
    }

    /** Collections and managed hubs as the Plex server holds them now. */
    public PlexState plexState() {
        return plex.state();
    }

    /** Requests the Plex server has answered since start. */
    public long plexRequests() {
        return plex.requests();
    }

    public Faults plexFaults() {
        return plex.faults();
    }

    /** Base URL of the simulated plex.tv (PIN login). */
    public String plexTvUrl() {
        return plexTv.url();
    }

    @Override
    public void close() {
        if (auto != null) {
            auto.close();
        }
        if (plexTv != null) {
            plexTv.close();
        }
        if (plex != null) {
            plex.close();
        }
        tautulli.close();
    }
}
