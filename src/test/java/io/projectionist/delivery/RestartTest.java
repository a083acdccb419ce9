package io.projectionist.delivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.world.LiveSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The poller, differ and delivery end to end, stopped and started again over the same data folder. */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void aRestartDoesNotAnnounceStreamsAgain() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withPlays(100))) {
            WireMockServer wm = new WireMockServer(options().dynamicPort());
            wm.start();
            wm.stubFor(post(urlPathEqualTo("/hook")).willReturn(ok()));
            Map<String, String> p = Map.of("tautulli.url", sim.tautulliUrl(), "tautulli.api-key", sim.tautulliApiKey(),
                    "projectionist.activity.cron", "0/1 * * * * ?", "projectionist.events.start-after-seconds", "1",
                    "projectionist.data-dir", dir.resolve("data").toString(),
                    "projectionist.out-dir", dir.resolve("out").toString(),
                    "projectionist.webhooks", "hook", "projectionist.webhooks.hook.url", wm.baseUrl() + "/hook");
            LiveSession s = sim.sessions().startRandom(1).get(0);
            try (Harness first = new Harness(p)) {
                assertThat(Harness.await(() -> events(wm).contains("playback.started"), 10_000)).isTrue();
            }
            try (Harness second = new Harness(p)) {
                Thread.sleep(3_500); // three polls after the restart
                assertThat(events(wm)).containsExactly("playback.started");
                sim.sessions().stop(s.sessionKey());
                assertThat(Harness.await(() -> events(wm).contains("playback.stopped"), 5_000)).isTrue();
                Thread.sleep(1_200);
            } finally {
                wm.stop();
            }
            assertThat(events(wm)).containsExactly("playback.started", "playback.stopped");
        }
    }

    static List<String> events(WireMockServer wm) {
        return Harness.received(wm).stream().map(Harness.Received::event).toList();
    }
}
