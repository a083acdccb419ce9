package io.projectionist.ops;

import io.projectionist.support.SecretFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Files;
import java.util.Map;
import org.apache.camel.component.properties.PropertiesLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the settings before any route starts, so a mistake stops start-up with one line that names the setting
 * instead of a stack trace from deep inside a route. Runs as a Camel Main listener, after the properties (files,
 * environment, system properties) are loaded.
 */
public class SettingsValidator extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger("io.projectionist.config");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent pc = main.getCamelContext().getPropertiesComponent();
        warnUnknown(pc);
        validate(pc);
    }

    /**
     * Says once, at start, when Plex is configured but unusable (unreachable, token refused): otherwise nothing may
     * say so for a while, as enrichment, policies and curation only find out when they first need Plex. Uses the
     * readiness check's probe (its answer is cached for the health endpoint too), off the start-up thread.
     */
    @Override
    public void afterStart(BaseMainSupport main) {
        warnIfPlexUnusable(main.getCamelContext());
    }

    static void warnIfPlexUnusable(CamelContext context) {
        // bound by OpsConfiguration when plex.url is set
        UpstreamHealthCheck plex = context.getRegistry().lookupByNameAndType("projectionist-health-plex",
                UpstreamHealthCheck.class);
        if (plex == null) {
            return;
        }
        Thread probe = new Thread(() -> {
            Upstreams.Probe p = plex.probe();
            if (!p.ok()) {
                String detail = p.detail().contains("plex.") ? p.detail()
                        : p.detail() + " — check plex.url / PLEX_URL";
                LOG.warn("Plex is unusable: {}; history enrichment, Plex policies and curation fail until it is fixed",
                        detail);
            }
        }, "projectionist-plex-probe");
        probe.setDaemon(true);
        probe.start();
    }

    /** Options no code reads (typos) in the user's files and environment: a warning each, naming the key. */
    static void warnUnknown(PropertiesComponent pc) {
        for (String problem : unknownOptions(pc, System.getenv())) {
            LOG.warn("configuration: {}", problem);
        }
    }

    /** Unknown keys in the {@code file:} property locations and unknown {@code PROJECTIONIST_*} variables. */
    public static List<String> unknownOptions(PropertiesComponent pc, Map<String, String> env) {
        List<Path> files = new ArrayList<>();
        for (String spec : pc.getLocations()) {
            var location = new PropertiesLocation(spec);
            if ("file".equals(location.getResolver())) {
                files.add(Path.of(location.getPath()));
            }
        }
        return unknownOptions(files, env);
    }

    /** Unknown keys in the user's properties files and unknown {@code PROJECTIONIST_*} variables. */
    public static List<String> unknownOptions(List<Path> files, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (Path file : files) {
            out.addAll(ConfigAudit.unknownKeys(file));
        }
        out.addAll(ConfigAudit.unknownEnvironment(env));
        return out;
    }

    /** Validates and throws one {@link ConfigurationException} listing every problem found. */
    public static void validate(PropertiesComponent pc) {
        Settings s = Settings.of(pc);
        if (s.string("tautulli.url").isEmpty()) {
            s.problem("tautulli.url", "is not set (Tautulli's base URL, e.g. http://nas:8181)");
        } else {
            s.httpUrl("tautulli.url", false);
        }
        checkSecret(s, "tautulli.api-key", "tautulli.api-key-file", true);
        if (s.string("plex.url").isPresent()) {
            s.httpUrl("plex.url", false);
            checkSecret(s, "plex.token", "plex.token-file", true);
        } else {
            checkSecret(s, "plex.token", "plex.token-file", false);
        }
        for (String timeout : List.of("tautulli.request-timeout", "tautulli.connect-timeout")) {
            s.millis(timeout, 1);
        }
        s.cron("projectionist.activity.cron", null);
        // the shipped pattern reads file:<routes-dir>/*.yaml, and Camel fails obscurely when the folder is missing
        s.string("projectionist.routes-dir").ifPresent(dir -> s.string("camel.main.routes-include-pattern")
                .filter(p -> p.equals("file:" + dir + "/*.yaml")).ifPresent(p -> {
                    if (!Files.isDirectory(Path.of(dir))) {
                        s.problem("projectionist.routes-dir", "'" + dir + "' is not a folder (the YAML"
                                + " routes; run from the folder that holds routes/, or point it at yours)");
                    }
                }));
        for (String malformed : ConfigAudit.malformedValues(s::string)) {
            if (s.problems().stream().noneMatch(p -> p.startsWith(malformed.substring(0, malformed.indexOf(' '))))) {
                s.problem(malformed);
            }
        }
        s.throwIfProblems();
    }

    private static void checkSecret(Settings s, String key, String fileKey, boolean required) {
        Optional<String> file = s.string(fileKey);
        if (s.string(key).isPresent()) {
            return;
        }
        if (file.isPresent()) {
            try {
                SecretFiles.read(Path.of(file.get()), fileKey);
            } catch (IllegalArgumentException e) {
                s.problem(e.getMessage());
            }
        } else if (required) {
            s.problem(key, "is not set, nor " + fileKey + " (a file readable by its owner only)");
        }
    }
}
