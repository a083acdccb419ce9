package io.projectionist.report;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.Settings;

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
    static final int MAX_DAYS = 3660;

    public ReportSettings {
        // the same bounds as from(); checked here too for values that come from elsewhere (--days, a header)
        if (days < 1 || days > MAX_DAYS) {
            throw new ConfigurationException(Settings.describe("projectionist.report.days") + " must be between 1 and "
                    + MAX_DAYS + ", not " + days);
        }
        if (top < 1 || idleDays < 1 || historyDays < 1) {
            throw new ConfigurationException("projectionist.report top, idle-days and history-days must be at least 1");
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
        Settings s = new Settings(property);
        Path outDir = s.path("projectionist.out-dir", Path.of("out"));
        Path dir = s.path("projectionist.report.dir", outDir.resolve("reports"));
        int max = Integer.MAX_VALUE;
        ReportSettings settings = new ReportSettings(
                s.integer("projectionist.report.days", DEFAULT_DAYS, 1, MAX_DAYS),
                dir,
                s.integer("projectionist.report.top", 10, 1, max),
                s.integer("projectionist.report.idle-days", 90, 1, max),
                s.integer("projectionist.report.history-days", 30, 1, max),
                s.integer("projectionist.report.abandon-min-users", 2, 1, max),
                s.integer("projectionist.report.regular-min-plays", 3, 1, max),
                s.integer("projectionist.report.max-history-rows", 200_000, 0, max));
        s.throwIfProblems();
        return settings;
    }
}
