package io.projectionist.ops;

import org.apache.camel.spi.PropertiesComponent;
import org.quartz.CronExpression;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one typed reader of settings: every capability reads {@code projectionist.*} (and {@code tautulli.*},
 * {@code plex.*}) through it, so a value means the same everywhere and a mistake reads the same everywhere:
 * {@code key (ENV_VAR) must be ..., not 'value'}. Blank values count as unset. Problems are collected, so one
 * start-up reports them all in one {@link ConfigurationException} ({@link #throwIfProblems()}); a reader returns
 * the default after recording a problem so reading can go on.
 */
public final class Settings {

    private final Function<String, Optional<String>> lookup;
    private final List<String> problems = new ArrayList<>();

    /** @param lookup resolves one property (placeholders, environment variables and system properties applied) */
    public Settings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public static Settings of(PropertiesComponent pc) {
        return new Settings(pc::resolveProperty);
    }

    /** The environment variable that overrides a key: upper case, dots and dashes as underscores. */
    public static String env(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A setting's name as every message gives it: {@code key (ENV_VAR)}. */
    public static String describe(String key) {
        return key + " (" + env(key) + ")";
    }

    /** The value, stripped; empty when unset or blank. */
    public Optional<String> string(String key) {
        return lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** The value, or a problem "is not set (why)" and null. */
    public String required(String key, String why) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            problem(key, "is not set (" + why + ")");
            return null;
        }
        return v.get();
    }

    /** A whole number in [min, max]. */
    public long number(String key, long fallback, long min, long max) {
        return optionalNumber(key, min, max).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max);
    }

    /** A whole number in [min, max], or empty when unset (or malformed, which is recorded). */
    public Optional<Long> optionalNumber(String key, long min, long max) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            problem(key, "must be a whole number, not '" + v.get() + "'");
            return Optional.empty();
        }
        if (n < min || n > max) {
            problem(key, (max >= Integer.MAX_VALUE ? "must be at least " + min
                    : "must be between " + min + " and " + max)
                    + ", not " + n);
            return Optional.empty();
        }
        return Optional.of(n);
    }

    /** A positive number of milliseconds. */
    public long millis(String key, long fallback) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, "must be a positive number of milliseconds, not '" + v.get() + "'");
        return fallback;
    }

    /** true or false (any case); anything else is a problem, never a silent false. */
    public boolean bool(String key, boolean fallback) {
        return optionalBool(key).orElse(fallback);
    }

    public Optional<Boolean> optionalBool(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Optional.of(s.equals("true"));
        }
        problem(key, "must be true or false, not '" + v.get() + "'");
        return Optional.empty();
    }

    /** One of an enum's constants, written in lower case with '-' for '_' ({@code DRY_RUN} is {@code dry-run}). */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        return string(key).map(v -> choice(key, v, type, fallback)).orElse(fallback);
    }

    /** Parses {@code value} as {@link #choice(String, Class, Enum)} does (for values that come from elsewhere). */
    public <E extends Enum<E>> E choice(String key, String value, Class<E> type, E fallback) {
        for (E e : type.getEnumConstants()) {
            if (wire(e).equalsIgnoreCase(value.strip().replace('_', '-'))) {
                return e;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Settings::wire).toList();
        String choices = names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1))
                + " or " + names.get(names.size() - 1);
        problem(key, "must be " + choices + ", not '" + value + "'");
        return fallback;
    }

    private static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A Quartz cron expression (seconds first, as the schedules of every route use). */
    public String cron(String key, String fallback) {
        Optional<String> v = string(key);
        if (v.isPresent() && !CronExpression.isValidExpression(v.get())) {
            problem(key, "'" + v.get() + "' is not a Quartz cron expression"
                    + " (seconds minutes hours day-of-month month day-of-week, e.g. 0/10 * * * * ?)");
            return fallback;
        }
        return v.orElse(fallback);
    }

    public Path path(String key, Path fallback) {
        return string(key).map(Path::of).orElse(fallback);
    }

    /**
     * An http(s) URL with a host and, when given, a port from 1 to 65535 (Java's URI accepts any number, and the
     * mistake would otherwise surface as "port out of range" on every request). A {@code secret} URL (a webhook's
     * carries its credential) is never echoed in the message.
     */
    public Optional<URI> httpUrl(String key, boolean secret) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String shown = secret ? "" : "'" + v.get() + "' ";
        URI u;
        try {
            u = new URI(v.get());
        } catch (URISyntaxException e) {
            problem(key, shown + "is not a valid URL");
            return Optional.empty();
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            problem(key, shown + "is not an http(s) URL with a host");
            return Optional.empty();
        }
        if (u.getPort() != -1 && (u.getPort() < 1 || u.getPort() > 65535)) {
            problem(key, shown + "has port " + u.getPort() + "; a port is 1 to 65535");
            return Optional.empty();
        }
        return Optional.of(u);
    }

    /** A comma-separated list: items stripped, blanks and repeats dropped, order kept. */
    public List<String> list(String key) {
        return string(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList()).orElse(List.of());
    }

    /** Records a problem with a setting: {@code key (ENV_VAR) message}. */
    public void problem(String key, String message) {
        problems.add(describe(key) + " " + message);
    }

    /** Records a problem whose message already names what it is about. */
    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws one {@link ConfigurationException} listing every problem recorded, if any. */
    public void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems.stream().collect(Collectors.joining("; ")));
        }
    }
}
