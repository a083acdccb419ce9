package io.projectionist.curation;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.Settings;
import io.projectionist.ops.Upstreams;
import io.projectionist.plex.PlexClient;
import io.projectionist.support.UpstreamRetry;
import io.projectionist.tautulli.TautulliClient;
import org.apache.camel.CamelContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

    /** @param plexClient and {@code tautulliClient} are asked only when curation is on and plex.url is set */
    public static Setup from(Function<String, Optional<String>> property, Supplier<PlexClient> plexClient,
            Supplier<TautulliClient> tautulliClient) {
        Settings s = new Settings(property);
        Function<String, Optional<String>> p = s::string;
        boolean apply = s.bool("projectionist.curation.apply", false);
        boolean enabled = s.bool("projectionist.curation.enabled", true);
        s.throwIfProblems();
        if (!enabled) {
            return new Setup(null, apply, null, "projectionist.curation.enabled is false");
        }
        String file = p.apply("projectionist.curation.file").orElse(DEFAULT_FILE);
        if (!file.startsWith("classpath:") && !Files.exists(Path.of(file))) {
            if (file.equals(DEFAULT_FILE)) {
                return new Setup(null, apply, file, "no " + file + " in " + Path.of("").toAbsolutePath()
                        + " (projectionist.curation.file)");
            }
            throw new ConfigurationException(Settings.describe("projectionist.curation.file") + ": no such file "
                    + file);
        }
        s.cron("projectionist.curation.cron", null);
        s.throwIfProblems();
        CurationConfig config = CurationConfigParser.load(file);
        Optional<String> plexUrl = p.apply("plex.url");
        if (plexUrl.isEmpty()) {
            return new Setup(null, apply, file, Settings.describe("plex.url") + " is not set");
        }
        UpstreamRetry retry = UpstreamRetry.from(p);
        PlexCurationClient plex = new PlexCurationClient(plexClient.get(), retry);
        TautulliClient tautulli = tautulliClient.get();
        Path dataDir = Path.of(p.apply("projectionist.data-dir").orElse("data"));
        Path outDir = Path.of(p.apply("projectionist.out-dir").orElse("out"));
        Reconciler.Settings settings = new Reconciler.Settings(dataDir, outDir,
                s.integer("projectionist.curation.max-passes", 2, 1, Integer.MAX_VALUE),
                s.integer("projectionist.curation.keep-plans", 50, 1, Integer.MAX_VALUE));
        s.throwIfProblems();
        return new Setup(new Reconciler(config, plex, CurationStats.of(tautulli, retry), settings, Clock.systemDefaultZone()),
                apply, file, null);
    }
}
