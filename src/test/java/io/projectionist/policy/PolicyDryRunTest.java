package io.projectionist.policy;

import io.projectionist.Projectionist;
import io.projectionist.ops.Scrape;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.world.LiveSession;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Dry-run: the 4K transcode is reported once (log and audit line), and keeps playing. */
@CamelMainTest(mainClass = Projectionist.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyDryRunTest {

    static final Path DIR = Path.of("target/it/policy-dry-run");
    static Simulator sim;
    static Map<String, String> props;

    @BeforeAll
    static void start() throws Exception {
        Scrape.deleteRecursively(DIR);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(50));
        props = new LinkedHashMap<>();
        props.putAll(SimulatorSettings.of(sim, false, DIR));
        props.put("projectionist.management.enabled", "false");
        props.put("projectionist.history.enabled", "false");
        props.put("projectionist.events.enabled", "false");
        props.put("projectionist.policy.mode", "dry-run");
        props.put("projectionist.activity.cron", "0/1 * * * * ?");
        props.put("projectionist.policy.rules", "no-4k-transcodes");
        props.put("projectionist.policy.rules.no-4k-transcodes.transcode", "true");
        props.put("projectionist.policy.rules.no-4k-transcodes.source-resolution", "4k");
        props.put("projectionist.policy.rules.no-4k-transcodes.message", "4K needs a 4K player.");
        props.forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        props.keySet().forEach(System::clearProperty);
        sim.close();
    }

    @Test
    void wouldTerminateIsLoggedOnceAndNothingStops() throws Exception {
        LiveSession movie = sim.sessions().startRandom(1).get(0);
        Path audit = DIR.resolve("data/policy/audit.jsonl");
        assertThat(Scrape.await(20_000, () -> Files.exists(audit))).isTrue();
        Thread.sleep(3_000);
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("\"mode\":\"dry-run\"").contains("\"outcome\":\"would_terminate\"")
                .contains("\"session_key\":\"" + movie.sessionKey() + "\"").contains("4K needs a 4K player.");
        assertThat(sim.sessions().terminations()).isEmpty();
        assertThat(sim.sessions().get(movie.sessionKey())).isPresent();
        // user names and IP addresses: readable by the daemon's user only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(audit))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(audit.getParent())))
                .isEqualTo("rwx------");
    }
}
