package io.projectionist.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped application with policies enforced against the simulator: the 4K transcode is terminated once
 * through Tautulli with its message, the music track once through Plex with its own, the episode is left alone,
 * and the audit log holds one line per termination.
 */
@CamelMainTest(mainClass = Projectionist.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyEnforceTest {

    static final Path DIR = Path.of("target/it/policy-enforce");
    static Simulator sim;
    static Map<String, String> props;

    @BeforeAll
    static void start() throws Exception {
        Scrape.deleteRecursively(DIR);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(50));
        props = new LinkedHashMap<>();
        props.putAll(SimulatorSettings.of(sim, true, DIR));
        props.put("projectionist.management.enabled", "false");
        props.put("projectionist.history.enabled", "false");
        props.put("projectionist.events.enabled", "false");
        props.put("projectionist.policy.mode", "enforce");
        props.put("projectionist.activity.cron", "0/1 * * * * ?");
        props.put("projectionist.policy.rules", "no-4k-transcodes,no-music");
        props.put("projectionist.policy.rules.no-4k-transcodes.transcode", "true");
        props.put("projectionist.policy.rules.no-4k-transcodes.source-resolution", "4k");
        props.put("projectionist.policy.rules.no-4k-transcodes.message", "4K needs a 4K player, {user}.");
        props.put("projectionist.policy.rules.no-music.media-types", "track");
        props.put("projectionist.policy.rules.no-music.via", "plex");
        props.put("projectionist.policy.rules.no-music.message", "No music streaming tonight.");
        props.forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        props.keySet().forEach(System::clearProperty);
        sim.close();
    }

    @Test
    void breakingSessionsAreTerminatedOnceWithTheirMessage() throws Exception {
        List<LiveSession> started = sim.sessions().startRandom(3); // 4K transcode over WAN, LAN episode, track
        LiveSession movie = started.get(0);
        LiveSession episode = started.get(1);
        LiveSession track = started.get(2);
        assertThat(Scrape.await(20_000, () -> sim.sessions().terminations().size() >= 2))
                .as(() -> "terminations " + sim.sessions().terminations() + ", sessions " + sim.sessions().list())
                .isTrue();
        Thread.sleep(3_000); // three more polls: nothing is terminated twice
        assertThat(sim.sessions().terminations()).hasSize(2);
        assertThat(sim.sessions().terminationMessage(movie.sessionKey()))
                .hasValue("4K needs a 4K player, " + movie.user().friendlyName() + ".");
        assertThat(sim.sessions().terminationMessage(track.sessionKey())).hasValue("No music streaming tonight.");
        assertThat(sim.sessions().get(episode.sessionKey())).isPresent();

        Path audit = DIR.resolve("data/policy/audit.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(audit)) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(l.path("outcome").asText()).isEqualTo("terminated"));
        assertThat(lines).extracting(l -> l.path("rule").asText() + "/" + l.path("via").asText() + "/"
                + l.path("session_key").asText()).containsExactlyInAnyOrder(
                "no-4k-transcodes/tautulli/" + movie.sessionKey(), "no-music/plex/" + track.sessionKey());
        assertThat(lines.get(0).path("mode").asText()).isEqualTo("enforce");
    }
}
