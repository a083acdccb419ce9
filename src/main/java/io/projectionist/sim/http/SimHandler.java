package io.projectionist.sim.http;

import com.sun.net.httpserver.HttpExchange;

/** Turns a request into a {@link SimResponse}; the {@link SimHttpServer} writes it and applies faults. */
@FunctionalInterface
public interface SimHandler {
    SimResponse handle(HttpExchange exchange, Params params) throws Exception;
}
