package io.projectionist.sim.tautulli;

import io.projectionist.sim.faults.Faults;
import io.projectionist.sim.http.SimHttpServer;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.World;
import java.io.IOException;
import java.time.Clock;

/** The Tautulli simulator on HTTP: every path goes to {@link TautulliApi} (which rejects non-/api/v2 paths). */
public final class TautulliServer implements AutoCloseable {

    private final SimHttpServer http;
    private final TautulliApi api;

    private TautulliServer(SimHttpServer http, TautulliApi api) {
        this.http = http;
        this.api = api;
    }

    public static TautulliServer start(World world, LiveSessions sessions, Clock clock, String apiKey, String host,
            int port, Faults faults) throws IOException {
        TautulliApi api = new TautulliApi(world, sessions, clock, apiKey);
        SimHttpServer http = SimHttpServer.start("tautulli", host, port, faults,
                (exchange, params) -> api.handle(exchange.getRequestURI().getPath(), params));
        return new TautulliServer(http, api);
    }

    public String url() {
        return http.url();
    }

    public int port() {
        return http.port();
    }

    public TautulliApi api() {
        return api;
    }

    @Override
    public void close() {
        http.close();
    }
}
