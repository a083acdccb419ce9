package io.projectionist;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.SettingsValidator;
import io.projectionist.support.AtomicFiles;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public static Main create(Options options) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertyLocations(options.configFiles()));
        options.overrides().forEach(main::addOverrideProperty);
        if (options.durationSeconds() != null) {
            main.addOverrideProperty("camel.main.duration-max-seconds", String.valueOf(options.durationSeconds()));
        }
        main.addMainListener(new SettingsValidator());
        main.addMainListener(new PrivateDataDir());
        return main;
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
        main.run();
        return main.getExitCode();
    }
}
