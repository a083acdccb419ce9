package io.projectionist.delivery;

import io.projectionist.activity.ActivityEvent;
import io.projectionist.activity.EventType;
import io.projectionist.activity.LoadMonitor;
import io.projectionist.activity.SessionDiffer;
import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.Settings;
import io.projectionist.support.SecretFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings of session events, server load events and delivery, read and validated in one go. Every problem
 * is reported at start-up in one {@link ConfigurationException} that names the setting and its environment
 * variable. See the "Session events and webhooks" section of application.properties for every key.
 */
public record DeliveryConfig(boolean eventsEnabled, String cron, SessionDiffer.Settings differ, Duration window,
        int unreachableAfter, List<LoadMonitor.Threshold> thresholds, boolean audit, Path dataDir, Path outDir,
        int maxRetries, long retryDelayMillis, long maxRetryDelayMillis, long maxRetryAfterMillis,
        long timeoutMillis, String posterUrl, List<Destination> destinations) {

    public static final String PREFIX = "projectionist.webhooks";
    static final Set<String> DESTINATION_KEYS = Set.of("type", "url", "events", "users", "libraries", "media-types",
            "transcode-decisions", "template", "template-file", "secret", "secret-file", "signature-header",
            "throttle", "throttle-period-ms");
    private static final Set<String> RESERVED = Set.of("history", "report", "reports", "plex", "tautulli");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    public Optional<Destination> destination(String name) {
        return destinations.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The state file of announced events. */
    public Path announcedFile() {
        return dataDir.resolve("events").resolve("announced.json");
    }

    public Path deadLetterDir() {
        return dataDir.resolve("dead-letter");
    }

    /**
     * Reads the settings.
     *
     * @param lookup   resolves one property (placeholders, environment variables and system properties applied)
     * @param keysSeen every {@code projectionist.webhooks.*} key present in the property sources, to catch typos
     */
    public static DeliveryConfig load(Function<String, Optional<String>> lookup, Set<String> keysSeen) {
        Settings r = new Settings(lookup);
        boolean enabled = r.bool("projectionist.events.enabled", true);
        String cron = r.cron("projectionist.events.cron", "0/10 * * * * ?");
        long startAfter = r.number("projectionist.events.start-after-seconds", 30, 0, 86_400);
        long watched = r.number("projectionist.events.watched-percent", 85, 1, 100);
        long windowHours = r.number("projectionist.events.dedupe-window-hours", 24, 1, 24 * 365);
        long unreachable = r.number("projectionist.events.unreachable-after", 2, 1, 1000);
        boolean audit = r.bool("projectionist.events.audit", true);
        List<LoadMonitor.Threshold> thresholds = new ArrayList<>();
        for (LoadMonitor.Metric m : LoadMonitor.Metric.values()) {
            String base = "projectionist.load." + m.setting();
            Optional<String> high = r.string(base + ".high");
            if (high.isPresent()) {
                long h = r.number(base + ".high", 0, 1, Long.MAX_VALUE);
                long n = r.number(base + ".normal", (long) Math.floor(h * 0.8), 0, Long.MAX_VALUE);
                if (n >= h) {
                    r.problem(base + ".normal", "must be below " + base + ".high (" + h + ")");
                } else if (h > 0) {
                    thresholds.add(new LoadMonitor.Threshold(m, h, n));
                }
            } else if (r.string(base + ".normal").isPresent()) {
                r.problem(base + ".normal", "is set but " + base + ".high is not");
            }
        }
        Path dataDir = Path.of(r.string("projectionist.data-dir").orElse("data"));
        Path outDir = Path.of(r.string("projectionist.out-dir").orElse("out"));
        long maxRetries = r.number("projectionist.delivery.max-retries", 8, 0, 100);
        long delay = r.number("projectionist.delivery.retry-delay-ms", 1000, 1, 3_600_000);
        long maxDelay = r.number("projectionist.delivery.max-retry-delay-ms", 60_000, 1, 86_400_000);
        long maxRetryAfter = r.number("projectionist.delivery.max-retry-after-seconds", 900, 1, 86_400);
        long timeout = r.number("projectionist.delivery.timeout-ms", 10_000, 1, 600_000);
        String poster = r.string("projectionist.delivery.poster-url").orElse(null);

        List<Destination> destinations = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(r.list(PREFIX));
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                r.problem(PREFIX, "destination name '" + name + "' must be lower-case letters, digits and '-'");
                continue;
            }
            if (RESERVED.contains(name)) {
                r.problem(PREFIX, "destination name '" + name + "' is reserved (its dead-letter folder belongs to"
                        + " another capability)");
                continue;
            }
            Destination d = destination(r, name, outDir);
            if (d != null) {
                destinations.add(d);
            }
        }
        for (String key : keysSeen) {
            if (!key.startsWith(PREFIX + ".")) {
                continue;
            }
            String rest = key.substring(PREFIX.length() + 1);
            int dot = rest.indexOf('.');
            if (dot < 0) {
                r.problem(key, "is not a setting (did you mean " + PREFIX + " = " + rest + " and "
                        + PREFIX + "." + rest + ".url?)");
                continue;
            }
            String name = rest.substring(0, dot);
            String setting = rest.substring(dot + 1);
            if (!names.contains(name)) {
                r.problem(key, "is set but '" + name + "' is not listed in " + PREFIX + " ("
                        + Settings.env(PREFIX) + ")");
            } else if (!DESTINATION_KEYS.contains(setting)) {
                r.problem(key, "is not a destination setting (known: " + String.join(", ",
                        DESTINATION_KEYS.stream().sorted().toList()) + ")");
            }
        }
        r.throwIfProblems();
        return new DeliveryConfig(enabled, cron, new SessionDiffer.Settings(Duration.ofSeconds(startAfter),
                (int) watched), Duration.ofHours(windowHours), (int) unreachable, thresholds, audit, dataDir, outDir,
                (int) maxRetries, delay, maxDelay, maxRetryAfter * 1000, timeout, poster, List.copyOf(destinations));
    }

    private static Destination destination(Settings r, String name, Path outDir) {
        String base = PREFIX + "." + name + ".";
        Destination.Type type = r.string(base + "type")
                .map(v -> r.choice(base + "type", v, Destination.Type.class, null)).orElse(Destination.Type.WEBHOOK);
        if (type == null) {
            return null; // reported; the destination's other settings would only add noise
        }
        URI url = null;
        if (type != Destination.Type.FILE) {
            if (r.string(base + "url").isEmpty()) {
                r.problem(base + "url", "is not set (where to POST " + name + "'s events)");
            } else {
                url = r.httpUrl(base + "url", true).orElse(null);
            }
        }
        Set<String> events = lower(r.list(base + "events"));
        for (String e : events) {
            boolean ok = e.equals("*") || e.equals("none") || EventType.byWire(e).isPresent()
                    || (e.endsWith(".*") && Arrays.stream(EventType.values())
                            .anyMatch(t -> Destination.matches(e, t.wire())));
            if (!ok) {
                r.problem(base + "events", "'" + e + "' is not an event (known: " + String.join(", ",
                        Arrays.stream(EventType.values()).map(EventType::wire).toList())
                        + ", a prefix such as playback.*, * or none)");
            }
        }
        PayloadTemplate template = null;
        Optional<String> inline = r.string(base + "template");
        Optional<String> file = r.string(base + "template-file");
        if ((inline.isPresent() || file.isPresent()) && type != Destination.Type.WEBHOOK) {
            r.problem(inline.isPresent() ? base + "template" : base + "template-file",
                    "applies to type webhook only, not " + type.wire());
        } else if (inline.isPresent() && file.isPresent()) {
            r.problem(base + "template", "and " + base + "template-file are both set; use one");
        } else if (inline.isPresent() || file.isPresent()) {
            String setting = inline.isPresent() ? base + "template" : base + "template-file";
            try {
                String json = inline.isPresent() ? inline.get()
                        : Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
                template = PayloadTemplate.parse(json, ActivityEvent.PARAMETER_NAMES, Settings.describe(setting));
            } catch (IOException e) {
                r.problem(setting, "cannot read " + file.get() + " (" + e.getMessage() + ")");
            } catch (IllegalArgumentException e) {
                r.problem(e.getMessage());
            }
        }
        String secret = r.string(base + "secret").orElse(null);
        Optional<String> secretFile = r.string(base + "secret-file");
        if (secret == null && secretFile.isPresent()) {
            try {
                secret = SecretFiles.read(Path.of(secretFile.get()), base + "secret-file");
            } catch (IllegalArgumentException e) {
                r.problem(e.getMessage());
            }
        }
        if (secret != null && type == Destination.Type.FILE) {
            r.problem(base + "secret", "does not apply to type file");
        }
        int defaultThrottle = switch (type) {
            case DISCORD -> 5;
            case SLACK -> 1;
            case WEBHOOK -> 10;
            case FILE -> 1000;
        };
        long defaultPeriod = type == Destination.Type.DISCORD ? 2000 : 1000;
        long throttle = r.number(base + "throttle", defaultThrottle, 1, 100_000);
        long period = r.number(base + "throttle-period-ms", defaultPeriod, 1, 3_600_000);
        String header = r.string(base + "signature-header").orElse("X-Projectionist-Signature");
        return new Destination(name, type, url, events, lower(r.list(base + "users")),
                lower(r.list(base + "libraries")), lower(r.list(base + "media-types")),
                lower(r.list(base + "transcode-decisions")), template, secret, header, (int) throttle, period,
                type == Destination.Type.FILE ? outDir.resolve("events").resolve(name) : null);
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    /** For log lines: the destinations and what they receive. */
    public Map<String, String> describeDestinations() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Destination d : destinations) {
            out.put(d.name(), d.type().wire() + " → " + d.safeTarget() + (d.events().isEmpty() ? "" : " "
                    + d.events()));
        }
        return out;
    }
}
