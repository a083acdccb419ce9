package io.projectionist.plex.login;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.projectionist.LoginCommand;
import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.plextv.PlexTvServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** The whole login through picocli, against the plex.tv simulator and a WireMock Plex server. */
class LoginCommandTest {

    /** The token plex.tv issues and Plex accepts; it must never be printed. */
    private static final String TOKEN = "Zq8-owner-TOKEN-4711abc";

    @TempDir
    Path tmp;

    private WireMockServer plex;
    private PlexTvServer plexTv;
    private final List<Wait> waits = Collections.synchronizedList(new ArrayList<>());

    /** One sleep of the login, with how many 429s plex.tv had answered when it began. */
    record Wait(Duration duration, int rateLimitedSoFar) {
    }

    /** What one run printed. */
    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void startPlex() {
        plex = new WireMockServer(options().dynamicPort());
        plex.start();
        acceptToken(TOKEN);
    }

    @AfterEach
    void stop() {
        plex.stop();
        if (plexTv != null) {
            plexTv.close();
        }
    }

    /** Plex answers / and /library/sections for {@code accepted}, 401 for anything else. */
    private void acceptToken(String accepted) {
        plex.resetAll();
        plex.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/html").withBody("<html><body><h1>401 Unauthorized</h1></body></html>")));
        plex.stubFor(get(urlEqualTo("/")).atPriority(1).withHeader("X-Plex-Token", equalTo(accepted))
                .willReturn(xml(resource("/plex/server.xml"))));
        plex.stubFor(get(urlEqualTo("/library/sections")).atPriority(1).withHeader("X-Plex-Token", equalTo(accepted))
                .willReturn(xml(resource("/plex/sections.xml"))));
        // the owner-only endpoint login asks to tell the owner's token from a shared user's
        plex.stubFor(get(urlEqualTo("/hubs/sections/1/manage")).atPriority(1)
                .withHeader("X-Plex-Token", equalTo(accepted)).willReturn(xml("<MediaContainer size=\"0\"/>")));
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=utf-8").withBody(body);
    }

    private static String resource(String path) {
        try (InputStream in = LoginCommandTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + path, e);
        }
    }

    private Path dataDir() {
        return tmp.resolve("data");
    }

    private Path tokenFile() {
        return tmp.resolve("secrets/plex-token");
    }

    private Path pinFile() {
        return dataDir().resolve("plex-pin.json");
    }

    private Run login(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--plex-url")) {
            all.addAll(List.of("--plex-url", plex.baseUrl()));
        }
        if (plexTv != null && !all.contains("--plextv-url")) {
            all.addAll(List.of("--plextv-url", plexTv.url()));
        }
        all.addAll(List.of("--data-dir", dataDir().toString(), "--token-file", tokenFile().toString()));
        LoginCommand command = new LoginCommand()
                .withEnvironment(Map.of(), tmp)
                .withStdin(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)))
                .withSleeper(d -> {
                    waits.add(new Wait(d, plexTv == null ? 0 : plexTv.rateLimitedCount()));
                    Thread.sleep(d.toMillis());
                });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        Run run = new Run(exit, out.toString(), err.toString());
        assertThat(run.all()).as("the token is never printed").doesNotContain(TOKEN);
        return run;
    }

    private static String perms(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** Step 1: checks the printed URL against the simulator's PIN and the saved state. */
    private PlexTvServer.PinView stepOne() throws IOException {
        Run start = login(null);
        assertThat(start.exit()).as(start.err()).isZero();
        assertThat(plexTv.createdCount()).isEqualTo(1);
        PlexTvServer.PinView pin = plexTv.pins().get(0);
        assertThat(pin.strong()).isTrue();
        assertThat(pin.product()).isEqualTo("Projectionist");
        assertThat(start.out()).contains("https://app.plex.tv/auth#?clientID=" + pin.clientIdentifier() + "&code="
                + pin.code() + "&context%5Bdevice%5D%5Bproduct%5D=Projectionist");
        assertThat(start.out()).contains("run `projectionist login` again");
        assertThat(pin.clientIdentifier()).startsWith("projectionist-")
                .isEqualTo(Files.readString(dataDir().resolve("plex-client-id")).strip());
        assertThat(perms(pinFile())).isEqualTo("rw-------");
        String state = Files.readString(pinFile());
        assertThat(state).contains("\"id\":" + pin.id(), "\"code\":\"" + pin.code() + "\"",
                "\"clientIdentifier\":\"" + pin.clientIdentifier() + "\"", "\"createdAt\":", "\"expiresAt\":");
        assertThat(tokenFile()).doesNotExist();
        assertThat(plexTv.pollCount()).isZero();
        return pin;
    }

    private void assertTokenSaved(Run run) throws IOException {
        assertThat(run.out()).contains("Living Room PMS", "Movies", "TV Shows");
        assertThat(run.out()).contains("Saved the Plex token to " + tokenFile().toAbsolutePath(), "PLEX_TOKEN_FILE=",
                "plex.token-file");
        assertThat(Files.readString(tokenFile()).strip()).isEqualTo(TOKEN);
        assertThat(perms(tokenFile())).isEqualTo("rw-------");
        plex.verify(getRequestedFor(urlEqualTo("/")).withHeader("X-Plex-Token", equalTo(TOKEN)));
        plex.verify(getRequestedFor(urlEqualTo("/library/sections")).withHeader("X-Plex-Token", equalTo(TOKEN)));
    }

    @Test
    void pinFlowBacksOffOn429AndHonoursRetryAfter() throws Exception {
        plexTv = PlexTvServer.builder().authorizeAfter(Duration.ofMillis(2500)).minPollInterval(Duration.ofMillis(700))
                .retryAfter(PlexTvServer.RetryAfterStyle.SECONDS).token(TOKEN).start("127.0.0.1", 0);
        PlexTvServer.PinView pin = stepOne();

        Run finish = login(null, "--poll-interval", "0.1", "--timeout", "15");
        assertThat(finish.exit()).as(finish.err()).isZero();
        assertThat(finish.out()).contains("Signed in", "Not signed in yet? Open: https://app.plex.tv/auth#?clientID="
                + pin.clientIdentifier() + "&code=" + pin.code());
        assertTokenSaved(finish);
        assertThat(pinFile()).as("the finished login is forgotten").doesNotExist();

        int limited = plexTv.rateLimitedCount();
        assertThat(limited).as("polling every 100 ms draws a 429; backing off keeps it at that").isBetween(1, 2);
        assertThat(finish.err()).contains("HTTP 429", "Retry-After 1 s");
        int first = -1;
        for (int i = 0; i < waits.size(); i++) {
            if (waits.get(i).rateLimitedSoFar() > 0) {
                first = i;
                break;
            }
        }
        assertThat(first).as("a wait followed the 429").isPositive();
        assertThat(waits.subList(0, first)).as("polling at the configured 100 ms until the 429")
                .allSatisfy(w -> assertThat(w.duration()).isEqualTo(Duration.ofMillis(100)));
        assertThat(waits.subList(first, waits.size())).as("Retry-After: 1 honoured, and the pace kept afterwards")
                .allSatisfy(w -> assertThat(w.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(plexTv.pinView(pin.id()).orElseThrow().authorized()).isTrue();
    }

    @Test
    void withoutRetryAfterTheWaitsDouble() throws Exception {
        plexTv = PlexTvServer.builder().authorizeAfter(Duration.ofMillis(1200)).minPollInterval(Duration.ofMillis(400))
                .retryAfter(PlexTvServer.RetryAfterStyle.NONE).token(TOKEN).start("127.0.0.1", 0);
        stepOne();
        Run finish = login(null, "--poll-interval", "0.05", "--timeout", "10");
        assertThat(finish.exit()).as(finish.err()).isZero();
        assertTokenSaved(finish);

        int limited = plexTv.rateLimitedCount();
        assertThat(limited).isBetween(2, 5);
        List<Duration> afterLimit = new ArrayList<>();
        int seen = 0;
        for (Wait w : waits) {
            if (w.rateLimitedSoFar() > seen) {
                afterLimit.add(w.duration());
                seen = w.rateLimitedSoFar();
            }
        }
        assertThat(afterLimit).hasSize(limited).startsWith(Duration.ofMillis(100), Duration.ofMillis(200));
        for (int i = 1; i < afterLimit.size(); i++) {
            assertThat(afterLimit.get(i)).as("exponential back-off").isEqualTo(afterLimit.get(i - 1).multipliedBy(2));
        }
    }

    @Test
    void waitDoesBothStepsInOneRun() throws Exception {
        plexTv = PlexTvServer.builder().authorizeAfter(Duration.ofMillis(300)).minPollInterval(null).token(TOKEN)
                .start("127.0.0.1", 0);
        Run run = login(null, "--wait", "--poll-interval", "0.2", "--timeout", "5");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("https://app.plex.tv/auth#?clientID=");
        assertTokenSaved(run);
        assertThat(pinFile()).doesNotExist();
    }

    @Test
    void expiredPinIsAClearFailure() throws Exception {
        plexTv = PlexTvServer.builder().authorizeAfter(null).pinLifetime(Duration.ofMillis(1500)).minPollInterval(null)
                .token(TOKEN).start("127.0.0.1", 0);
        stepOne();
        long t0 = System.nanoTime();
        Run finish = login(null, "finish", "--poll-interval", "0.2", "--timeout", "10");
        assertThat(finish.exit()).isEqualTo(1);
        assertThat(finish.err()).contains("PIN expired", "run `projectionist login` for a new link");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("stopped at expiry, not at the timeout")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(tokenFile()).doesNotExist();
        assertThat(pinFile()).doesNotExist();

        // an expired pending login makes the next plain `login` start afresh
        PlexTvServer.PinView second = stepOneAgainAfterManualExpiry();
        assertThat(second.id()).isNotEqualTo(plexTv.pins().get(0).id());
    }

    private PlexTvServer.PinView stepOneAgainAfterManualExpiry() {
        Run start = login(null, "start");
        assertThat(start.exit()).as(start.err()).isZero();
        PlexTvServer.PinView pin = plexTv.pins().get(1);
        plexTv.expire(pin.id()); // plex.tv forgets it early: polls answer 404
        Run finish = login(null, "--poll-interval", "0.1");
        assertThat(finish.exit()).isEqualTo(1);
        assertThat(finish.err()).contains("PIN expired");
        return pin;
    }

    @Test
    void timeoutKeepsThePendingLogin() throws Exception {
        plexTv = PlexTvServer.builder().authorizeAfter(null).minPollInterval(null).token(TOKEN).start("127.0.0.1", 0);
        PlexTvServer.PinView pin = stepOne();
        Run finish = login(null, "--poll-interval", "0.1", "--timeout", "0.5");
        assertThat(finish.exit()).isEqualTo(1);
        assertThat(finish.err()).contains("not signed in within 500 ms", "the link stays valid until");
        assertThat(pinFile()).exists();
        assertThat(tokenFile()).doesNotExist();

        plexTv.authorize(pin.id());
        Run again = login(null, "--poll-interval", "0.1");
        assertThat(again.exit()).as(again.err()).isZero();
        assertTokenSaved(again);
        assertThat(plexTv.createdCount()).as("the pending PIN was reused").isEqualTo(1);
    }

    @Test
    void tokenRejectedByPlexIsNotSaved() throws Exception {
        acceptToken("some-other-token");
        plexTv = PlexTvServer.builder().authorizeAfter(Duration.ZERO).minPollInterval(null).token(TOKEN)
                .start("127.0.0.1", 0);
        stepOne();
        Run finish = login(null, "--poll-interval", "0.1");
        assertThat(finish.exit()).isEqualTo(1);
        assertThat(finish.err()).contains("token rejected by the server", "HTTP 401", "not saved");
        assertThat(tokenFile()).doesNotExist();
        assertThat(pinFile()).as("a new sign-in is needed").doesNotExist();
    }

    @Test
    void forbiddenMeansNotTheOwner() {
        plex.stubFor(get(urlEqualTo("/library/sections")).atPriority(0).willReturn(aResponse().withStatus(403)));
        Run run = login(TOKEN + "\n", "--token", "-");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not the server owner");
        assertThat(tokenFile()).doesNotExist();
    }

    @Test
    void sharedUsersTokenIsRefusedUnlessAllowed() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withPlays(200))) {
            String shared = sim.plexTokens().shared();
            Run refused = login(shared + "\n", "--token", "-", "--plex-url", sim.plexUrl());
            assertThat(refused.all()).doesNotContain(shared);
            assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
            assertThat(refused.err()).contains("not the server owner", "shared user's token", "HTTP 403",
                    "the server owner's token", "not saved", "--allow-shared-token");
            assertThat(tokenFile()).doesNotExist();

            Run allowed = login(shared + "\n", "--token", "-", "--allow-shared-token", "--plex-url", sim.plexUrl());
            assertThat(allowed.all()).doesNotContain(shared);
            assertThat(allowed.exit()).as(allowed.err()).isZero();
            assertThat(allowed.err()).contains("warning: saved a shared user's token");
            assertThat(Files.readString(tokenFile()).strip()).isEqualTo(shared);
            assertThat(perms(tokenFile())).isEqualTo("rw-------");

            String admin = sim.plexTokens().admin();
            Run owner = login(admin + "\n", "--token", "-", "--plex-url", sim.plexUrl());
            assertThat(owner.all()).doesNotContain(admin);
            assertThat(owner.exit()).as(owner.err()).isZero();
            assertThat(owner.err()).isEmpty();
            assertThat(Files.readString(tokenFile()).strip()).isEqualTo(admin);
        }
    }

    @Test
    void directTokenFromStdin() throws Exception {
        Run run = login("\n  " + TOKEN + "  \n", "--token", "-");
        assertThat(run.exit()).as(run.err()).isZero();
        assertTokenSaved(run);
        assertThat(run.err()).isEmpty();
        assertThat(pinFile()).doesNotExist();
    }

    @Test
    void directTokenAsArgumentWarnsAndIsVerified() throws Exception {
        Run run = login(null, "--token", TOKEN);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("prefer `--token -`");
        assertTokenSaved(run);

        Run wrong = login("wrong-token\n", "--token", "-");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("token rejected by the server");
        assertThat(Files.readString(tokenFile()).strip()).as("the good token was kept").isEqualTo(TOKEN);
    }

    @Test
    void badUsageExitsWith2() {
        assertThat(login("", "--token", "-").exit()).isEqualTo(2);
        assertThat(login(null, "--token", "abc", "start").exit()).isEqualTo(2);
        assertThat(login(null, "bogus").exit()).isEqualTo(2);
        assertThat(login(null, "--poll-interval", "0").exit()).isEqualTo(2);
        Run noServer = login(null, "--plex-url", "", "start");
        assertThat(noServer.exit()).isEqualTo(2);
        assertThat(noServer.err()).contains("--plex-url", "PLEX_URL");
        Run finishWithoutStart = login(null, "finish", "--plextv-url", "http://127.0.0.1:9");
        assertThat(finishWithoutStart.exit()).isEqualTo(1);
        assertThat(finishWithoutStart.err()).contains("no pending login");
        assertThat(tokenFile()).doesNotExist();
    }

    @Test
    void plexUrlDefaultsFromTheEnvironment() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LoginCommand command = new LoginCommand().withEnvironment(Map.of("PLEX_URL", plex.baseUrl(),
                        "PLEX_TOKEN_FILE", tokenFile().toString(), "PROJECTIONIST_DATA_DIR", dataDir().toString()), tmp)
                .withStdin(new ByteArrayInputStream(TOKEN.getBytes(StandardCharsets.UTF_8)));
        int exit = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--token", "-");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain(TOKEN).contains("Living Room PMS");
        assertThat(Files.readString(tokenFile()).strip()).isEqualTo(TOKEN);
        assertThat(dataDir().resolve("plex-client-id")).exists();
    }

    @Test
    void registeredInTheLauncherWithItsUsage() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Projectionist()).setOut(new PrintWriter(out, true)).execute("login", "--help");
        assertThat(exit).isZero();
        String usage = out.toString();
        assertThat(usage).contains("projectionist login", "start|finish", "--plex-url", "--plextv-url", "--token",
                "--data-dir", "--token-file", "--poll-interval", "--timeout", "--wait", "PLEX_TOKEN_FILE",
                "Exit codes");
        Matcher m = Pattern.compile("Usage: (.*)").matcher(usage);
        assertThat(m.find()).isTrue();
    }
}
