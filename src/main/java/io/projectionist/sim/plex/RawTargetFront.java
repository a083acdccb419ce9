package io.projectionist.sim.plex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small TCP front for the JDK HTTP server, which answers 400 to a request target with characters that
 * {@link java.net.URI} refuses. Real Plex clients send such targets: python-plexapi and Kometa put raw brackets in
 * keys ({@code collection[0].tag.tag=…}) and {@code >} in filters ({@code viewedAt>=…}). The front percent-encodes
 * those characters in the request line (the handler decodes keys and values, so both forms read the same), asks for
 * {@code Connection: close} so each connection carries one request, and pipes the bytes both ways.
 */
final class RawTargetFront implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RawTargetFront.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress backend;
    private final ExecutorService pool;
    private final Thread acceptor;
    private volatile boolean closed;

    RawTargetFront(String host, int port, InetSocketAddress backend) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(host, port), 64);
        this.backend = backend;
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-plex-front-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "sim-plex-front-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    InetAddress address() {
        return server.getInetAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                pool.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.FINE, "accept failed", e);
                }
            } catch (RuntimeException e) {
                // pool shut down while accepting
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket up = new Socket()) {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            up.connect(backend, 5_000);
            up.setTcpNoDelay(true);
            OutputStream upOut = up.getOutputStream();
            upOut.write(rewrite(head).getBytes(StandardCharsets.ISO_8859_1));
            upOut.flush();
            pool.execute(() -> pipe(in, upOut, up));
            // the JDK server closes after a "Connection: close" request without saying so; say it, so clients
            // do not put the connection back in their pool
            InputStream upIn = up.getInputStream();
            String response = readHead(upIn);
            if (response == null) {
                return;
            }
            OutputStream out = client.getOutputStream();
            out.write(withClose(response).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            pipe(upIn, out, client);
        } catch (IOException e) {
            LOG.log(Level.FINE, "front connection failed", e);
        }
    }

    /** Reads up to and including the blank line that ends an HTTP head; null at EOF or when too long. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A response head with {@code Connection: close} (replacing any other Connection header). */
    static String withClose(String head) {
        StringBuilder out = new StringBuilder(head.length() + 24);
        for (String h : head.split("\r\n")) {
            if (h.isEmpty() || h.regionMatches(true, 0, "Connection:", 0, 11)) {
                continue;
            }
            out.append(h).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static void pipe(InputStream from, OutputStream to, Socket toSocket) {
        byte[] buf = new byte[16_384];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
            toSocket.shutdownOutput();
        } catch (SocketException e) {
            // the other side closed: done
        } catch (IOException e) {
            LOG.log(Level.FINE, "pipe failed", e);
        }
    }

    /** The head with its request target made URI-safe and the connection set to close after one exchange. */
    static String rewrite(String head) {
        int eol = head.indexOf("\r\n");
        String line = head.substring(0, eol);
        String rest = head.substring(eol + 2);
        int s1 = line.indexOf(' ');
        int s2 = line.lastIndexOf(' ');
        if (s1 > 0 && s2 > s1) {
            line = line.substring(0, s1 + 1) + encodeTarget(line.substring(s1 + 1, s2)) + line.substring(s2);
        }
        StringBuilder out = new StringBuilder(head.length() + 32).append(line).append("\r\n");
        for (String h : rest.split("\r\n")) {
            if (h.isEmpty()) {
                continue;
            }
            String name = h.contains(":") ? h.substring(0, h.indexOf(':')).trim() : h;
            if (name.equalsIgnoreCase("Connection")) {
                continue;
            }
            out.append(h).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    /** Percent-encodes every byte java.net.URI refuses in a path or query (and a % that starts no escape). */
    static String encodeTarget(String target) {
        byte[] b = target.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder(b.length + 16);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
            if (c == '%' && i + 2 < b.length && isHex(b[i + 1]) && isHex(b[i + 2])) {
                ok = true;
            }
            if (ok) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
