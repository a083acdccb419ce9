package io.projectionist.ops;

import io.projectionist.CheckCommand;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.regex.Pattern;

/** {@code projectionist check}: what works, what does not (and why, distinctly), exit code 0/1. */
class CheckCommandTest {

    static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(20));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    record Result(int exitCode, String output) {
    }

    static Result check(Path config) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new CheckCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute("--config", config.toString(), "--timeout", "3");
        return new Result(code, out.toString());
    }

    static Path config(Path dir, String text) throws Exception {
        Path f = dir.resolve("check.properties");
        Files.writeString(f, text + "\nprojectionist.data-dir = " + dir.resolve("data")
                + "\nprojectionist.out-dir = " + dir.resolve("out") + "\n");
        return f;
    }

    @Test
    void allGood(@TempDir Path dir) throws Exception {
        Result r = check(config(dir, "tautulli.url = " + sim.tautulliUrl() + "\ntautulli.api-key = "
                + sim.tautulliApiKey() + "\nplex.url = " + sim.plexUrl() + "\nplex.token = " + sim.plexTokens().admin()));
        assertThat(r.output()).contains("  ok    settings valid")
                .containsPattern("tautulli +" + Pattern.quote(sim.tautulliUrl() + "/api/v2"))
                .contains("  ok    reachable, API key accepted").contains("  ok    reachable, token accepted")
                .contains("result: all good")
                .doesNotContain(sim.tautulliApiKey()).doesNotContain(sim.plexTokens().admin());
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void unreachableTautulliAndWrongPlexTokenAreToldApart(@TempDir Path dir) throws Exception {
        int closed = Scrape.freePort();
        Result r = check(config(dir, "tautulli.url = http://127.0.0.1:" + closed + "\ntautulli.api-key = "
                + sim.tautulliApiKey() + "\nplex.url = " + sim.plexUrl() + "\nplex.token = notTheOwnersToken"));
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        String tautulli = r.output().substring(r.output().indexOf("tautulli "), r.output().indexOf("plex "));
        String plex = r.output().substring(r.output().indexOf("plex "));
        assertThat(tautulli).contains("FAIL  unreachable: ").contains("127.0.0.1:" + closed)
                .doesNotContain("rejected");
        assertThat(plex).contains("FAIL  token rejected (HTTP 401)").contains("PLEX_TOKEN")
                .doesNotContain("unreachable");
        assertThat(r.output()).contains("result: 2 problem(s)").doesNotContain("notTheOwnersToken");
    }

    @Test
    void wrongKeyUnknownOptionsAndMalformedValuesAreNamed(@TempDir Path dir) throws Exception {
        Result r = check(config(dir, "tautulli.url = " + sim.tautulliUrl() + "\ntautulli.api-key = wrongwrongwrong1"
                + "\nprojectionist.histroy.enabled = false\nprojectionist.history.page-size = lots"
                + "\nprojectionist.policy.mode = on"));
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output())
                .contains("FAIL  unknown option projectionist.histroy.enabled in ")
                .contains("(did you mean projectionist.history.enabled?)")
                .contains("FAIL  projectionist.history.page-size (PROJECTIONIST_HISTORY_PAGE_SIZE) must be a whole"
                        + " number, not 'lots'")
                .contains("FAIL  projectionist.policy.mode (PROJECTIONIST_POLICY_MODE) must be off, dry-run or enforce")
                .contains("FAIL  API key rejected (Invalid apikey)")
                .contains("skipped: Plex is optional")
                .doesNotContain("wrongwrongwrong1");
    }
}
