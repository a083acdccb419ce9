package io.projectionist.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started through bin/projectionist as the container and the systemd unit start it: JSON logs
 * without secrets even at DEBUG, the management port from PROJECTIONIST_MANAGEMENT_PORT, and `check`'s exit codes.
 */
class PackagedJarIT {

    static final String KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(200).withTautulliApiKey(KEY));
        sim.sessions().startRandom(2);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static ProcessBuilder launcher(Path dir, Map<String, String> env, String... args) throws Exception {
        Scrape.deleteRecursively(dir);
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(Path.of("bin/projectionist").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("TAUTULLI_") || k.startsWith("PLEX_")
                || k.startsWith("PROJECTIONIST_"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("PROJECTIONIST_JAR", Path.of(System.getProperty("projectionist.jar",
                "target/projectionist.jar")).toAbsolutePath().toString());
        pb.environment().put("PROJECTIONIST_ROUTES_DIR", Path.of("routes").toAbsolutePath().toString());
        pb.environment().putAll(env);
        return pb;
    }

    @Test
    void jsonLogsAtDebugNeverShowTheKeyOrTheToken() throws Exception {
        String token = sim.plexTokens().admin();
        Process p = launcher(Path.of("target/it/jar-json").toAbsolutePath(), Map.of("TAUTULLI_URL", sim.tautulliUrl(),
                "TAUTULLI_API_KEY", KEY, "PLEX_URL", sim.plexUrl(), "PLEX_TOKEN", token,
                "PROJECTIONIST_ACTIVITY_CRON", "0/1 * * * * ?", "PROJECTIONIST_LOG_FORMAT", "json",
                "PROJECTIONIST_LOG_LEVEL", "DEBUG", "PROJECTIONIST_MANAGEMENT_PORT",
                String.valueOf(Scrape.freePort())), "run", "--duration", "6").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.substring(Math.max(0, out.length() - 3000))).isZero();
        assertThat(out).doesNotContain(KEY).doesNotContain(token);
        ObjectMapper json = new ObjectMapper();
        int lines = 0;
        boolean activity = false;
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line); // every line is one JSON object
            assertThat(n.path("log.level").asText()).isNotEmpty();
            activity |= n.path("message").asText().startsWith("activity: ");
            lines++;
        }
        assertThat(lines).isGreaterThan(50);
        assertThat(activity).isTrue();
    }

    @Test
    void managementPortFromTheEnvironmentServesHealthAndMetrics() throws Exception {
        int port = Scrape.freePort();
        Path dir = Path.of("target/it/jar-health").toAbsolutePath();
        ProcessBuilder pb = launcher(dir, Map.of("TAUTULLI_URL",
                sim.tautulliUrl(), "TAUTULLI_API_KEY", KEY, "PROJECTIONIST_ACTIVITY_CRON", "0/1 * * * * ?",
                "PROJECTIONIST_MANAGEMENT_PORT", String.valueOf(port)), "run", "--duration", "20");
        Process p = pb.redirectOutput(dir.resolve("output.log").toFile()).start();
        try {
            assertThat(Scrape.await(15_000, () -> Scrape.get(port, "/observe/health/ready").status() == 200)).isTrue();
            assertThat(Scrape.await(10_000, () -> Scrape.value(port, "projectionist_streams_active") == 2.0)).isTrue();
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(p.exitValue()).as("graceful stop on SIGTERM").isIn(0, 143);
    }

    @Test
    void checkExitCodes() throws Exception {
        Process good = launcher(Path.of("target/it/jar-check-good").toAbsolutePath(), Map.of("TAUTULLI_URL",
                sim.tautulliUrl(), "TAUTULLI_API_KEY", KEY), "check").start();
        String goodOut = new String(good.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(good.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(good.exitValue()).as(goodOut).isZero();
        assertThat(goodOut).contains("result: all good").doesNotContain(KEY);

        Process bad = launcher(Path.of("target/it/jar-check-bad").toAbsolutePath(), Map.of("TAUTULLI_URL",
                sim.tautulliUrl(), "TAUTULLI_API_KEY", "nope" + KEY.substring(4), "PROJECTIONIST_OUTDIR", "x"),
                "check").start();
        String badOut = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).as(badOut).isEqualTo(1);
        assertThat(badOut).contains("API key rejected")
                .contains("unknown environment variable PROJECTIONIST_OUTDIR (did you mean PROJECTIONIST_OUT_DIR");
    }
}
