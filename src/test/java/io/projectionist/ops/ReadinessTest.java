package io.projectionist.ops;

import io.projectionist.Projectionist;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.Map;

import static io.projectionist.ops.Scrape.await;
import static io.projectionist.ops.Scrape.get;
import static org.assertj.core.api.Assertions.assertThat;

/** A wrong Tautulli key: readiness goes DOWN naming the check and the cause; liveness stays UP. */
@CamelMainTest(mainClass = Projectionist.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadinessTest {

    static final String WRONG_KEY = "wr0ngwr0ngwr0ngwr0ngwr0ngwr0ng00";
    static final Path DIR = Path.of("target/it/ops-readiness");
    static Simulator sim;
    static int port;
    static Map<String, String> props;

    @BeforeAll
    static void start() throws Exception {
        Scrape.deleteRecursively(DIR);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(50));
        port = Scrape.freePort();
        props = Map.of("tautulli.url", sim.tautulliUrl(), "tautulli.api-key", WRONG_KEY,
                "plex.url", sim.plexUrl(), "plex.token", sim.plexTokens().admin(),
                "projectionist.out-dir", DIR.resolve("out").toString(),
                "projectionist.data-dir", DIR.resolve("data").toString(),
                "projectionist.management.port", String.valueOf(port),
                "projectionist.health.cache-ms", "0");
        props.forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        props.keySet().forEach(System::clearProperty);
        sim.close();
    }

    @Test
    void wrongKeyMakesReadinessDownButNotLiveness() throws Exception {
        assertThat(await(20_000, () -> get(port, "/observe/health/live").status() == 200)).isTrue();
        Scrape.Response ready = get(port, "/observe/health/ready?exposureLevel=full");
        assertThat(ready.status()).as(ready.body()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\":\"DOWN\"").contains("\"name\":\"tautulli\",\"status\":\"DOWN\"")
                .contains("API key rejected").contains("\"name\":\"plex\",\"status\":\"UP\"")
                .doesNotContain(WRONG_KEY);
        assertThat(get(port, "/observe/health").body()).contains("DOWN");
    }
}
