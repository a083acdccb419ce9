package io.projectionist.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.report.ReportInputs.Arrival;
import io.projectionist.report.ReportInputs.CollectionUsage;
import io.projectionist.report.ReportInputs.LibraryUsage;
import io.projectionist.report.ReportInputs.Play;
import io.projectionist.report.ReportInputs.UserUsage;
import io.projectionist.report.ReportInputs.Windows;
import io.projectionist.support.UpstreamRetry;
import io.projectionist.tautulli.TautulliClient;
import io.projectionist.tautulli.model.GraphData;
import io.projectionist.tautulli.model.HistoryPage;
import io.projectionist.tautulli.model.HistoryRow;
import io.projectionist.tautulli.model.HomeStat;
import io.projectionist.tautulli.model.Library;
import io.projectionist.tautulli.model.RecentlyAdded;
import io.projectionist.tautulli.model.User;
import io.projectionist.tautulli.model.WatchTimeStat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.time.Instant;

/**
 * Fetches a report's {@link ReportInputs} from Tautulli (and Plex collections when a {@link PlexClient} is given).
 * Plain Java over {@link TautulliClient}: the CLI, the route and the benchmark all use it. Only Tautulli's own
 * aggregates are used for the numbers; play history is read (paged, movies and episodes only, bounded by
 * {@code historyDays} and {@code maxHistoryRows}) just for the insights that need single plays. The period split
 * never uses {@code before}/{@code after} of get_home_stats (broken on Tautulli 2.17.x): windows of {@code days}
 * and {@code 2 × days} are fetched and subtracted.
 */
public final class TautulliReportSource {

    private static final Logger LOG = LoggerFactory.getLogger(TautulliReportSource.class);
    /** Rows per home-stats card: deep enough to tell the previous period of most titles. */
    static final int STATS_DEPTH = 100;
    static final int HISTORY_PAGE = 5_000;

    private final TautulliClient tautulli;
    private final PlexClient plex;
    private final Clock clock;
    private final UpstreamRetry retry;

    /** Without retries of its own (the caller retries). */
    public TautulliReportSource(TautulliClient tautulli, PlexClient plex, Clock clock) {
        this(tautulli, plex, clock, UpstreamRetry.none());
    }

    /**
     * @param plex  null when Plex is not configured: collection insights are skipped with a note
     * @param retry every call (all reads) is retried with the shared back-off, as the routes retry theirs
     */
    public TautulliReportSource(TautulliClient tautulli, PlexClient plex, Clock clock, UpstreamRetry retry) {
        this.tautulli = tautulli;
        this.plex = plex;
        this.clock = clock;
        this.retry = retry;
    }

    private Object call(String command, Object... kv) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], String.valueOf(kv[i + 1]));
        }
        return retry.call("report: Tautulli " + command, () -> tautulli.callTyped(command, p));
    }

    private <T> T optional(List<String> notes, String what, Supplier<T> call, T fallback) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.warn("report: {} failed, left out: {}", what, e.getMessage());
            notes.add(what + " could not be fetched (" + e.getMessage() + ") and was left out.");
            return fallback;
        }
    }

    @SuppressWarnings("unchecked")
    public ReportInputs fetch(ReportSettings s) {
        int d = s.days();
        List<String> notes = new ArrayList<>();
        Instant now = clock.instant();
        // the graphs define the periods: complete local dates today-2d .. today-1 (today is dropped, still running)
        GraphData playsByDate = (GraphData) call("get_plays_by_date", "time_range", 2 * d + 1);
        LocalDate today = playsByDate.categories().isEmpty() ? LocalDate.ofInstant(now, clock.getZone())
                : LocalDate.parse(playsByDate.categories().get(playsByDate.categories().size() - 1));
        GraphData durationByDate = (GraphData) call("get_plays_by_date", "time_range", 2 * d + 1, "y_axis",
                "duration");
        GraphData streamTypeByDate = (GraphData) call("get_plays_by_stream_type", "time_range", 2 * d + 1);
        GraphData hourOfDay = (GraphData) call("get_plays_by_hourofday", "time_range", d);
        GraphData dayOfWeek = (GraphData) call("get_plays_by_dayofweek", "time_range", d);
        GraphData topUsers = (GraphData) call("get_plays_by_top_10_users", "time_range", d);
        GraphData topPlatforms = (GraphData) call("get_plays_by_top_10_platforms", "time_range", d);
        GraphData streamByPlatform = (GraphData) call("get_stream_type_by_top_10_platforms", "time_range", d);
        List<HomeStat> stats = (List<HomeStat>) call("get_home_stats", "time_range", d, "stats_count", STATS_DEPTH);
        List<HomeStat> statsDouble = (List<HomeStat>) call("get_home_stats", "time_range", 2 * d, "stats_count",
                STATS_DEPTH);
        String windows = d + "," + 2 * d + "," + s.idleDays() + ",0";

        List<LibraryUsage> libraries = new ArrayList<>();
        for (Library l : (List<Library>) call("get_library_names")) {
            List<WatchTimeStat> w = (List<WatchTimeStat>) call("get_library_watch_time_stats", "section_id",
                    l.sectionId(), "query_days", windows);
            libraries.add(new LibraryUsage(l.sectionId(), l.sectionName(), l.sectionType(), new Windows(w)));
        }

        List<UserUsage> users = new ArrayList<>();
        for (User u : (List<User>) call("get_users")) {
            if (u.userId() == null || u.userId() == 0 || Integer.valueOf(0).equals(u.isActive())) {
                continue; // Tautulli's built-in Local user, and users removed from the server
            }
            List<WatchTimeStat> w = (List<WatchTimeStat>) call("get_user_watch_time_stats", "user_id", u.userId(),
                    "query_days", windows);
            Windows win = new Windows(w);
            Long lastSeen = null;
            if (win.plays(s.idleDays()) == 0 && win.plays(0) > 0) {
                lastSeen = optional(notes, "last play of user " + u.userId(), () -> {
                    User full = (User) call("get_user", "user_id", u.userId(), "include_last_seen", 1);
                    return full == null ? null : full.lastSeen();
                }, null);
            }
            String name = u.friendlyName() != null ? u.friendlyName() : u.username();
            users.add(new UserUsage(u.userId(), name, win, lastSeen));
        }

        LocalDate historyFrom = today.minusDays(s.historyDays() - 1L);
        boolean[] truncated = {false};
        List<Play> plays = optional(notes, "play history for insights",
                () -> history(historyFrom, s.maxHistoryRows(), truncated), List.of());
        if (truncated[0]) {
            notes.add("Insights from single plays use the latest " + Fmt.count(s.maxHistoryRows())
                    + " plays since " + historyFrom + " (projectionist.report.max-history-rows).");
        }
        List<Arrival> arrivals = optional(notes, "recently added (get_recently_added)", this::arrivals, List.of());
        String server = optional(notes, "server name", () -> {
            Object o = call("get_server_friendly_name");
            return o instanceof JsonNode n && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
        }, null);
        List<CollectionUsage> collections = null;
        if (plex == null) {
            notes.add("Plex is not configured (plex.url): collection insights were skipped.");
        } else {
            collections = optional(notes, "Plex collections", () -> collections(today.minusDays(s.idleDays() - 1L)),
                    null);
        }
        return new ReportInputs(now, today, server, stats, statsDouble, STATS_DEPTH, playsByDate, durationByDate,
                streamTypeByDate, hourOfDay, dayOfWeek, topUsers, topPlatforms, streamByPlatform, libraries, users,
                plays, historyFrom, truncated[0], arrivals, collections, notes);
    }

    /** Movies and episodes that started on or after {@code from} (local date), newest first, deduplicated by id. */
    private List<Play> history(LocalDate from, int maxRows, boolean[] truncated) {
        List<Play> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int start = 0;
        while (true) {
            int length = Math.min(HISTORY_PAGE, Math.max(1, maxRows - out.size()));
            HistoryPage page = (HistoryPage) call("get_history", "grouping", 0, "include_activity", 0, "media_type",
                    "movie,episode", "after", from, "order_column", "date", "order_dir", "desc", "start", start,
                    "length", length);
            for (HistoryRow r : page.data()) {
                Long id = r.id() != null ? r.id() : r.rowId();
                if (id == null || !seen.add(id)) {
                    continue;
                }
                out.add(new Play(id, r.userId() == null ? 0 : r.userId(),
                        r.friendlyName() != null ? r.friendlyName() : r.user(), r.mediaType(), r.ratingKey(),
                        r.parentRatingKey(), r.grandparentRatingKey(), r.fullTitle() != null ? r.fullTitle()
                        : r.title(), r.grandparentTitle(), n(r.started()), n(r.stopped()), n(r.duration()),
                        r.percentComplete() == null ? 0 : r.percentComplete(), r.platform(), r.transcodeDecision()));
            }
            start += page.data().size();
            long filtered = page.recordsFiltered() == null ? 0 : page.recordsFiltered();
            if (page.data().isEmpty() || start >= filtered) {
                return out;
            }
            if (out.size() >= maxRows) {
                truncated[0] = true;
                return out;
            }
        }
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }

    private List<Arrival> arrivals() {
        RecentlyAdded ra = (RecentlyAdded) call("get_recently_added", "count", 50, "media_type", "show");
        List<Arrival> out = new ArrayList<>();
        for (RecentlyAdded.Item i : ra.recentlyAdded()) {
            out.add(new Arrival(i.mediaType(), i.ratingKey(), i.parentRatingKey(), i.grandparentRatingKey(), i.title(),
                    i.parentTitle(), i.grandparentTitle(), i.addedAt() == null ? 0 : i.addedAt()));
        }
        return out;
    }

    /** Every collection of the movie, show and music sections with its plays since {@code idleFrom}. */
    private List<CollectionUsage> collections(LocalDate idleFrom) {
        List<CollectionUsage> out = new ArrayList<>();
        for (PlexSection section : retry.call("report: Plex sections", plex::sections)) {
            String type = section.type() == null ? "" : section.type();
            if (!(type.equals("movie") || type.equals("show") || type.equals("artist"))) {
                continue;
            }
            for (PlexCollection c : retry.call("report: Plex collections", () -> plex.collections(section.id()))) {
                List<PlexItem> items = retry.call("report: Plex collection items",
                        () -> plex.collectionItems(c.ratingKey()));
                Map<String, Set<String>> filters = new LinkedHashMap<>();
                for (PlexItem i : items) {
                    String param = switch (i.type() == null ? "" : i.type().toLowerCase(Locale.ROOT)) {
                        case "show", "artist" -> "grandparent_rating_key";
                        case "season", "album" -> "parent_rating_key";
                        default -> "rating_key";
                    };
                    if (i.ratingKey() != null) {
                        filters.computeIfAbsent(param, k -> new LinkedHashSet<>()).add(i.ratingKey());
                    }
                }
                long recent = 0;
                Long last = null;
                for (Map.Entry<String, Set<String>> f : filters.entrySet()) {
                    HistoryPage page = (HistoryPage) call("get_history", f.getKey(), String.join(",", f.getValue()),
                            "after", idleFrom, "grouping", 0, "include_activity", 0, "length", 1);
                    recent += page.recordsFiltered() == null ? 0 : page.recordsFiltered();
                    last = latest(last, page);
                }
                if (recent == 0) {
                    for (Map.Entry<String, Set<String>> f : filters.entrySet()) {
                        HistoryPage page = (HistoryPage) call("get_history", f.getKey(),
                                String.join(",", f.getValue()), "grouping", 0, "include_activity", 0, "length", 1);
                        last = latest(last, page);
                    }
                }
                out.add(new CollectionUsage(c.ratingKey(), c.title(), section.title(), items.size(), recent, last));
            }
        }
        return out;
    }

    private static Long latest(Long last, HistoryPage page) {
        if (page.data().isEmpty()) {
            return last;
        }
        HistoryRow r = page.data().get(0);
        Long t = r.stopped() != null ? r.stopped() : r.started();
        return t == null ? last : last == null ? t : Math.max(last, t);
    }
}
