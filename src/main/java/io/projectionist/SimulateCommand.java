package io.projectionist;

import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Serves only the simulator, printing how to reach it, so routes can be tried against it by hand. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
         description = "Serve the simulated Tautulli (and Plex) until stopped, printing URLs and credentials.")
public class SimulateCommand implements Callable<Integer> {

    @Option(names = "--tautulli-port", defaultValue = "0", description = "Port for the Tautulli API (0 = any free port).")
    int tautulliPort;

    @Option(names = "--plex-port", defaultValue = "0", description = "Port for the Plex server (0 = any free port).")
    int plexPort;

    @Option(names = "--plays", defaultValue = "20000", description = "Plays in the simulated history (default ${DEFAULT-VALUE}).")
    int plays;

    @Option(names = "--days", defaultValue = "90", description = "Days the history spans (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated world (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-sessions", description = "Do not start and stop live sessions by themselves.")
    boolean noSessions;

    @Override
    public Integer call() throws Exception {
        SimulatorOptions options = SimulatorOptions.defaults().withSeed(seed).withPlays(plays).withHistoryDays(days)
                .withTautulliPort(tautulliPort).withPlexPort(plexPort).withAutoSessions(!noSessions);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        try (Simulator sim = Simulator.start(options)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    reported.await(5, TimeUnit.SECONDS); // let the summary below be printed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "simulate-stop"));
            // printed on purpose: these are the simulator's own throw-away credentials
            System.out.println("Simulated Tautulli URL:     " + sim.tautulliUrl());
            System.out.println("Simulated Tautulli API key: " + sim.tautulliApiKey());
            System.out.println("Simulated Plex URL:         " + sim.plexUrl());
            System.out.println("Simulated Plex admin token: " + sim.plexTokens().admin());
            System.out.println("Simulated Plex shared-user token (403 on admin calls): " + sim.plexTokens().shared());
            System.out.println("Simulated plex.tv (login --plextv-url): " + sim.plexTvUrl());
            System.out.printf("World: seed %d, %,d plays over %d days, %d users%n", seed,
                    sim.world().history().size(), days, sim.world().users().size());
            System.out.println("Try: TAUTULLI_URL=" + sim.tautulliUrl() + " TAUTULLI_API_KEY=<key above> PLEX_URL="
                    + sim.plexUrl() + " PLEX_TOKEN=<admin token above> java -jar target/projectionist.jar run");
            System.out.println("Ctrl-C to stop.");
            stop.await();
            // what was asked of it, e.g. for a benchmark that runs the simulator as a separate process
            System.out.printf("Stopped. Plex requests served: %d%n", sim.plexRequests());
            System.out.flush();
            reported.countDown();
        }
        return 0;
    }
}
