package io.projectionist.sim.plex;

import io.projectionist.sim.faults.Faults;
import io.projectionist.sim.http.SimHttpServer;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.World;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The Plex Media Server simulator on HTTP, over the same {@link World} and {@link LiveSessions} the Tautulli simulator
 * serves: a history row's rating key resolves under {@code /library/metadata}, a live session shows in
 * {@code /status/sessions} with the same session key, user, item, player, state and decision. XML by default, JSON
 * with {@code Accept: application/json}; collections and managed hubs change as clients write ({@link #state()}).
 *
 * <p>Requests reach the shared {@link SimHttpServer} (which applies {@link Faults} before any handling) through a small
 * front that makes raw request targets such as {@code ?collection[0].tag.tag=…} acceptable to the JDK server.
 */
public final class PlexServer implements AutoCloseable {

    private final SimHttpServer http;
    private final RawTargetFront front;
    private final PlexTokens tokens;
    private final PlexState state;
    private final Faults faults;

    private PlexServer(SimHttpServer http, RawTargetFront front, PlexTokens tokens, PlexState state, Faults faults) {
        this.http = http;
        this.front = front;
        this.tokens = tokens;
        this.state = state;
        this.faults = faults;
    }

    /**
     * Starts the server.
     *
     * @param bindHost address to listen on
     * @param port     0 = a random free port
     * @param tokens   e.g. {@link PlexTokens#forSeed(long)} with the world's seed
     * @param faults   run-time faults applied before normal handling (a fresh {@code new Faults()} for none)
     */
    public static PlexServer start(World world, LiveSessions sessions, String bindHost, int port, PlexTokens tokens,
            Faults faults) throws IOException {
        if (sessions.world() != world) {
            throw new IllegalArgumentException("the live sessions belong to another world");
        }
        PlexState state = new PlexState(world, sessions.clock());
        PlexApi api = new PlexApi(world, sessions, tokens, state);
        String backHost = InetAddress.getLoopbackAddress().getHostAddress();
        SimHttpServer http = SimHttpServer.start("plex", backHost, 0, faults, (exchange, params) -> api.handle(exchange));
        try {
            RawTargetFront front = new RawTargetFront(bindHost, port, new InetSocketAddress(backHost, http.port()));
            return new PlexServer(http, front, tokens, state, faults);
        } catch (IOException | RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** http://host:port (no trailing slash), as a client configures it. */
    public String url() {
        String h = front.address().isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
                : front.address().getHostAddress();
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + front.port();
    }

    public int port() {
        return front.port();
    }

    public PlexTokens tokens() {
        return tokens;
    }

    /** Requests this server has answered. */
    public long requests() {
        return http.requests();
    }

    /** Collections and managed hubs as clients have left them. */
    public PlexState state() {
        return state;
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public void close() {
        front.close();
        http.close();
    }
}
