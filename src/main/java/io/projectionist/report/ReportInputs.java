package io.projectionist.report;

import io.projectionist.tautulli.model.GraphData;
import io.projectionist.tautulli.model.HomeStat;
import io.projectionist.tautulli.model.WatchTimeStat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a report is built from, as fetched from Tautulli (and Plex when configured). Plain data: tests craft
 * it directly, {@link TautulliReportSource} fills it from the APIs, {@link ReportBuilder} turns it into a
 * {@link Report}. Graphs that split the current period from the previous one cover {@code 2 × days + 1} local dates
 * (the last one, today, is left out of both periods).
 *
 * @param generatedAt       when the data was fetched
 * @param today             the Tautulli server's local date (the last category of get_plays_by_date)
 * @param serverName        Plex server name as Tautulli knows it, or null
 * @param homeStats         get_home_stats, time_range = days
 * @param homeStatsDouble   get_home_stats, time_range = 2 × days (previous period = double − current)
 * @param homeStatsDepth    the stats_count both were fetched with (to know whether a card was cut off)
 * @param playsByDate       get_plays_by_date, time_range = 2 × days + 1, y_axis plays
 * @param durationByDate    get_plays_by_date, time_range = 2 × days + 1, y_axis duration (seconds)
 * @param streamTypeByDate  get_plays_by_stream_type, time_range = 2 × days + 1
 * @param hourOfDay         get_plays_by_hourofday, time_range = days
 * @param dayOfWeek         get_plays_by_dayofweek, time_range = days
 * @param topUsersGraph     get_plays_by_top_10_users, time_range = days
 * @param topPlatformsGraph get_plays_by_top_10_platforms, time_range = days
 * @param streamTypeByPlatform get_stream_type_by_top_10_platforms, time_range = days
 * @param libraries         per library: get_library_watch_time_stats with query_days = days, 2 × days, idle, 0
 * @param users             per user: get_user_watch_time_stats with the same windows
 * @param plays             history rows (grouping 0, movies and episodes) since {@code historyFrom}, for insights
 * @param historyFrom       first local date of {@code plays}
 * @param historyTruncated  true when {@code plays} stopped at the row limit
 * @param arrivals          recently added seasons and episodes (get_recently_added), newest first
 * @param collections       Plex collections with their plays in the idle window; null when Plex is not configured
 * @param notes             what could not be fetched or was skipped, in plain words
 */
public record ReportInputs(Instant generatedAt, LocalDate today, String serverName, List<HomeStat> homeStats,
        List<HomeStat> homeStatsDouble, int homeStatsDepth, GraphData playsByDate, GraphData durationByDate,
        GraphData streamTypeByDate, GraphData hourOfDay, GraphData dayOfWeek, GraphData topUsersGraph,
        GraphData topPlatformsGraph, GraphData streamTypeByPlatform, List<LibraryUsage> libraries,
        List<UserUsage> users, List<Play> plays, LocalDate historyFrom, boolean historyTruncated,
        List<Arrival> arrivals, List<CollectionUsage> collections, List<String> notes) {

    public ReportInputs {
        homeStats = homeStats == null ? List.of() : List.copyOf(homeStats);
        homeStatsDouble = homeStatsDouble == null ? List.of() : List.copyOf(homeStatsDouble);
        playsByDate = orEmpty(playsByDate);
        durationByDate = orEmpty(durationByDate);
        streamTypeByDate = orEmpty(streamTypeByDate);
        hourOfDay = orEmpty(hourOfDay);
        dayOfWeek = orEmpty(dayOfWeek);
        topUsersGraph = orEmpty(topUsersGraph);
        topPlatformsGraph = orEmpty(topPlatformsGraph);
        streamTypeByPlatform = orEmpty(streamTypeByPlatform);
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
        users = users == null ? List.of() : List.copyOf(users);
        plays = plays == null ? List.of() : List.copyOf(plays);
        arrivals = arrivals == null ? List.of() : List.copyOf(arrivals);
        collections = collections == null ? null : List.copyOf(collections);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    private static GraphData orEmpty(GraphData g) {
        return g == null ? new GraphData(List.of(), List.of()) : g;
    }

    /** Plays and seconds of a library or user in the windows that were asked for (query_days → stat). */
    public record Windows(List<WatchTimeStat> stats) {
        public Windows {
            stats = stats == null ? List.of() : List.copyOf(stats);
        }

        public long plays(int queryDays) {
            return stats.stream().filter(s -> s.queryDays() != null && s.queryDays() == queryDays)
                    .mapToLong(s -> s.totalPlays() == null ? 0 : s.totalPlays()).findFirst().orElse(0);
        }

        public long seconds(int queryDays) {
            return stats.stream().filter(s -> s.queryDays() != null && s.queryDays() == queryDays)
                    .mapToLong(s -> s.totalTime() == null ? 0 : s.totalTime()).findFirst().orElse(0);
        }
    }

    public record LibraryUsage(String sectionId, String name, String type, Windows windows) {
    }

    /** A Tautulli user; {@code lastSeen} (Unix seconds) is only fetched for users idle in the idle window. */
    public record UserUsage(long userId, String name, Windows windows, Long lastSeen) {
    }

    /**
     * One history row, reduced to what insights need. Keys are Plex rating keys as text; for movies
     * {@code parentKey}/{@code grandparentKey} are null.
     */
    public record Play(long id, long userId, String user, String mediaType, String ratingKey, String parentKey,
            String grandparentKey, String title, String grandparentTitle, long started, long stopped, long duration,
            int percentComplete, String platform, String transcodeDecision) {
    }

    /** A recently added season or episode (or show). */
    public record Arrival(String mediaType, String ratingKey, String parentKey, String grandparentKey, String title,
            String parentTitle, String grandparentTitle, long addedAt) {
    }

    /**
     * A Plex collection: how many items it holds, how many plays its items had in the idle window, and the last
     * play (Unix seconds, null if never played).
     */
    public record CollectionUsage(String ratingKey, String title, String library, int items, long playsInIdleWindow,
            Long lastPlayed) {
    }
}
