package io.projectionist;

import io.projectionist.delivery.DeliveryConfig;
import io.projectionist.delivery.DeliveryRuntime;
import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.SettingsValidator;
import io.projectionist.ops.Upstreams;
import io.projectionist.plex.PlexClient;
import io.projectionist.policy.PolicyConfig;
import io.projectionist.policy.PolicyRoutes;
import io.projectionist.tautulli.TautulliClient;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Validates the configuration the daemon would start with (the same files, environment variables and system
 * properties) and tries each upstream read-only: Tautulli ({@code arnold}, {@code get_tautulli_info},
 * {@code server_status}) and Plex ({@code GET /}) when {@code plex.url} is set. Prints one line per finding and exits
 * 0 when everything works, 1 otherwise. Nothing is written and no webhook is called.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
         description = "Check the configuration and try Tautulli and Plex read-only; exit code 0 = all good, 1 = not.")
public class CheckCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Extra properties file(s) over application.properties; later files win.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up on an upstream after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private int problems;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        problems = 0;
        out.println("Projectionist check");
        List<String> sources = new ArrayList<>(List.of("application.properties (defaults)"));
        List<Path> userFiles = new ArrayList<>();
        if (Files.isReadable(Path.of("application.properties"))) {
            userFiles.add(Path.of("application.properties"));
        }
        for (Path file : configFiles) {
            if (!Files.isReadable(file)) {
                section("configuration", "");
                fail("--config " + file + ": no such readable file");
                return finish();
            }
            userFiles.add(file);
        }
        userFiles.forEach(f -> sources.add(f.toAbsolutePath().toString()));
        // the daemon's settings, for the readers that take a context; never started (and not closed, which would
        // log a shutdown)
        CamelContext context = Daemon.settings(configFiles, Map.of());
        {
            PropertiesComponent pc = context.getPropertiesComponent();
            Function<String, Optional<String>> p = Upstreams.nonBlank(pc::resolveProperty);

            section("configuration", String.join(", ", sources) + " + environment");
            int before = problems;
            SettingsValidator.unknownOptions(userFiles, System.getenv()).forEach(this::fail);
            validate(() -> SettingsValidator.validate(pc));
            validate(() -> {
                DeliveryConfig d = DeliveryRuntime.loadConfig(context);
                info("webhooks: " + (d.destinations().isEmpty() ? "none configured"
                        : d.destinations().size() + " destination(s) " + d.destinations().stream()
                                .map(x -> x.name()).toList() + " (not contacted: sending is not read-only)"));
            });
            validate(() -> {
                PolicyConfig c = PolicyRoutes.loadConfig(context);
                info("stream policies: " + c.mode().wire() + (c.rules().isEmpty() ? ", no rules"
                        : ", " + c.rules().size() + " rule(s) " + c.rules().stream().map(r -> r.name()).toList()));
            });
            for (String dir : List.of("projectionist.data-dir", "projectionist.out-dir")) {
                p.apply(dir).ifPresent(d -> writable(dir, Path.of(d)));
            }
            if (problems == before) {
                ok("settings valid");
            }

            Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
            TautulliClient tautulli = null;
            try {
                TautulliClient t = Upstreams.tautulli(context);
                tautulli = t.withRequestTimeout(Upstreams.capped(t.requestTimeout(), timeout));
            } catch (ConfigurationException | IllegalArgumentException e) {
                section("tautulli", p.apply("tautulli.url").orElse("(not set)"));
                fail("cannot be tried: " + e.getMessage());
            }
            if (tautulli != null) {
                section("tautulli", tautulli.apiUri().toString());
                report(Upstreams.probeTautulli(tautulli, true));
            }
            if (p.apply("plex.url").isEmpty()) {
                section("plex", "(plex.url not set)");
                info("skipped: Plex is optional until a route or enrichment uses it");
            } else {
                try {
                    PlexClient c = Upstreams.plex(context).orElseThrow();
                    PlexClient plex = c.withRequestTimeout(Upstreams.capped(c.requestTimeout(), timeout));
                    section("plex", plex.baseUrl());
                    report(Upstreams.probePlex(plex));
                } catch (ConfigurationException | IllegalArgumentException e) {
                    section("plex", p.apply("plex.url").orElse(""));
                    fail("cannot be tried: " + e.getMessage());
                }
            }
        }
        return finish();
    }

    private int finish() {
        out.println(problems == 0 ? "result: all good" : "result: " + problems + " problem(s)");
        out.flush();
        return problems == 0 ? 0 : 1;
    }

    private void validate(Runnable r) {
        try {
            r.run();
        } catch (ConfigurationException e) {
            Arrays.stream(e.getMessage().split("; ")).forEach(this::fail);
        }
    }

    private void writable(String key, Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            fail(key + " '" + dir + "' is not writable" + (existing == null ? "" : " (" + existing + ")"));
        } else {
            info(key + ": " + dir.toAbsolutePath() + (Files.exists(dir) ? "" : " (will be created)"));
        }
    }

    private void report(Upstreams.Probe probe) {
        switch (probe.status()) {
            case OK -> ok(probe.detail());
            case UNREACHABLE -> fail(probe.detail());
            case REJECTED -> fail(probe.detail());
            default -> fail("error: " + probe.detail());
        }
    }

    private void section(String name, String detail) {
        out.printf("%-14s %s%n", name, detail);
    }

    private void ok(String line) {
        out.println("  ok    " + line);
    }

    private void info(String line) {
        out.println("  info  " + line);
    }

    private void fail(String line) {
        problems++;
        out.println("  FAIL  " + line);
    }
}
