package io.projectionist.report;

import io.projectionist.report.Report.Insight;
import io.projectionist.report.Report.PlatformStat;
import io.projectionist.report.Report.Totals;
import io.projectionist.report.ReportInputs.Arrival;
import io.projectionist.report.ReportInputs.CollectionUsage;
import io.projectionist.report.ReportInputs.LibraryUsage;
import io.projectionist.report.ReportInputs.Play;
import io.projectionist.report.ReportInputs.UserUsage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The report's insights: idle libraries, collections and users, titles abandoned part-way, new episodes that a
 * show's regular viewers have not started, and transcodes by platform. Each is one sentence plus the numbers behind
 * it. Pure: everything comes from {@link ReportInputs}; "now" is {@link ReportInputs#generatedAt()}.
 */
public final class Insights {

    /** Tautulli's default watched threshold: a play at or above it counts as finished. */
    public static final int WATCHED_PERCENT = 85;
    /** Below this a play is a sample, not a start. */
    public static final int STARTED_PERCENT = 5;
    /** A play that stopped less than this long ago may still be resumed: not "abandoned" yet. */
    public static final long SETTLE_SECONDS = 86_400;
    /** Idle items listed one by one before the rest are summed up. */
    static final int MAX_LISTED = 5;

    private Insights() {
    }

    public static List<Insight> compute(ReportInputs in, ReportSettings s, List<PlatformStat> platforms,
            Totals totals) {
        long now = in.generatedAt().getEpochSecond();
        List<Insight> out = new ArrayList<>();
        out.addAll(idleLibraries(in.libraries(), s.idleDays()));
        if (in.collections() != null) {
            out.addAll(idleCollections(in.collections(), s.idleDays()));
        }
        out.addAll(inactiveUsers(in.users(), s.idleDays(), now));
        out.addAll(abandoned(in.plays(), s.abandonMinUsers(), now));
        out.addAll(unstartedArrivals(in.arrivals(), in.plays(), s.regularMinPlays(), s.historyDays(),
                now - s.days() * 86_400L, now));
        transcodes(platforms, totals).ifPresent(out::add);
        return out;
    }

    static Map<String, Object> numbers(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String date(long epoch) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.UTC).toString();
    }

    // ------------------------------------------------------------------------------------------------- idle

    static List<Insight> idleLibraries(List<LibraryUsage> libraries, int idleDays) {
        List<Insight> out = new ArrayList<>();
        for (LibraryUsage l : libraries) {
            if ("photo".equals(l.type())) {
                continue; // photo views are not plays
            }
            long idle = l.windows().plays(idleDays);
            long all = l.windows().plays(0);
            if (idle > 0) {
                continue;
            }
            String sentence = all == 0
                    ? "Nothing in the " + l.name() + " library has ever been played."
                    : "Nobody has played anything from the " + l.name() + " library in " + Fmt.days(idleDays) + " ("
                            + Fmt.plays(all) + " before that).";
            out.add(new Insight("idle_library", sentence, numbers("library", l.name(), "section_id", l.sectionId(),
                    "idle_days", idleDays, "plays_in_idle_window", idle, "plays_all_time", all)));
        }
        return out;
    }

    static List<Insight> idleCollections(List<CollectionUsage> collections, int idleDays) {
        List<CollectionUsage> idle = collections.stream().filter(c -> c.playsInIdleWindow() == 0 && c.items() > 0)
                .sorted(Comparator.comparingInt(CollectionUsage::items).reversed()
                        .thenComparing(CollectionUsage::title))
                .toList();
        List<Insight> out = new ArrayList<>();
        for (CollectionUsage c : idle.subList(0, Math.min(MAX_LISTED, idle.size()))) {
            String where = (c.library() == null ? "" : c.library() + ", ") + c.items()
                    + (c.items() == 1 ? " item" : " items");
            String last = c.lastPlayed() == null ? " — and never has been" : " (last play " + date(c.lastPlayed())
                    + ")";
            out.add(new Insight("idle_collection", "You haven't watched anything from the " + Fmt.quote(c.title())
                    + " collection (" + where + ") in " + Fmt.days(idleDays) + last + ".",
                    numbers("collection", c.title(), "rating_key", c.ratingKey(), "library", c.library(), "items",
                            c.items(), "idle_days", idleDays, "plays_in_idle_window", 0,
                            "last_played", c.lastPlayed() == null ? null : date(c.lastPlayed()))));
        }
        if (idle.size() > MAX_LISTED) {
            List<String> rest = idle.subList(MAX_LISTED, idle.size()).stream().map(CollectionUsage::title).toList();
            out.add(new Insight("idle_collection", rest.size() + " more collections had no plays in "
                    + Fmt.days(idleDays) + ": " + Fmt.and(rest.stream().map(Fmt::quote).toList()) + ".",
                    numbers("collections", rest, "idle_days", idleDays)));
        }
        return out;
    }

    static List<Insight> inactiveUsers(List<UserUsage> users, int idleDays, long now) {
        List<UserUsage> idle = users.stream().filter(u -> u.windows().plays(idleDays) == 0)
                .sorted(Comparator.comparingLong((UserUsage u) -> u.windows().plays(0)).reversed()
                        .thenComparing(UserUsage::name))
                .toList();
        List<Insight> out = new ArrayList<>();
        List<String> never = new ArrayList<>();
        int listed = 0;
        for (UserUsage u : idle) {
            long all = u.windows().plays(0);
            if (all == 0) {
                never.add(u.name());
                continue;
            }
            if (listed++ >= MAX_LISTED) {
                continue;
            }
            String last = u.lastSeen() == null ? "" : "last play " + date(u.lastSeen()) + ", "
                    + Fmt.days((now - u.lastSeen()) / 86_400) + " ago; ";
            out.add(new Insight("inactive_user", u.name() + " hasn't played anything in " + Fmt.days(idleDays) + " ("
                    + last + Fmt.plays(all) + " all time).",
                    numbers("user", u.name(), "user_id", u.userId(), "idle_days", idleDays, "plays_all_time", all,
                            "last_played", u.lastSeen() == null ? null : date(u.lastSeen()))));
        }
        if (listed > MAX_LISTED) {
            out.add(new Insight("inactive_user", (listed - MAX_LISTED) + " more users haven't played anything in "
                    + Fmt.days(idleDays) + ".", numbers("more_users", listed - MAX_LISTED, "idle_days", idleDays)));
        }
        if (!never.isEmpty()) {
            out.add(new Insight("inactive_user", Fmt.and(never) + (never.size() == 1 ? " has" : " have")
                    + " never played anything.", numbers("users", never, "plays_all_time", 0)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------- abandoned

    /**
     * Titles that at least {@code minUsers} users started (≥ 5 %) but stopped before Tautulli's watched threshold
     * (85 %) and have not come back to finish within a day.
     */
    static List<Insight> abandoned(List<Play> plays, int minUsers, long now) {
        // rating key → user → [max percent, last stopped]
        Map<String, Map<String, long[]>> byTitle = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        for (Play p : plays) {
            if (p.ratingKey() == null || !("movie".equals(p.mediaType()) || "episode".equals(p.mediaType()))) {
                continue;
            }
            titles.putIfAbsent(p.ratingKey(), p.title());
            long[] acc = byTitle.computeIfAbsent(p.ratingKey(), k -> new TreeMap<>())
                    .computeIfAbsent(p.user(), k -> new long[] {0, 0});
            acc[0] = Math.max(acc[0], p.percentComplete());
            acc[1] = Math.max(acc[1], p.stopped());
        }
        record Abandon(String key, String title, Map<String, Long> users, int finished) {
        }
        List<Abandon> found = new ArrayList<>();
        byTitle.forEach((key, users) -> {
            Map<String, Long> stopped = new LinkedHashMap<>();
            int finished = 0;
            for (Map.Entry<String, long[]> e : users.entrySet()) {
                long pct = e.getValue()[0];
                if (pct >= WATCHED_PERCENT) {
                    finished++;
                } else if (pct >= STARTED_PERCENT && now - e.getValue()[1] >= SETTLE_SECONDS) {
                    stopped.put(e.getKey(), pct);
                }
            }
            if (stopped.size() >= minUsers) {
                found.add(new Abandon(key, titles.get(key), stopped, finished));
            }
        });
        found.sort(Comparator.comparingInt((Abandon a) -> a.users().size()).reversed()
                .thenComparing(a -> a.users().size() * 1.0 / (a.users().size() + a.finished()),
                        Comparator.reverseOrder())
                .thenComparing(Abandon::title, Comparator.nullsLast(Comparator.naturalOrder())));
        List<Insight> out = new ArrayList<>();
        for (Abandon a : found.subList(0, Math.min(3, found.size()))) {
            List<String> who = new ArrayList<>();
            a.users().forEach((u, pct) -> who.add(u + " at " + pct + "%"));
            String others = a.finished() == 0 ? "nobody has finished it"
                    : a.finished() + (a.finished() == 1 ? " other viewer" : " other viewers") + " finished it";
            List<Map<String, Object>> users = new ArrayList<>();
            a.users().forEach((u, pct) -> users.add(numbers("user", u, "percent", pct)));
            out.add(new Insight("abandoned_title", a.users().size() + " viewers stopped " + Fmt.quote(a.title())
                    + " part-way and didn't come back (" + Fmt.and(who) + "); " + others + ".",
                    numbers("title", a.title(), "rating_key", a.key(), "abandoned_by", users, "finished_by",
                            a.finished())));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------- new episodes

    /**
     * Shows with a season or episode added in the period that some of their regular viewers (at least
     * {@code minPlays} plays of the show in the history window) have not started.
     */
    static List<Insight> unstartedArrivals(List<Arrival> arrivals, List<Play> plays, int minPlays, int historyDays,
            long periodStart, long now) {
        // newest arrival per show
        Map<String, Arrival> newest = new LinkedHashMap<>();
        for (Arrival a : arrivals) {
            String show = showKey(a);
            if (show == null || a.addedAt() < periodStart) {
                continue;
            }
            newest.merge(show, a, (x, y) -> x.addedAt() >= y.addedAt() ? x : y);
        }
        if (newest.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Integer>> showPlays = new HashMap<>();
        Map<String, Set<String>> startedBy = new HashMap<>(); // episode or season key → users
        for (Play p : plays) {
            if (!"episode".equals(p.mediaType()) || p.grandparentKey() == null) {
                continue;
            }
            if (newest.containsKey(p.grandparentKey())) {
                showPlays.computeIfAbsent(p.grandparentKey(), k -> new TreeMap<>()).merge(p.user(), 1, Integer::sum);
                startedBy.computeIfAbsent(p.ratingKey(), k -> new HashSet<>()).add(p.user());
                if (p.parentKey() != null) {
                    startedBy.computeIfAbsent(p.parentKey(), k -> new HashSet<>()).add(p.user());
                }
            }
        }
        List<Insight> out = new ArrayList<>();
        newest.forEach((show, a) -> {
            Map<String, Integer> viewers = showPlays.getOrDefault(show, Map.of());
            List<String> regular = viewers.entrySet().stream().filter(e -> e.getValue() >= minPlays)
                    .map(Map.Entry::getKey).toList();
            Set<String> started = startedBy.getOrDefault(a.ratingKey(), Set.of());
            List<String> waiting = regular.stream().filter(u -> !started.contains(u)).toList();
            if (waiting.isEmpty()) {
                return;
            }
            String showTitle = "show".equals(a.mediaType()) ? a.title()
                    : "season".equals(a.mediaType()) ? a.parentTitle() : a.grandparentTitle();
            String what = "season".equals(a.mediaType()) ? a.title()
                    : "episode".equals(a.mediaType()) ? "episode " + Fmt.quote(a.title()) : "new episodes";
            long ago = Math.max(0, (now - a.addedAt()) / 86_400);
            String when = ago == 0 ? "today" : ago == 1 ? "yesterday" : Fmt.days(ago) + " ago";
            List<Map<String, Object>> who = new ArrayList<>();
            waiting.forEach(u -> who.add(numbers("user", u, "plays_of_show", viewers.get(u))));
            out.add(new Insight("unstarted_new_episode", Fmt.quote(showTitle) + " has something new (" + what
                    + ", added " + when + ") that its regular " + (waiting.size() == 1 ? "viewer " : "viewers ")
                    + Fmt.and(waiting) + (waiting.size() == 1 ? " hasn't" : " haven't") + " started.",
                    numbers("show", showTitle, "show_rating_key", show, "new_item", what, "new_rating_key",
                            a.ratingKey(), "added", date(a.addedAt()), "regular_viewers_waiting", who,
                            "regular_min_plays", minPlays, "history_days", historyDays)));
        });
        return out;
    }

    private static String showKey(Arrival a) {
        return switch (a.mediaType() == null ? "" : a.mediaType()) {
            case "episode" -> a.grandparentKey();
            case "season" -> a.parentKey();
            default -> null;
        };
    }

    // ------------------------------------------------------------------------------------------------- transcodes

    static Optional<Insight> transcodes(List<PlatformStat> platforms, Totals totals) {
        long all = totals.directPlay() + totals.directStream() + totals.transcode();
        if (all == 0 || platforms.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> by = new LinkedHashMap<>();
        platforms.forEach(p -> by.put(p.platform(), p.transcodeSharePct()));
        if (totals.transcode() == 0) {
            return Optional.of(new Insight("transcodes_by_platform",
                    "Nothing was transcoded: every play was direct play or direct stream.",
                    numbers("transcode_share_pct", 0.0, "by_platform_pct", by)));
        }
        PlatformStat worst = platforms.stream()
                .filter(p -> p.directPlay() + p.directStream() + p.transcode() >= 5 && p.transcodeSharePct() != null)
                .max(Comparator.comparingDouble(PlatformStat::transcodeSharePct)
                        .thenComparingLong(PlatformStat::transcode))
                .orElse(null);
        if (worst == null) {
            return Optional.empty();
        }
        long n = worst.directPlay() + worst.directStream() + worst.transcode();
        return Optional.of(new Insight("transcodes_by_platform", worst.platform() + " transcoded "
                + Fmt.pct(worst.transcodeSharePct()) + " of its plays (" + worst.transcode() + " of " + n
                + "), the highest share of any platform; overall " + Fmt.pct(totals.transcodeSharePct())
                + " of plays were transcoded.",
                numbers("platform", worst.platform(), "transcodes", worst.transcode(), "plays", n,
                        "transcode_share_pct", worst.transcodeSharePct(), "overall_share_pct",
                        totals.transcodeSharePct(), "by_platform_pct", by)));
    }
}
