package io.projectionist;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.SettingsValidator;
import io.projectionist.support.AtomicFiles;
import io.projectionist.support.SecretFiles;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.properties.PropertiesLocation;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots Camel Main with Projectionist's settings: {@code application.properties} from the jar (the documented
 * defaults), then from the working directory, then any {@code --config} files (later files win); environment
 * variables and system properties override them all. Routes come from {@code routes/*.yaml} and from the
 * {@code RouteBuilder}s in this package tree.
 */
public final class Daemon {

    /** What a run needs besides the properties files. */
    public record Options(List<Path> configFiles, Integer durationSeconds, Map<String, String> overrides) {
        public Options {
            configFiles = configFiles == null ? List.of() : List.copyOf(configFiles);
            overrides = overrides == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(overrides));
        }
    }

    private Daemon() {
    }

    /**
     * Where settings come from, in order (later wins): the jar's defaults, the working directory's
     * application.properties, then each {@code --config} file. Shared by every command that reads settings.
     */
    public static String propertyLocations(List<Path> configFiles) {
        StringBuilder locations = new StringBuilder(
                "classpath:application.properties;optional=true,file:application.properties;optional=true");
        for (Path file : configFiles) {
            if (!Files.isReadable(file)) {
                throw new ConfigurationException("--config " + file + ": no such readable file");
            }
            locations.append(",file:").append(file.toAbsolutePath());
        }
        return locations.toString();
    }

    /**
     * The settings as the daemon resolves them without booting it: the files of {@link #propertyLocations} merged,
     * later ones winning, as Camel Main merges them (a bare properties component would let the first location win,
     * so the jar's empty defaults would hide a {@code --config} file); {@code overrides} over them; environment
     * variables and system properties over all. A Camel context that is built, for its properties component, but
     * holds no route and is not started: for the commands that only read settings ({@code report}, {@code curate},
     * {@code check}) or run a few routes of their own ({@code replay}).
     */
    public static DefaultCamelContext settings(List<Path> configFiles, Map<String, String> overrides) {
        String locations = propertyLocations(configFiles);
        DefaultCamelContext context = new DefaultCamelContext();
        Properties merged = new Properties();
        for (String spec : locations.split(",")) {
            PropertiesLocation location = new PropertiesLocation(spec);
            Resource resource = ResourceHelper.resolveResource(context, location.getResolver() + ":"
                    + location.getPath());
            if (resource == null || !resource.exists()) {
                continue; // optional: propertyLocations already refused a missing --config file
            }
            try (Reader r = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                merged.load(r);
            } catch (IOException e) {
                throw new ConfigurationException("cannot read " + location.getPath() + ": " + e.getMessage());
            }
        }
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.setInitialProperties(merged);
        Properties o = new Properties();
        o.putAll(overrides);
        pc.setOverrideProperties(o);
        context.build();
        return context;
    }

    public static Main create(Options options) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertyLocations(options.configFiles()));
        options.overrides().forEach(main::addOverrideProperty);
        if (options.durationSeconds() != null) {
            main.addOverrideProperty("camel.main.duration-max-seconds", String.valueOf(options.durationSeconds()));
        }
        main.addMainListener(new SettingsValidator());
        main.addMainListener(new PrivateDataDir());
        main.addMainListener(new ManagementAddress());
        return main;
    }

    /**
     * Checks the management server's authentication settings, and once it runs logs the address it really listens
     * on (Camel's own summary prints 0.0.0.0 whatever the bind address, so it is turned off in log4j2.properties).
     */
    static final class ManagementAddress extends MainListenerSupport {
        private static final Logger LOG = LoggerFactory.getLogger("io.projectionist.management");

        @Override
        public void beforeConfigure(BaseMainSupport main) {
            PropertiesComponent pc = main.getCamelContext().getPropertiesComponent();
            if (!"true".equalsIgnoreCase(pc.resolveProperty("projectionist.management.authentication").orElse("false")
                    .strip())) {
                return;
            }
            String file = pc.resolveProperty("projectionist.management.users-file").map(String::strip).orElse("");
            if (file.isEmpty()) {
                throw new ConfigurationException("projectionist.management.authentication"
                        + " (PROJECTIONIST_MANAGEMENT_AUTHENTICATION) is true but projectionist.management.users-file"
                        + " (PROJECTIONIST_MANAGEMENT_USERS_FILE) is not set");
            }
            try {
                // the same rule as every secret file: it exists, is not empty and is readable by its owner only
                SecretFiles.read(Path.of(file), "projectionist.management.users-file (PROJECTIONIST_MANAGEMENT_USERS_FILE)");
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }

        @Override
        public void afterStart(BaseMainSupport main) {
            ManagementHttpServer server = main.getCamelContext().hasService(ManagementHttpServer.class);
            if (server != null) {
                LOG.info(describe(server.getHost(), server.getPort(), server.getPath(),
                        server.getConfiguration().getAuthenticationConfig().isEnabled()));
            }
        }

        /** "Management endpoints on http://127.0.0.1:9876/observe/… (this machine only; no authentication)". */
        static String describe(String host, int port, String path, boolean authentication) {
            String h = host == null || host.isBlank() ? "0.0.0.0" : host.strip();
            boolean everywhere = h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]");
            boolean loopback = h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
            String base = path == null || path.isBlank() || path.equals("/") ? "" : path.replaceAll("/+$", "");
            return "Management endpoints on http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h)
                    + ":" + port + base + "/observe/health, /observe/health/ready, /observe/metrics ("
                    + (everywhere ? "every network interface" : loopback ? "this machine only" : "this address only")
                    + "; " + (authentication ? "basic authentication" : "no authentication") + ")";
        }
    }

    /**
     * Creates the data folder (user names and IP addresses in audit logs, dead letters) with mode 0700 before any
     * route or store writes into it; its subfolders then are out of other users' reach whatever their modes.
     */
    static final class PrivateDataDir extends MainListenerSupport {
        @Override
        public void beforeConfigure(BaseMainSupport main) {
            Path dir = Path.of(main.getCamelContext().getPropertiesComponent()
                    .resolveProperty("projectionist.data-dir").map(String::strip).filter(v -> !v.isEmpty())
                    .orElse("data"));
            try {
                AtomicFiles.createPrivateDirectories(dir);
            } catch (IOException e) {
                throw new ConfigurationException("projectionist.data-dir (PROJECTIONIST_DATA_DIR): cannot create "
                        + dir.toAbsolutePath() + " (" + e + ")");
            }
        }
    }

    /** Runs until stopped (SIGTERM / Ctrl-C) or the duration ends; returns the exit code. */
    public static int run(Options options) throws Exception {
        Main main = create(options);
        try {
            main.run();
        } catch (Exception e) {
            Optional<ConfigurationException> yaml = routesFileError(e);
            if (yaml.isPresent()) {
                throw yaml.get();
            }
            throw e;
        }
        return main.getExitCode();
    }

    /**
     * A mistake in a {@code routes/*.yaml} file as one line, {@code routes/x.yaml:12: what}: Camel's YAML loader
     * reports it as a stack trace whose location is only in a "Caused by" (the parser's marked exception).
     */
    static Optional<ConfigurationException> routesFileError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException m && m.getProblemMark().isPresent()) {
                Mark mark = m.getProblemMark().get();
                String file = mark.getName().replaceFirst("^file:", "");
                String what = m.getProblem() == null ? "" : m.getProblem().strip();
                if (m.getContext() != null && !m.getContext().isBlank()) {
                    what += " (" + m.getContext().strip() + ")";
                }
                return Optional.of(new ConfigurationException(file + ":" + (mark.getLine() + 1) + ": " + what));
            }
        }
        return Optional.empty();
    }
}
