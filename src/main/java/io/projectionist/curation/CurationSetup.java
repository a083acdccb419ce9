package io.projectionist.curation;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.Upstreams;
import io.projectionist.plex.PlexClient;
import io.projectionist.support.UpstreamRetry;
import io.projectionist.tautulli.TautulliClient;
import org.apache.camel.CamelContext;
import org.quartz.CronExpression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads {@code projectionist.curation.*} (and the {@code tautulli.*}, {@code plex.*} connection settings) and builds
 * the {@link Reconciler}; shared by the scheduled route and the {@code curate} command.
 */
public final class CurationSetup {

    public static final String DEFAULT_FILE = "curation.yaml";

    /** Resolved settings; {@code reconciler} is null when curation is off, {@code why} says why. */
    public record Setup(Reconciler reconciler, boolean apply, String file, String why) {
        public boolean enabled() {
            return reconciler != null;
        }
    }

    private CurationSetup() {
    }

    /** Settings from the context's properties; Plex and Tautulli through their components' clients. */
    public static Setup from(CamelContext context) {
        return from(context.getPropertiesComponent()::resolveProperty,
                () -> Upstreams.plex(context).orElseThrow(), () -> Upstreams.tautulli(context));
    }

    /** @param plex and {@code tautulli} are asked only when curation is on and plex.url is set */
    static Setup from(Function<String, Optional<String>> property, Supplier<PlexClient> plexClient,
            Supplier<TautulliClient> tautulliClient) {
        Function<String, Optional<String>> p = k -> property.apply(k).map(String::strip).filter(v -> !v.isEmpty());
        boolean apply = bool(p, "projectionist.curation.apply", false);
        if (!bool(p, "projectionist.curation.enabled", true)) {
            return new Setup(null, apply, null, "projectionist.curation.enabled is false");
        }
        String file = p.apply("projectionist.curation.file").orElse(DEFAULT_FILE);
        if (!file.startsWith("classpath:") && !Files.exists(Path.of(file))) {
            if (file.equals(DEFAULT_FILE)) {
                return new Setup(null, apply, file, "no " + file + " in " + Path.of("").toAbsolutePath()
                        + " (projectionist.curation.file)");
            }
            throw new ConfigurationException("projectionist.curation.file (PROJECTIONIST_CURATION_FILE): no such file "
                    + file);
        }
        p.apply("projectionist.curation.cron").ifPresent(c -> {
            if (!CronExpression.isValidExpression(c)) {
                throw new ConfigurationException("projectionist.curation.cron (PROJECTIONIST_CURATION_CRON) '" + c
                        + "' is not a Quartz cron expression (seconds minutes hours day month weekday)");
            }
        });
        CurationConfig config = CurationConfigParser.load(file);
        Optional<String> plexUrl = p.apply("plex.url");
        if (plexUrl.isEmpty()) {
            return new Setup(null, apply, file, "plex.url (PLEX_URL) is not set");
        }
        UpstreamRetry retry = UpstreamRetry.from(p);
        PlexCurationClient plex = new PlexCurationClient(plexClient.get(), retry);
        TautulliClient tautulli = tautulliClient.get();
        Path dataDir = Path.of(p.apply("projectionist.data-dir").orElse("data"));
        Path outDir = Path.of(p.apply("projectionist.out-dir").orElse("out"));
        Reconciler.Settings settings = new Reconciler.Settings(dataDir, outDir,
                (int) longValue(p, "projectionist.curation.max-passes", 2),
                (int) longValue(p, "projectionist.curation.keep-plans", 50));
        return new Setup(new Reconciler(config, plex, CurationStats.of(tautulli, retry), settings, Clock.systemDefaultZone()),
                apply, file, null);
    }

    private static boolean bool(Function<String, Optional<String>> p, String key, boolean fallback) {
        Optional<String> v = p.apply(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigurationException(key + " (" + env(key) + ") must be true or false, not '"
                    + v.get() + "'");
        };
    }

    private static long longValue(Function<String, Optional<String>> p, String key, long fallback) {
        Optional<String> v = p.apply(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ConfigurationException(key + " (" + env(key) + ") must be a positive whole number, not '" + v.get()
                + "'");
    }

    static String env(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
