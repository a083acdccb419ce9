package io.projectionist.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.TreeSet;

/**
 * Audits settings against the documented {@code application.properties} (packaged in the jar): the documented file
 * is the list of every option, so a {@code projectionist.*}, {@code tautulli.*} or {@code plex.*} key in a user's file,
 * or a {@code PROJECTIONIST_*} environment variable, that it does not know is a typo and is reported with its name
 * (and the closest known key); a value that does not have the type of its documented default (a whole number,
 * true/false, a Quartz cron) is reported with the setting's name.
 */
public final class ConfigAudit {

    /** Families whose keys are named by the user and validated where they are read (DeliveryConfig, PolicyConfig). */
    static final List<String> OPEN_PREFIXES = List.of("projectionist.webhooks.", "projectionist.policy.rules.");
    /** Environment variables read by the logging set-up and the start script, not by this file. */
    static final Set<String> OTHER_ENV = Set.of("PROJECTIONIST_LOG_FORMAT", "PROJECTIONIST_LOG_LEVEL",
            "PROJECTIONIST_HOME", "PROJECTIONIST_JAR");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Set<String> AUDITED_PREFIXES = Set.of("projectionist.", "tautulli.", "plex.", "plextv.");

    private static volatile Map<String, String> documented;

    private ConfigAudit() {
    }

    /** Every documented key with its default, in file order (the {@code application.properties} in the jar). */
    public static Map<String, String> documented() {
        Map<String, String> d = documented;
        if (d == null) {
            try (InputStream in = ConfigAudit.class.getClassLoader().getResourceAsStream("application.properties")) {
                if (in == null) {
                    throw new IllegalStateException("application.properties is not on the class path");
                }
                d = Collections.unmodifiableMap(parse(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            documented = d;
        }
        return d;
    }

    /** Keys and values of a properties text, in order. */
    static Map<String, String> parse(Reader reader) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Properties ordered = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                out.put(String.valueOf(key), String.valueOf(value));
                return super.put(key, value);
            }
        };
        ordered.load(reader);
        return out;
    }

    /** Whether a key is one Projectionist reads (documented, or in a family named by the user). */
    public static boolean known(String key) {
        return documented().containsKey(key) || OPEN_PREFIXES.stream().anyMatch(key::startsWith);
    }

    static boolean audited(String key) {
        return AUDITED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** Unknown keys of a user's properties file, one line each naming the key, the file and the closest known key. */
    public static List<String> unknownKeys(Path file) {
        List<String> out = new ArrayList<>();
        if (!Files.isReadable(file)) {
            return out;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String key : parse(r).keySet()) {
                if (audited(key) && !known(key)) {
                    out.add("unknown option " + key + " in " + file + hint(key));
                }
            }
        } catch (IOException e) {
            out.add("cannot read " + file + ": " + e.getMessage());
        }
        return out;
    }

    /** Unknown {@code PROJECTIONIST_*} environment variables. */
    public static List<String> unknownEnvironment(Map<String, String> env) {
        Map<String, String> byEnv = new LinkedHashMap<>();
        for (String key : documented().keySet()) {
            byEnv.put(envName(key), key);
        }
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (!name.startsWith("PROJECTIONIST_") || byEnv.containsKey(name) || OTHER_ENV.contains(name)
                    || OPEN_PREFIXES.stream().anyMatch(p -> name.startsWith(envName(p)))) {
                continue;
            }
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String candidate : byEnv.keySet()) {
                int d = distance(name, candidate);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
            out.add("unknown environment variable " + name + (best != null && bestDistance <= Math.max(2,
                    name.length() / 6) ? " (did you mean " + best + ", for " + byEnv.get(best) + "?)"
                    : " (no such setting; application.properties lists them all)"));
        }
        return out;
    }

    /**
     * Values that do not have the type of their documented default: whole numbers, true/false, and Quartz cron
     * expressions (keys ending in {@code .cron}). Placeholders are resolved by {@code lookup}.
     */
    public static List<String> malformedValues(Function<String, Optional<String>> lookup) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : documented().entrySet()) {
            String key = e.getKey();
            if (!audited(key)) {
                continue;
            }
            Settings s;
            try {
                Optional<String> value = lookup.apply(key);
                s = new Settings(k -> value);
                s.string(key);
            } catch (RuntimeException ex) {
                out.add(Settings.describe(key) + ": " + ex.getMessage());
                continue;
            }
            String def = e.getValue().strip();
            if (INTEGER.matcher(def).matches()) {
                s.optionalNumber(key, Long.MIN_VALUE, Long.MAX_VALUE);
            } else if (def.equals("true") || def.equals("false")) {
                s.optionalBool(key);
            } else if (key.endsWith(".cron")) {
                s.cron(key, null);
            }
            out.addAll(s.problems());
        }
        return out;
    }

    static String envName(String key) {
        return Settings.env(key);
    }

    /** " (did you mean x?)" for the closest documented key, when it is close. */
    static String hint(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : documented().keySet()) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 6) ? " (did you mean " + best + "?)"
                : " (no such setting; application.properties lists them all)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
