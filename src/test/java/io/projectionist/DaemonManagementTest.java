package io.projectionist;

import io.projectionist.ops.Scrape;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The management server as the daemon starts it: this machine only by default, Basic authentication on request. */
class DaemonManagementTest {

    static final Path DIR = Path.of("target/it/daemon-management").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Simulator sim;

    @BeforeAll
    static void startSimulator() throws Exception {
        Scrape.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(50));
        // the build gives test JVMs any free management port (a system property, which beats the settings below);
        // these tests choose their own
        buildPort = System.clearProperty(PORT);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
        if (buildPort != null) {
            System.setProperty(PORT, buildPort);
        }
    }

    static final String PORT = "projectionist.management.port";
    static String buildPort;

    /** Runs the daemon with these settings over the defaults until {@code body} is done. */
    static void withDaemon(Map<String, String> settings, ThrowingRunnable body) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("tautulli.url", sim.tautulliUrl(),
                "tautulli.api-key", sim.tautulliApiKey(),
                "projectionist.data-dir", DIR.resolve("data").toString(),
                "projectionist.out-dir", DIR.resolve("out").toString(),
                "projectionist.history.enabled", "false", "projectionist.events.enabled", "false",
                "projectionist.curation.enabled", "false"));
        o.putAll(settings);
        Main main = Daemon.create(new Daemon.Options(List.of(), 60, o));
        Thread t = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "daemon-under-test");
        t.start();
        try {
            body.run();
        } finally {
            main.completed();
            t.join(20_000);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static HttpResponse<String> get(int port, String path, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (basic != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    basic.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The local address a socket listens on for this port, read from the kernel's table (no traffic sent). */
    static Optional<String> listeningAddress(int port) throws Exception {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.strip().split("\\s+");
                // local_address is HEXIP:HEXPORT; state 0A is LISTEN
                if (f.length > 3 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
                    return Optional.of(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        int port = Scrape.freePort();
        withDaemon(Map.of("projectionist.management.port", String.valueOf(port)), () -> {
            assertThat(Scrape.await(30_000, () -> {
                try {
                    return get(port, "/observe/health", null).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            })).isTrue();
            // 127.0.0.1, or its IPv4-mapped IPv6 form; 0.0.0.0 would be all zeros
            assertThat(listeningAddress(port)).as("bound to 127.0.0.1, not 0.0.0.0")
                    .hasValueSatisfying(a -> assertThat(a).matches("(0{16}FFFF0{4})?0100007F"));
        });
    }

    @Test
    void theLoggedAddressIsTheBoundOne() {
        assertThat(Daemon.ManagementAddress.describe("127.0.0.1", 9876, "/", false))
                .startsWith("Management endpoints on http://127.0.0.1:9876/observe/health")
                .contains("this machine only", "no authentication");
        assertThat(Daemon.ManagementAddress.describe("0.0.0.0", 9876, "/", true))
                .contains("http://0.0.0.0:9876/observe/health", "every network interface", "basic authentication");
        assertThat(Daemon.ManagementAddress.describe("::1", 9000, "/ops/", false))
                .contains("http://[::1]:9000/ops/observe/health");
    }

    @Test
    void basicAuthenticationGuardsEveryEndpoint() throws Exception {
        Path users = DIR.resolve("management-users.properties");
        Files.writeString(users, "user.ops = s3cret-Pass\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        int port = Scrape.freePort();
        withDaemon(Map.of("projectionist.management.port", String.valueOf(port),
                "projectionist.management.authentication", "true",
                "projectionist.management.users-file", users.toString()), () -> {
            assertThat(Scrape.await(30_000, () -> {
                try {
                    return get(port, "/observe/health", "ops:s3cret-Pass").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            })).isTrue();
            assertThat(get(port, "/observe/health", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/observe/health/ready", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/observe/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/observe/metrics", "ops:wrong").statusCode()).isEqualTo(401);
            assertThat(get(port, "/observe/metrics", "ops:s3cret-Pass").body()).contains("jvm_memory");
        });
    }

    @Test
    void authenticationWithoutAPrivateUsersFileIsAConfigurationError() throws Exception {
        Path open = DIR.resolve("open-users.properties");
        Files.writeString(open, "user.ops = s3cret-Pass\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        for (Map.Entry<String, String> bad : Map.of("", "is not set", open.toString(), "chmod 600").entrySet()) {
            Map<String, String> o = Map.of("tautulli.url", sim.tautulliUrl(), "tautulli.api-key", sim.tautulliApiKey(),
                    "projectionist.data-dir", DIR.resolve("data").toString(),
                    "projectionist.management.authentication", "true",
                    "projectionist.management.users-file", bad.getKey());
            assertThatThrownBy(() -> Daemon.run(new Daemon.Options(List.of(), 5, o)))
                    .hasStackTraceContaining("projectionist.management.users-file")
                    .hasStackTraceContaining(bad.getValue());
        }
    }
}
