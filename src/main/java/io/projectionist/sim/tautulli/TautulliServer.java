package io.projectionist.sim.tautulli;

import io.projectionist.sim.faults.Faults;
import io.projectionist.sim.http.SimHttpServer;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.World;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The Tautulli simulator on HTTP: every path goes to {@link TautulliApi} (which rejects non-/api/v2 paths). */
public final class TautulliServer implements AutoCloseable {

    private final SimHttpServer http;
    private final TautulliApi api;
    private final Map<String, AtomicLong> commands;

    private TautulliServer(SimHttpServer http, TautulliApi api, Map<String, AtomicLong> commands) {
        this.http = http;
        this.api = api;
        this.commands = commands;
    }

    public static TautulliServer start(World world, LiveSessions sessions, Clock clock, String apiKey, String host,
            int port, Faults faults) throws IOException {
        TautulliApi api = new TautulliApi(world, sessions, clock, apiKey);
        Map<String, AtomicLong> commands = new ConcurrentHashMap<>();
        SimHttpServer http = SimHttpServer.start("tautulli", host, port, faults, (exchange, params) -> {
            String cmd = params.nonEmpty("cmd");
            commands.computeIfAbsent(cmd == null ? "" : cmd, k -> new AtomicLong()).incrementAndGet();
            return api.handle(exchange.getRequestURI().getPath(), params);
        });
        return new TautulliServer(http, api, commands);
    }

    public String url() {
        return http.url();
    }

    public int port() {
        return http.port();
    }

    /** Requests for {@code cmd} the API has answered (those answered with an injected fault are not counted). */
    public long requests(String cmd) {
        AtomicLong n = commands.get(cmd);
        return n == null ? 0 : n.get();
    }

    public TautulliApi api() {
        return api;
    }

    @Override
    public void close() {
        http.close();
    }
}
