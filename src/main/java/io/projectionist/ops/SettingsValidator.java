package io.projectionist.ops;

import io.projectionist.support.SecretFiles;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.quartz.CronExpression;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the settings before any route starts, so a mistake stops start-up with one line that names the setting
 * instead of a stack trace from deep inside a route. Runs as a Camel Main listener, after the properties (files,
 * environment, system properties) are loaded.
 */
public class SettingsValidator extends MainListenerSupport {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.projectionist.config");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent pc = main.getCamelContext().getPropertiesComponent();
        warnUnknown(pc);
        validate(pc);
    }

    /** Options no code reads (typos) in the user's files and environment: a warning each, naming the key. */
    static void warnUnknown(PropertiesComponent pc) {
        for (String problem : unknownOptions(pc, System.getenv())) {
            LOG.warn("configuration: {}", problem);
        }
    }

    /** Unknown keys in the {@code file:} property locations and unknown {@code PROJECTIONIST_*} variables. */
    public static List<String> unknownOptions(PropertiesComponent pc, java.util.Map<String, String> env) {
        List<Path> files = new ArrayList<>();
        for (String spec : pc.getLocations()) {
            var location = new org.apache.camel.component.properties.PropertiesLocation(spec);
            if ("file".equals(location.getResolver())) {
                files.add(Path.of(location.getPath()));
            }
        }
        return unknownOptions(files, env);
    }

    /** Unknown keys in the user's properties files and unknown {@code PROJECTIONIST_*} variables. */
    public static List<String> unknownOptions(List<Path> files, java.util.Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (Path file : files) {
            out.addAll(ConfigAudit.unknownKeys(file));
        }
        out.addAll(ConfigAudit.unknownEnvironment(env));
        return out;
    }

    /** Validates and throws one {@link ConfigurationException} listing every problem found. */
    public static void validate(PropertiesComponent pc) {
        List<String> problems = new ArrayList<>();
        Optional<String> tautulliUrl = value(pc, "tautulli.url");
        if (tautulliUrl.isEmpty()) {
            problems.add(describe("tautulli.url") + " is not set (Tautulli's base URL, e.g. http://nas:8181)");
        } else {
            checkUrl(problems, "tautulli.url", tautulliUrl.get());
        }
        checkSecret(problems, pc, "tautulli.api-key", "tautulli.api-key-file", true);
        Optional<String> plexUrl = value(pc, "plex.url");
        if (plexUrl.isPresent()) {
            checkUrl(problems, "plex.url", plexUrl.get());
            checkSecret(problems, pc, "plex.token", "plex.token-file", true);
        } else {
            checkSecret(problems, pc, "plex.token", "plex.token-file", false);
        }
        checkPositive(problems, pc, "tautulli.request-timeout");
        checkPositive(problems, pc, "tautulli.connect-timeout");
        checkCron(problems, pc, "projectionist.activity.cron");
        // the shipped pattern reads file:<routes-dir>/*.yaml, and Camel fails obscurely when the folder is missing
        value(pc, "projectionist.routes-dir").ifPresent(dir -> value(pc, "camel.main.routes-include-pattern")
                .filter(p -> p.equals("file:" + dir + "/*.yaml")).ifPresent(p -> {
                    if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(dir))) {
                        problems.add(describe("projectionist.routes-dir") + " '" + dir + "' is not a folder (the YAML"
                                + " routes; run from the folder that holds routes/, or point it at yours)");
                    }
                }));
        for (String malformed : ConfigAudit.malformedValues(k -> value(pc, k))) {
            if (problems.stream().noneMatch(p -> p.startsWith(malformed.substring(0, malformed.indexOf(' '))))) {
                problems.add(malformed);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
    }

    private static void checkUrl(List<String> problems, String key, String url) {
        try {
            URI u = URI.create(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                problems.add(describe(key) + " '" + url + "' is not an http(s) URL with a host");
            }
        } catch (IllegalArgumentException e) {
            problems.add(describe(key) + " '" + url + "' is not a valid URL");
        }
    }

    private static void checkSecret(List<String> problems, PropertiesComponent pc, String key, String fileKey,
                                    boolean required) {
        Optional<String> file = value(pc, fileKey);
        if (value(pc, key).isPresent()) {
            return;
        }
        if (file.isPresent()) {
            try {
                SecretFiles.read(Path.of(file.get()), fileKey);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        } else if (required) {
            problems.add(describe(key) + " is not set, nor " + fileKey + " (a file readable by its owner only)");
        }
    }

    private static void checkPositive(List<String> problems, PropertiesComponent pc, String key) {
        value(pc, key).ifPresent(v -> {
            try {
                if (Long.parseLong(v.strip()) <= 0) {
                    problems.add(describe(key) + " must be a positive number of milliseconds, not '" + v + "'");
                }
            } catch (NumberFormatException e) {
                problems.add(describe(key) + " must be a number of milliseconds, not '" + v + "'");
            }
        });
    }

    private static void checkCron(List<String> problems, PropertiesComponent pc, String key) {
        value(pc, key).ifPresent(v -> {
            if (!CronExpression.isValidExpression(v.strip())) {
                problems.add(describe(key) + " '" + v + "' is not a Quartz cron expression"
                        + " (seconds minutes hours day-of-month month day-of-week, e.g. 0/10 * * * * ?)");
            }
        });
    }

    private static Optional<String> value(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** A setting's name with the environment variable that overrides it. */
    static String describe(String key) {
        return key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }
}
