package io.projectionist.activity;

import io.projectionist.sim.Simulator;
import io.projectionist.tautulli.TautulliClient;
import io.projectionist.tautulli.model.Activity;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** Reads the simulator's get_activity through the real Tautulli client, as the poller does. */
public final class SimActivity {

    private final TautulliClient client;

    public SimActivity(Simulator sim) {
        this.client = new TautulliClient(HttpClient.newHttpClient(), sim.tautulliUrl(), sim.tautulliApiKey(),
                Duration.ofSeconds(10), false);
    }

    public Activity snapshot() {
        return (Activity) client.callTyped("get_activity", Map.of());
    }
}
