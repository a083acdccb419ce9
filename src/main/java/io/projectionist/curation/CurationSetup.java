package io.projectionist.curation;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.Settings;
import io.projectionist.plex.PlexFormat;
import io.projectionist.support.SecretFiles;
import io.projectionist.tautulli.TautulliClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

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

    public static Setup from(Function<String, Optional<String>> property) {
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
        String token = p.apply("plex.token").orElseGet(() -> p.apply("plex.token-file")
                .map(f -> SecretFiles.read(Path.of(f), "plex.token-file").strip()).orElse(null));
        PlexCurationClient plex = new PlexCurationClient(new PlexCurationClient.Settings(plexUrl.get(), token,
                p.apply("plex.format").map(f -> PlexFormat.valueOf(f.toLowerCase(Locale.ROOT))).orElse(PlexFormat.xml),
                Duration.ofMillis(s.millis("plex.connect-timeout", 10_000)),
                Duration.ofMillis(s.millis("plex.request-timeout", 30_000))));
        TautulliClient tautulli = io.projectionist.ops.Upstreams.tautulli(p, null);
        Path dataDir = Path.of(p.apply("projectionist.data-dir").orElse("data"));
        Path outDir = Path.of(p.apply("projectionist.out-dir").orElse("out"));
        Reconciler.Settings settings = new Reconciler.Settings(dataDir, outDir,
                s.integer("projectionist.curation.max-passes", 2, 1, Integer.MAX_VALUE),
                s.integer("projectionist.curation.keep-plans", 50, 1, Integer.MAX_VALUE));
        s.throwIfProblems();
        return new Setup(new Reconciler(config, plex, CurationStats.of(tautulli), settings, Clock.systemDefaultZone()),
                apply, file, null);
    }
}
