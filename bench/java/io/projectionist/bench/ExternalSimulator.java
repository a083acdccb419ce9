package io.projectionist.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulator as a process of its own ({@code projectionist simulate}), as Tautulli and Plex are in real life:
 * the measured JVM then holds only the daemon, and its heap and GC figures are the daemon's. Reads the URLs and
 * throw-away credentials it prints, and on {@link #close()} the number of Plex requests it served.
 */
final class ExternalSimulator implements AutoCloseable {

    private static final Map<String, String> PREFIXES = Map.of(
            "Simulated Tautulli URL:", "tautulliUrl", "Simulated Tautulli API key:", "tautulliApiKey",
            "Simulated Plex URL:", "plexUrl", "Simulated Plex admin token:", "plexToken",
            "Stopped. Plex requests served:", "plexRequests");

    private final Process process;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);

    private ExternalSimulator(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    for (Map.Entry<String, String> p : PREFIXES.entrySet()) {
                        if (line.startsWith(p.getKey())) {
                            values.put(p.getValue(), line.substring(p.getKey().length()).strip());
                        }
                    }
                    if (line.startsWith("Ctrl-C")) {
                        ready.countDown();
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            } finally {
                ready.countDown();
                ended.countDown();
            }
        }, "simulator-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code simulate} with the benchmark's own class path; serial GC so it leaves the cores to the daemon. */
    static ExternalSimulator start(int plays, long seed) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.projectionist.Projectionist", "simulate",
                "--plays", String.valueOf(plays), "--seed", String.valueOf(seed), "--no-sessions");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        ExternalSimulator sim = new ExternalSimulator(pb.start());
        if (!sim.ready.await(120, TimeUnit.SECONDS) || !sim.values.containsKey("plexToken")) {
            sim.process.destroyForcibly();
            throw new IllegalStateException("the simulator did not start: " + sim.values.keySet());
        }
        return sim;
    }

    String tautulliUrl() {
        return values.get("tautulliUrl");
    }

    String tautulliApiKey() {
        return values.get("tautulliApiKey");
    }

    String plexUrl() {
        return values.get("plexUrl");
    }

    String plexToken() {
        return values.get("plexToken");
    }

    long pid() {
        return process.pid();
    }

    /** Peak RSS of the simulator process, in kB. */
    long peakRssKb() throws Exception {
        List<String> status = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"));
        return status.stream().filter(l -> l.startsWith("VmHWM:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst().orElse(-1);
    }

    /** Stops the simulator; returns the Plex requests it served (-1 if it did not say). */
    long stop() throws Exception {
        // SIGTERM through the handle: Process.destroy() would also close the pipe the summary comes through
        process.toHandle().destroy();
        ended.await(30, TimeUnit.SECONDS);
        process.waitFor(30, TimeUnit.SECONDS);
        String served = values.get("plexRequests");
        return served == null ? -1 : Long.parseLong(served);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }
}
