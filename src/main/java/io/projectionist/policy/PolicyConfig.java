package io.projectionist.policy;

import io.projectionist.ops.ConfigurationException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Stream policies, read and validated in one go from {@code projectionist.policy.*}; every problem is reported in
 * one {@link ConfigurationException} naming the setting and its environment variable.
 *
 * <pre>
 * projectionist.policy.mode = off | dry-run | enforce
 * projectionist.policy.rules = no-4k-transcodes,two-streams
 * projectionist.policy.rules.no-4k-transcodes.transcode = true
 * projectionist.policy.rules.no-4k-transcodes.source-resolution = 4k
 * projectionist.policy.rules.no-4k-transcodes.message = Please play 4K titles on a 4K-capable device.
 * </pre>
 */
public record PolicyConfig(Mode mode, String cron, Via via, Path auditFile, List<PolicyRule> rules) {

    public static final String PREFIX = "projectionist.policy";
    public static final String RULES = PREFIX + ".rules";
    /** The settings a rule may have. */
    public static final Set<String> RULE_KEYS = Set.of("message", "via", "transcode", "source-resolution", "location",
            "bitrate-above-kbps", "paused-minutes", "max-streams-per-user", "media-types", "users", "except-users");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    /** What the policies do: nothing, log (and audit) what they would do, or terminate. */
    public enum Mode {
        OFF, DRY_RUN, ENFORCE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Through whom a session is terminated: Tautulli's terminate_session (needs Plex Pass) or Plex itself. */
    public enum Via {
        TAUTULLI, PLEX;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean active() {
        return mode != Mode.OFF && !rules.isEmpty();
    }

    /**
     * Reads the settings.
     *
     * @param lookup   resolves one property (placeholders, environment variables and system properties applied)
     * @param keysSeen every {@code projectionist.policy.*} key present in the property sources, to catch typos
     */
    public static PolicyConfig load(Function<String, Optional<String>> lookup, Set<String> keysSeen) {
        Function<String, Optional<String>> p = k -> lookup.apply(k).map(String::strip).filter(v -> !v.isEmpty());
        List<String> problems = new ArrayList<>();
        Mode mode = Mode.OFF;
        String modeValue = p.apply(PREFIX + ".mode").orElse("off");
        try {
            mode = Mode.valueOf(modeValue.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(describe(PREFIX + ".mode") + " must be off, dry-run or enforce, not '" + modeValue + "'");
        }
        String cron = p.apply(PREFIX + ".cron").orElse("0/10 * * * * ?");
        if (!org.quartz.CronExpression.isValidExpression(cron)) {
            problems.add(describe(PREFIX + ".cron") + " '" + cron + "' is not a Quartz cron expression"
                    + " (seconds minutes hours day-of-month month day-of-week, e.g. 0/10 * * * * ?)");
        }
        Via via = via(problems, PREFIX + ".terminate-via", p.apply(PREFIX + ".terminate-via").orElse("tautulli"),
                Via.TAUTULLI);
        Path audit = Path.of(p.apply(PREFIX + ".audit-file").orElseGet(() ->
                Path.of(p.apply("projectionist.data-dir").orElse("data")).resolve("policy/audit.jsonl").toString()));

        List<String> names = p.apply(RULES).map(PolicyConfig::list).orElse(List.of());
        List<PolicyRule> rules = new ArrayList<>();
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                problems.add(describe(RULES) + ": rule name '" + name + "' must be lower-case letters, digits and '-'");
                continue;
            }
            String base = RULES + "." + name + ".";
            String message = p.apply(base + "message").orElse(null);
            if (message == null) {
                problems.add(describe(base + "message") + " is not set (the message shown to the viewer)");
            }
            Via ruleVia = p.apply(base + "via").map(v -> via(problems, base + "via", v, null)).orElse(via);
            Boolean transcode = p.apply(base + "transcode").map(v -> bool(problems, base + "transcode", v)).orElse(null);
            Set<String> resolutions = set(p.apply(base + "source-resolution"));
            String location = p.apply(base + "location").map(v -> v.toLowerCase(Locale.ROOT)).orElse(null);
            if (location != null && !Set.of("lan", "wan").contains(location)) {
                problems.add(describe(base + "location") + " must be lan or wan, not '" + location + "'");
            }
            Long bitrate = p.apply(base + "bitrate-above-kbps")
                    .map(v -> number(problems, base + "bitrate-above-kbps", v, 0)).orElse(null);
            Long paused = p.apply(base + "paused-minutes").map(v -> number(problems, base + "paused-minutes", v, 0))
                    .orElse(null);
            Long maxStreams = p.apply(base + "max-streams-per-user")
                    .map(v -> number(problems, base + "max-streams-per-user", v, 1)).orElse(null);
            Set<String> mediaTypes = set(p.apply(base + "media-types"));
            Set<String> users = set(p.apply(base + "users"));
            Set<String> exceptUsers = set(p.apply(base + "except-users"));
            PolicyRule rule = new PolicyRule(name, message, ruleVia, transcode, resolutions, location, bitrate,
                    paused == null ? null : paused.intValue(), maxStreams == null ? null : maxStreams.intValue(),
                    mediaTypes, users, exceptUsers);
            if (!rule.hasCondition()) {
                problems.add(describe(RULES + "." + name) + " has no condition (transcode, source-resolution, location,"
                        + " bitrate-above-kbps, paused-minutes, max-streams-per-user, media-types, users) and would"
                        + " end every stream");
            }
            rules.add(rule);
        }
        for (String key : keysSeen) {
            if (!key.startsWith(RULES + ".")) {
                continue;
            }
            String rest = key.substring(RULES.length() + 1);
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String setting = dot < 0 ? "" : rest.substring(dot + 1);
            if (!names.contains(name)) {
                problems.add(describe(key) + ": rule '" + name + "' is not listed in " + RULES);
            } else if (!RULE_KEYS.contains(setting)) {
                problems.add(describe(key) + ": unknown rule setting '" + setting + "' (one of " + new java.util.TreeSet<>(
                        RULE_KEYS) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
        return new PolicyConfig(mode, cron, via, audit, List.copyOf(rules));
    }

    private static Via via(List<String> problems, String key, String value, Via fallback) {
        try {
            return Via.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(describe(key) + " must be tautulli or plex, not '" + value + "'");
            return fallback;
        }
    }

    private static Boolean bool(List<String> problems, String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
        }
        problems.add(describe(key) + " must be true or false, not '" + value + "'");
        return null;
    }

    private static Long number(List<String> problems, String key, String value, long min) {
        try {
            long n = Long.parseLong(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(describe(key) + " must be a whole number of at least " + min + ", not '" + value + "'");
        return null;
    }

    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static Set<String> set(Optional<String> value) {
        Set<String> out = new LinkedHashSet<>();
        value.ifPresent(v -> list(v).forEach(s -> out.add(s.toLowerCase(Locale.ROOT))));
        return Set.copyOf(out);
    }

    static String describe(String key) {
        return key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }
}
