package io.projectionist;

import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Starts the simulator with live sessions and runs the daemon against it, so a newcomer sees every shipped route
 * work with one command and no server of their own.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
         description = "Run the daemon against the built-in simulator of Tautulli and Plex.")
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--plays", defaultValue = "20000", description = "Plays in the simulated history (default ${DEFAULT-VALUE}).")
    int plays;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated world (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (default: until Ctrl-C).")
    Integer durationSeconds;

    @Override
    public Integer call() throws Exception {
        SimulatorOptions options = SimulatorOptions.defaults().withSeed(seed).withPlays(plays).withAutoSessions(true);
        try (Simulator sim = Simulator.start(options)) {
            System.out.printf("Projectionist demo: simulated Tautulli at %s and Plex at %s (%,d plays, %d users, seed %d)%n",
                    sim.tautulliUrl(), sim.plexUrl(), sim.world().history().size(), sim.world().users().size(), seed);
            System.out.printf("Output goes to %s/ — activity snapshots in %s/activity/. Ctrl-C to stop.%n",
                    out, out);
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("tautulli.url", sim.tautulliUrl());
            overrides.put("tautulli.api-key", sim.tautulliApiKey());
            overrides.put("plex.url", sim.plexUrl());
            overrides.put("plex.token", sim.plexTokens().admin());
            overrides.put("projectionist.out-dir", out.toString());
            overrides.put("projectionist.data-dir", out.resolve("data").toString());
            overrides.put("projectionist.activity.cron", "0/5 * * * * ?");
            overrides.put("projectionist.report.on-startup", "true"); // a report in out/reports/ within a minute
            // a curation plan (dry-run) at start; PROJECTIONIST_CURATION_APPLY=true applies it to the simulated Plex
            overrides.put("projectionist.curation.file", "classpath:curation/demo-curation.yaml");
            overrides.put("projectionist.curation.on-startup", "true");
            if (!Files.isDirectory(Path.of("routes"))) {
                // run from anywhere: fall back to the routes packaged in the jar
                overrides.put("camel.main.routes-include-pattern", "classpath:routes/*.yaml");
            }
            return Daemon.run(new Daemon.Options(List.of(), durationSeconds, overrides));
        }
    }
}
