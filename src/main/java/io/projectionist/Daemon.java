package io.projectionist;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.SettingsValidator;
import org.apache.camel.component.properties.PropertiesLocation;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
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
        return main;
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
