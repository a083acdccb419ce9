package io.projectionist.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.projectionist.sim.faults.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A JDK HttpServer with one handler for every path, parameter parsing (query and form body) and {@link Faults}
 * applied in front of the handler. Shared by the Tautulli and (later) Plex simulators.
 */
public final class SimHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimHttpServer.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults;
    private final String name;

    private SimHttpServer(String name, HttpServer server, ExecutorService executor, Faults faults) {
        this.name = name;
        this.server = server;
        this.executor = executor;
        this.faults = faults;
    }

    public static SimHttpServer start(String name, String host, int port, Faults faults, SimHandler handler)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        // a few threads: clients poll while a test drives sessions; daemon so a forgotten server never blocks exit
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sim-" + name + "-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SimHttpServer sim = new SimHttpServer(name, server, executor, faults);
        server.createContext("/", exchange -> sim.serve(exchange, handler));
        server.setExecutor(executor);
        server.start();
        return sim;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    /** http://host:port (no trailing slash). */
    public String url() {
        String h = host();
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port();
    }

    public Faults faults() {
        return faults;
    }

    /** Requests served so far (faults included): what benchmarks count as upstream calls. */
    public long requests() {
        return requests.get();
    }

    private final AtomicLong requests = new AtomicLong();

    private void serve(HttpExchange exchange, SimHandler handler) {
        requests.incrementAndGet();
        try (exchange) {
            Params params = Params.parse(exchange.getRequestURI().getRawQuery(), formBody(exchange));
            Duration latency = faults.latency();
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            Faults.Fault fault = faults.poll();
            if (fault != null && fault.kind() != Faults.Kind.TRUNCATE) {
                send(exchange, fault.asResponse(), -1);
                return;
            }
            SimResponse response;
            try {
                response = handler.handle(exchange, params);
            } catch (Exception e) {
                LOG.log(Level.WARNING, name + " simulator failed on " + exchange.getRequestURI(), e);
                response = SimResponse.of(500, "text/plain;charset=utf-8", "simulator error: " + e);
            }
            send(exchange, response, fault == null ? -1 : fault.truncateAt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away mid-response; nothing to tell it
            LOG.log(Level.FINE, "client closed the connection", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " simulator failed", e);
        }
    }

    private static String formBody(HttpExchange exchange) throws IOException {
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            return null;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (type != null && !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                return null;
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Writes a response; {@code truncateAt} >= 0 sends only that fraction (per mille) of the body. */
    private static void send(HttpExchange exchange, SimResponse r, int truncateAt) throws IOException {
        if (r.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
        }
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            exchange.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        if (truncateAt >= 0) {
            byte[] all = r.render();
            int cut = (int) ((long) all.length * truncateAt / 1000);
            exchange.sendResponseHeaders(r.status(), cut == 0 ? -1 : cut);
            if (cut > 0) {
                exchange.getResponseBody().write(all, 0, cut);
            }
            return;
        }
        if (r.bytes() != null) {
            exchange.sendResponseHeaders(r.status(), head || r.bytes().length == 0 ? -1 : r.bytes().length);
            if (!head) {
                exchange.getResponseBody().write(r.bytes());
            }
            return;
        }
        exchange.sendResponseHeaders(r.status(), head ? -1 : 0);
        if (!head) {
            OutputStream out = exchange.getResponseBody();
            r.stream().writeTo(out);
            out.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
