package io.projectionist;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs the daemon against the configured Tautulli (and Plex). */
@Command(name = "run", mixinStandardHelpOptions = true,
         description = "Run the daemon: the routes in routes/*.yaml against the configured Tautulli and Plex.")
public class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Extra properties file(s) over application.properties; later files win.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: run until stopped).")
    Integer durationSeconds;

    @Override
    public Integer call() throws Exception {
        return Daemon.run(new Daemon.Options(configFiles, durationSeconds, Map.of()));
    }
}
