package io.projectionist.report;

import java.util.List;
import java.util.Map;

/**
 * A viewing report: every number it shows, in a shape that serialises straight to JSON (snake_case). Built by
 * {@link ReportBuilder}, rendered by {@link HtmlRenderer}, {@link MarkdownRenderer}, {@link CsvRenderer} and as
 * JSON. Seconds are seconds of play time (pauses excluded), as Tautulli counts them.
 */
public record Report(Meta meta, Totals totals, List<String> highlights, List<Insight> insights, List<Day> days,
        List<Bucket> hours, List<Bucket> weekdays, Rankings rankings, List<PlatformStat> platforms,
        List<LibraryStat> libraries, List<Mover> movers) {

    /**
     * @param periodStart    first local date of the period (Tautulli server's time zone)
     * @param periodEnd      last local date (yesterday: today is still running and left out)
     * @param counting       how plays are counted, for readers
     */
    public record Meta(String title, String server, String generatedAt, int days, String periodStart,
            String periodEnd, String previousStart, String previousEnd, int idleDays, int historyDays,
            String counting, List<String> notes) {
    }

    /**
     * Period totals and the previous period's. Plays and seconds count plays by the local date they started
     * (Tautulli's graphs); users are counted over the last {@code days × 24 h} (Tautulli's watch-time stats).
     * Percent changes are null when the previous value is 0.
     */
    public record Totals(long plays, long previousPlays, Double playsChangePct, long watchSeconds,
            long previousWatchSeconds, Double watchChangePct, int activeUsers, int previousActiveUsers,
            List<String> newUsers, long directPlay, long directStream, long transcode, Double transcodeSharePct,
            Double previousTranscodeSharePct, Peak peak) {
    }

    /** Most concurrent streams in the period (get_home_stats most_concurrent); {@code at} in Unix seconds. */
    public record Peak(long streams, Long at, long transcodes, long directStreams, long directPlays) {
    }

    /** One local date of the period, with the same day of the previous period for comparison. */
    public record Day(String date, String weekday, Map<String, Long> byMedia, long plays, long watchSeconds,
            long directPlay, long directStream, long transcode, String previousDate, long previousPlays) {
    }

    /** An hour of the day ("00"…"23") or a weekday, plays by media type. */
    public record Bucket(String label, Map<String, Long> byMedia, long plays) {
    }

    /**
     * Top lists. {@code previousPlays} is null when Tautulli's lists were too short to tell.
     */
    public record Rankings(List<TitleStat> movies, List<TitleStat> shows, List<TitleStat> artists,
            List<PopularStat> popularMovies, List<PopularStat> popularShows, List<PopularStat> popularArtists,
            List<UserStat> users) {
    }

    public record TitleStat(String title, Integer year, String ratingKey, long plays, Long previousPlays,
            long watchSeconds, Long lastPlay) {
    }

    public record PopularStat(String title, Integer year, String ratingKey, long viewers, long plays) {
    }

    public record UserStat(long userId, String name, long plays, long previousPlays, long watchSeconds,
            long previousWatchSeconds, long allTimePlays, boolean newUser) {
    }

    public record PlatformStat(String platform, long plays, long watchSeconds, long directPlay, long directStream,
            long transcode, Double transcodeSharePct) {
    }

    public record LibraryStat(String sectionId, String name, String type, long plays, long previousPlays,
            long watchSeconds, long previousWatchSeconds, long idleWindowPlays, long allTimePlays) {
    }

    /** A title or user whose plays changed most against the previous period. */
    public record Mover(String kind, String name, long plays, long previousPlays, long change) {
    }

    /** One insight: a sentence and the numbers behind it. */
    public record Insight(String kind, String sentence, Map<String, Object> numbers) {
    }
}
