package io.projectionist.report;

import io.projectionist.CommandRun;
import io.projectionist.Projectionist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.io.TempDir;

/** {@code projectionist report}: settings as the daemon reads them, files written, paths printed. */
class ReportCommandTest {

    static final List<String> PROPS = List.of("tautulli.url", "tautulli.api-key", "projectionist.out-dir");

    @AfterEach
    void clear() {
        PROPS.forEach(System::clearProperty);
    }

    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void writesTheReportIntoTheConfiguredFolderAndPrintsThePaths() throws Exception {
        Path outDir = Path.of("target/report-test/command");
        ReportFromSimulatorTest.deleteRecursively(outDir);
        try (SimulatedReport env = new SimulatedReport(3_000, 60, ZoneOffset.UTC, false)) {
            System.setProperty("tautulli.url", env.sim.tautulliUrl());
            System.setProperty("tautulli.api-key", env.sim.tautulliApiKey());
            System.setProperty("projectionist.out-dir", outDir.toString());
            CommandRun r = run("report", "--days", "30");
            assertThat(r.code()).as(r.err()).isZero();
            List<Path> printed = Arrays.stream(r.out().split("\\R")).filter(s -> !s.isBlank()).map(Path::of).toList();
            assertThat(printed).hasSize(10);
            // projectionist.report.dir defaults to {{projectionist.out-dir}}/reports
            assertThat(printed.get(0).toString()).startsWith(outDir.resolve("reports").toString())
                    .endsWith("-30d.html");
            printed.forEach(p -> assertThat(p).isRegularFile());
            assertThat(Files.readString(printed.get(0))).contains("30-day viewing report")
                    .contains("Plex is not configured (plex.url): collection insights were skipped.");
            assertThat(r.err()).startsWith("30-day viewing report").contains("Full report: " + printed.get(0));
        }
    }

    @Test
    void aMissingSettingIsNamedAndExitsWithTwo() {
        CommandRun r = run("report", "--dir", "target/report-test/never");
        assertThat(r.code()).isEqualTo(Projectionist.EXIT_CONFIG);
        assertThat(r.err()).contains("configuration error").contains("tautulli.url (TAUTULLI_URL) is not set");
        assertThat(Path.of("target/report-test/never")).doesNotExist();
    }

    @Test
    void aBadPeriodIsAConfigurationError() {
        System.setProperty("tautulli.url", "http://127.0.0.1:9");
        System.setProperty("tautulli.api-key", "k");
        CommandRun r = run("report", "--days", "0");
        assertThat(r.code()).isEqualTo(Projectionist.EXIT_CONFIG);
        assertThat(r.err()).contains("projectionist.report.days (PROJECTIONIST_REPORT_DAYS) must be between 1 and 3660");
    }

    @Test
    void aConfigFileIsReadAsTheDaemonReadsIt(@TempDir Path dir) throws Exception {
        // the jar's empty defaults used to hide the --config file: "tautulli.url is not set"
        Path config = dir.resolve("mine.properties");
        Files.writeString(config, "tautulli.url = http://127.0.0.1:9\ntautulli.api-key = k\n"
                + "projectionist.report.days = 0\n");
        CommandRun r = run("report", "--config", config.toString());
        assertThat(r.code()).isEqualTo(Projectionist.EXIT_CONFIG);
        assertThat(r.err()).doesNotContain("is not set")
                .contains("projectionist.report.days (PROJECTIONIST_REPORT_DAYS) must be between 1 and 3660, not 0");
    }
}
