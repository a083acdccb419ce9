package io.projectionist.app;

import com.sun.net.httpserver.HttpServer;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged fat jar as a real process, the way users do, and reads everything it prints: the daemon
 * works, secrets never show, and configuration mistakes stop it with one line naming the setting.
 */
class JarRunIT {

    static final String KEY = "5ec12e7a9b3c4d5e6f708192a3b4c5d6";
    static final String WRONG_KEY = "bad0bad0bad0bad0bad0bad0bad0bad0";
    static final String PLEX_TOKEN = "plexTok3nNeverLogged";
    static Simulator sim;

    @BeforeAll
    static void startSimulator() throws IOException {
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(300).withTautulliApiKey(KEY));
        sim.sessions().startRandom(2);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    record Run(int exitCode, String output) {
    }

    static Run run(Path workDir, Map<String, String> env, String... args) throws Exception {
        String jar = Path.of(System.getProperty("projectionist.jar", "target/projectionist.jar")).toAbsolutePath()
                .toString();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        for (String var : List.of("TAUTULLI_URL", "TAUTULLI_API_KEY", "PLEX_URL", "PLEX_TOKEN")) {
            pb.environment().remove(var);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Path workDir(String name) throws Exception {
        Path dir = Path.of("target/it", name).toAbsolutePath();
        ActivityRouteMainTest.deleteRecursively(dir);
        Files.createDirectories(dir);
        // the user's routes folder, as shipped
        Files.createDirectories(dir.resolve("routes"));
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path r : routes.toList()) {
                Files.copy(r, dir.resolve("routes").resolve(r.getFileName()));
            }
        }
        return dir;
    }

    /** The secret parts of the destinations' URLs and the HMAC key: none may show in any log line. */
    static final String DISCORD_TOKEN = "dIsCoRdWeBhOoKtOkEn_0123456789";
    static final String DISCORD_ID = "998877665544332211";
    static final String HOOK_PASSWORD = "h00kPassw0rd";
    static final String HOOK_QUERY_TOKEN = "qUeRyT0ken42";
    static final String HMAC_SECRET = "hmacS3cretNeverLogged";

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void daemonRunsAndNeverPrintsAKeyATokenOrAWebhookSecret(String format) throws Exception {
        Path dir = workDir("secrets-" + format);
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String base = "127.0.0.1:" + receiver.getAddress().getPort();
        Map<String, String> env = new HashMap<>(Map.of("TAUTULLI_URL", sim.tautulliUrl(), "TAUTULLI_API_KEY", KEY,
                "PLEX_TOKEN", PLEX_TOKEN, "PROJECTIONIST_ACTIVITY_CRON", "0/1 * * * * ?",
                "PROJECTIONIST_LOG_LEVEL", "DEBUG", "PROJECTIONIST_LOG_FORMAT", format,
                "PROJECTIONIST_EVENTS_START_AFTER_SECONDS", "0", "PROJECTIONIST_WEBHOOKS", "team-discord,audit-hook"));
        env.putAll(Map.of("PROJECTIONIST_WEBHOOKS_TEAM_DISCORD_TYPE", "discord",
                "PROJECTIONIST_WEBHOOKS_TEAM_DISCORD_URL", "http://" + base + "/api/webhooks/" + DISCORD_ID + "/"
                        + DISCORD_TOKEN,
                "PROJECTIONIST_WEBHOOKS_AUDIT_HOOK_URL", "http://ops:" + HOOK_PASSWORD + "@" + base + "/hook?token="
                        + HOOK_QUERY_TOKEN,
                "PROJECTIONIST_WEBHOOKS_AUDIT_HOOK_SECRET", HMAC_SECRET));
        Run run;
        try {
            run = run(dir, env, "run", "--duration", "8");
        } finally {
            receiver.stop(0);
        }
        assertThat(received.get()).as("the destinations were used, so their URLs were logged at DEBUG").isPositive();
        assertThat(run.output()).contains("activity: ")
                .contains("projectionist.webhooks.team-discord.url = http://" + base + "/api/webhooks/***")
                .doesNotContain(KEY).doesNotContain(PLEX_TOKEN).doesNotContain(DISCORD_TOKEN)
                .doesNotContain(DISCORD_ID).doesNotContain(HOOK_PASSWORD).doesNotContain(HOOK_QUERY_TOKEN)
                .doesNotContain(HMAC_SECRET);
        if (format.equals("json")) {
            assertThat(run.output().lines().filter(l -> !l.isBlank()))
                    .allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        }
        // the real bound address, not Camel's 0.0.0.0
        assertThat(run.output()).contains("Management endpoints on http://127.0.0.1:9876/observe/health")
                .doesNotContain("http://0.0.0.0");
        assertThat(run.exitCode()).as(run.output()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("out/activity"))) {
            assertThat(files.toList()).isNotEmpty();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
                .as("the data folder is private").isEqualTo("rwx------");
    }

    @Test
    void wrongKeyIsReportedWithoutEchoingIt() throws Exception {
        Run run = run(workDir("wrong-key"), Map.of("TAUTULLI_URL", sim.tautulliUrl(), "TAUTULLI_API_KEY", WRONG_KEY,
                "PROJECTIONIST_ACTIVITY_CRON", "0/1 * * * * ?"), "run", "--duration", "4");
        assertThat(run.output()).contains("Invalid apikey").contains("TAUTULLI_API_KEY").doesNotContain(WRONG_KEY);
    }

    @Test
    void missingUrlStopsStartupWithOneLine() throws Exception {
        Run run = run(workDir("no-url"), Map.of("TAUTULLI_API_KEY", KEY), "run", "--duration", "4");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("configuration error: tautulli.url (TAUTULLI_URL) is not set")
                .doesNotContain("\tat ").doesNotContain(KEY);
    }

    @Test
    void malformedValuesAreNamed() throws Exception {
        Run run = run(workDir("bad-values"), Map.of("TAUTULLI_URL", "nas:8181", "TAUTULLI_API_KEY", KEY,
                "PROJECTIONIST_ACTIVITY_CRON", "every minute"), "run", "--duration", "4");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("tautulli.url (TAUTULLI_URL) 'nas:8181'")
                .contains("projectionist.activity.cron (PROJECTIONIST_ACTIVITY_CRON) 'every minute'")
                .doesNotContain("\tat ");
    }

    @Test
    void demoRunsFromAnyFolderWithTheRoutesInTheJar() throws Exception {
        Path dir = Path.of("target/it/demo").toAbsolutePath();
        ActivityRouteMainTest.deleteRecursively(dir);
        Files.createDirectories(dir);
        Run run = run(dir, Map.of(), "demo", "--duration", "12", "--plays", "2000");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Projectionist demo").contains("activity: ");
        try (Stream<Path> files = Files.list(dir.resolve("out/activity"))) {
            Path jsonl = files.findFirst().orElseThrow();
            assertThat(Files.readAllLines(jsonl)).isNotEmpty();
        }
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run run = run(workDir("help"), Map.of(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("run").contains("demo").contains("simulate");
    }
}
