package io.projectionist.sim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The daemon's connection settings for a running simulator, for tests that boot the application against it. */
public final class SimulatorSettings {

    private SimulatorSettings() {
    }

    /** {@code tautulli.url} and {@code tautulli.api-key}, and with {@code plex} also {@code plex.url} and the owner's token. */
    public static Map<String, String> of(Simulator sim, boolean plex) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tautulli.url", sim.tautulliUrl());
        settings.put("tautulli.api-key", sim.tautulliApiKey());
        if (plex) {
            settings.put("plex.url", sim.plexUrl());
            settings.put("plex.token", sim.plexTokens().admin());
        }
        return settings;
    }

    /** As {@link #of(Simulator, boolean)}, writing to {@code dir/out} and keeping state in {@code dir/data}. */
    public static Map<String, String> of(Simulator sim, boolean plex, Path dir) {
        Map<String, String> settings = of(sim, plex);
        settings.put("projectionist.out-dir", dir.resolve("out").toString());
        settings.put("projectionist.data-dir", dir.resolve("data").toString());
        return settings;
    }
}
