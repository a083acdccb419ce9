package io.projectionist;

import io.projectionist.ops.Scrape;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up as a user meets it: a broken routes file is one line and exit 2; an unusable Plex is said at once. */
class DaemonStartupTest {

    final Map<String, String> props = new LinkedHashMap<>();

    @AfterEach
    void clear() {
        props.keySet().forEach(System::clearProperty);
    }

    void set(Map<String, String> values) {
        props.putAll(values);
        values.forEach(System::setProperty);
    }

    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    Map<String, String> quiet(Path dir) {
        return Map.of("projectionist.data-dir", dir.resolve("data").toString(),
                "projectionist.out-dir", dir.resolve("out").toString(),
                "projectionist.management.enabled", "false",
                "projectionist.history.enabled", "false");
    }

    @Test
    void aSyntaxErrorInARoutesFileIsOneLineNamingFileAndLineAndExitsTwo(@TempDir Path dir) throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("x.yaml"), """
                - route:
                    id: x
                    from:
                      uri: timer:x
                      steps:
                        - log: "hi"
                       - log: bad
                """);
        set(quiet(dir));
        set(Map.of("tautulli.url", "http://127.0.0.1:9", "tautulli.api-key", "k",
                "projectionist.routes-dir", routes.toString()));
        CommandRun r = run("run", "--duration", "3");
        assertThat(r.code()).as(r.err()).isEqualTo(Projectionist.EXIT_CONFIG);
        String line = r.err().lines().filter(l -> l.startsWith("projectionist:")).findFirst().orElse("");
        assertThat(line).isEqualTo("projectionist: configuration error: " + routes.resolve("x.yaml") + ":7: expected"
                + " <block end>, but found '<block sequence start>' (while parsing a block mapping)");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Caused by");
    }

    @Test
    void anUnknownStepInARoutesFileIsOneLineToo(@TempDir Path dir) throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("y.yaml"), """
                - route:
                    from:
                      uri: timer:y
                      steps:
                        - lgo: "hi"
                """);
        set(quiet(dir));
        set(Map.of("tautulli.url", "http://127.0.0.1:9", "tautulli.api-key", "k",
                "projectionist.routes-dir", routes.toString()));
        CommandRun r = run("run", "--duration", "3");
        assertThat(r.code()).as(r.err()).isEqualTo(Projectionist.EXIT_CONFIG);
        assertThat(r.err()).contains("projectionist: configuration error: " + routes.resolve("y.yaml") + ":5: ")
                .contains("lgo").doesNotContain("\tat ");
    }

    @Test
    void aPlexThatRefusesTheTokenIsSaidOnceAtStartWithoutTheToken(@TempDir Path dir) throws Exception {
        String wrong = "wr0ngt0kenwr0ngt0ken";
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withPlays(20))) {
            List<String> warnings = startAndCollectWarnings(dir, Map.of("tautulli.url", sim.tautulliUrl(),
                    "tautulli.api-key", sim.tautulliApiKey(), "plex.url", sim.plexUrl(), "plex.token", wrong));
            assertThat(warnings).filteredOn(w -> w.contains("Plex is unusable")).singleElement().asString()
                    .contains("token rejected (HTTP 401)").contains("plex.token").doesNotContain(wrong);
        }
    }

    @Test
    void anUnreachablePlexIsSaidOnceAtStart(@TempDir Path dir) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withPlays(20))) {
            List<String> warnings = startAndCollectWarnings(dir, Map.of("tautulli.url", sim.tautulliUrl(),
                    "tautulli.api-key", sim.tautulliApiKey(), "plex.url", "http://127.0.0.1:" + Scrape.freePort(),
                    "plex.token", "t0ken"));
            assertThat(warnings).filteredOn(w -> w.contains("Plex is unusable")).singleElement().asString()
                    .contains("unreachable").contains("plex.url");
        }
    }

    /** Runs the daemon for a few seconds (history off: nothing else would touch Plex) and returns its warnings. */
    List<String> startAndCollectWarnings(Path dir, Map<String, String> settings) throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        set(quiet(dir));
        set(settings);
        set(Map.of("projectionist.routes-dir", routes.toString()));
        List<String> warnings = new CopyOnWriteArrayList<>();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("startup-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.WARN, null);
        ctx.updateLoggers();
        try {
            CommandRun r = run("run", "--duration", "4");
            assertThat(r.code()).as(r.err()).isZero();
        } finally {
            ctx.getConfiguration().getRootLogger().removeAppender("startup-capture");
            ctx.updateLoggers();
            capture.stop();
        }
        return new ArrayList<>(warnings);
    }
}
