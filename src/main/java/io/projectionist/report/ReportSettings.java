package io.projectionist.report;

import io.projectionist.ops.ConfigurationException;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a report covers and how its insights are tuned. Read from {@code projectionist.report.*} (see
 * application.properties) by {@link #from}; plain Java so tests build it directly.
 *
 * @param days               the period in days (the report compares it with the {@code days} before)
 * @param dir                folder the files are written to
 * @param top                rows in each top list
 * @param idleDays           a library, collection or user with no plays for this many days is reported as idle
 * @param historyDays        how far back play history is read for the history-based insights (abandoned titles,
 *                           regular viewers of a show)
 * @param abandonMinUsers    a title is "abandoned" when at least this many users stopped it part-way
 * @param regularMinPlays    a user is a regular viewer of a show with at least this many plays of it in
 *                           {@code historyDays}
 * @param maxHistoryRows     upper bound on history rows read for insights (a note says when it was reached)
 */
public record ReportSettings(int days, Path dir, int top, int idleDays, int historyDays, int abandonMinUsers,
        int regularMinPlays, int maxHistoryRows) {

    public static final int DEFAULT_DAYS = 7;

    public ReportSettings {
        if (days < 1 || days > 3660) {
            throw new ConfigurationException("projectionist.report.days must be between 1 and 3660, not " + days);
        }
        if (top < 1) {
            throw new ConfigurationException("projectionist.report.top must be at least 1, not " + top);
        }
        if (idleDays < 1 || historyDays < 1) {
            throw new ConfigurationException("projectionist.report idle-days and history-days must be at least 1");
        }
        abandonMinUsers = Math.max(1, abandonMinUsers);
        regularMinPlays = Math.max(1, regularMinPlays);
        maxHistoryRows = Math.max(0, maxHistoryRows);
    }

    public static ReportSettings defaults(Path dir) {
        return new ReportSettings(DEFAULT_DAYS, dir, 10, 90, 30, 2, 3, 200_000);
    }

    public ReportSettings withDays(int newDays) {
        return new ReportSettings(newDays, dir, top, idleDays, historyDays, abandonMinUsers, regularMinPlays,
                maxHistoryRows);
    }

    public ReportSettings withDir(Path newDir) {
        return new ReportSettings(days, newDir, top, idleDays, historyDays, abandonMinUsers, regularMinPlays,
                maxHistoryRows);
    }

    /**
     * Reads the {@code projectionist.report.*} settings through a property lookup (Camel's properties component in
     * the daemon and the CLI), with the documented defaults.
     */
    public static ReportSettings from(Function<String, Optional<String>> property) {
        Path outDir = Path.of(property.apply("projectionist.out-dir").filter(s -> !s.isBlank()).orElse("out").strip());
        Path dir = property.apply("projectionist.report.dir").filter(s -> !s.isBlank()).map(String::strip)
                .map(Path::of).orElse(outDir.resolve("reports"));
        return new ReportSettings(
                integer(property, "projectionist.report.days", DEFAULT_DAYS),
                dir,
                integer(property, "projectionist.report.top", 10),
                integer(property, "projectionist.report.idle-days", 90),
                integer(property, "projectionist.report.history-days", 30),
                integer(property, "projectionist.report.abandon-min-users", 2),
                integer(property, "projectionist.report.regular-min-plays", 3),
                integer(property, "projectionist.report.max-history-rows", 200_000));
    }

    private static int integer(Function<String, Optional<String>> property, String key, int fallback) {
        Optional<String> v = property.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a whole number, not '" + v.get() + "'");
        }
    }
}
