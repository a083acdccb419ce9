package io.projectionist;

import io.projectionist.ops.ConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * The launcher. {@code run} (the default) is the daemon; {@code demo} runs it against the built-in simulator;
 * {@code simulate} serves only the simulator so routes can be tried against it.
 */
@Command(name = "projectionist", mixinStandardHelpOptions = true, version = "projectionist 0.1.0",
         description = "A headless Apache Camel daemon for Plex Media Server and Tautulli.",
         subcommands = {RunCommand.class, DemoCommand.class, SimulateCommand.class, LoginCommand.class, ReportCommand.class, ReplayCommand.class, CurateCommand.class, CheckCommand.class, CommandLine.HelpCommand.class})
public class Projectionist implements Callable<Integer> {

    /** Exit code for configuration mistakes (distinct from Camel's own failures). */
    public static final int EXIT_CONFIG = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Projectionist());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            ConfigurationException config = findConfigurationError(e);
            if (config != null) {
                cmd.getErr().println("projectionist: configuration error: " + config.getMessage());
                return EXIT_CONFIG;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** Camel wraps what a listener throws; the launcher reports the setting, not the wrapping. */
    static ConfigurationException findConfigurationError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        return new RunCommand().call();
    }
}
