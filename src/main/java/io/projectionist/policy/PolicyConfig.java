package io.projectionist.policy;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.Settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
        Settings s = new Settings(lookup);
        Mode mode = s.choice(PREFIX + ".mode", Mode.class, Mode.OFF);
        String cron = s.cron(PREFIX + ".cron", "0/10 * * * * ?");
        Via via = s.choice(PREFIX + ".terminate-via", Via.class, Via.TAUTULLI);
        Path audit = s.path(PREFIX + ".audit-file",
                s.path("projectionist.data-dir", Path.of("data")).resolve("policy/audit.jsonl"));

        List<String> names = s.list(RULES);
        List<PolicyRule> rules = new ArrayList<>();
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                s.problem(Settings.describe(RULES) + ": rule name '" + name
                        + "' must be lower-case letters, digits and '-'");
                continue;
            }
            String base = RULES + "." + name + ".";
            String message = s.required(base + "message", "the message shown to the viewer");
            Via ruleVia = s.choice(base + "via", Via.class, via);
            Boolean transcode = s.optionalBool(base + "transcode").orElse(null);
            Set<String> resolutions = set(s, base + "source-resolution");
            String location = s.string(base + "location").map(v -> v.toLowerCase(Locale.ROOT)).orElse(null);
            if (location != null && !Set.of("lan", "wan").contains(location)) {
                s.problem(base + "location", "must be lan or wan, not '" + location + "'");
            }
            Long bitrate = s.optionalNumber(base + "bitrate-above-kbps", 0, Long.MAX_VALUE).orElse(null);
            Long paused = s.optionalNumber(base + "paused-minutes", 0, Integer.MAX_VALUE).orElse(null);
            Long maxStreams = s.optionalNumber(base + "max-streams-per-user", 1, Integer.MAX_VALUE).orElse(null);
            PolicyRule rule = new PolicyRule(name, message, ruleVia, transcode, resolutions, location, bitrate,
                    paused == null ? null : paused.intValue(), maxStreams == null ? null : maxStreams.intValue(),
                    set(s, base + "media-types"), set(s, base + "users"), set(s, base + "except-users"));
            if (!rule.hasCondition()) {
                s.problem(RULES + "." + name, "has no condition (transcode, source-resolution, location,"
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
                s.problem(Settings.describe(key) + ": rule '" + name + "' is not listed in " + RULES);
            } else if (!RULE_KEYS.contains(setting)) {
                s.problem(Settings.describe(key) + ": unknown rule setting '" + setting + "' (one of "
                        + new TreeSet<>(RULE_KEYS) + ")");
            }
        }
        s.throwIfProblems();
        return new PolicyConfig(mode, cron, via, audit, List.copyOf(rules));
    }

    private static Set<String> set(Settings s, String key) {
        Set<String> out = new LinkedHashSet<>();
        s.list(key).forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }
}
