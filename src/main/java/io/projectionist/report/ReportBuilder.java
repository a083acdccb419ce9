package io.projectionist.report;

import io.projectionist.report.Report.Bucket;
import io.projectionist.report.Report.Day;
import io.projectionist.report.Report.LibraryStat;
import io.projectionist.report.Report.Meta;
import io.projectionist.report.Report.Mover;
import io.projectionist.report.Report.Peak;
import io.projectionist.report.Report.PlatformStat;
import io.projectionist.report.Report.PopularStat;
import io.projectionist.report.Report.Rankings;
import io.projectionist.report.Report.TitleStat;
import io.projectionist.report.Report.Totals;
import io.projectionist.report.Report.UserStat;
import io.projectionist.report.ReportInputs.LibraryUsage;
import io.projectionist.report.ReportInputs.UserUsage;
import io.projectionist.tautulli.model.GraphData;
import io.projectionist.tautulli.model.HomeStat;
import io.projectionist.tautulli.model.HomeStatRow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.time.temporal.ChronoUnit;

/**
 * Turns fetched data into a {@link Report}: splits the double-length graphs into this period and the previous one,
 * derives the previous period's per-title and per-user numbers as (2 × days) − days (Tautulli 2.17's
 * {@code before}/{@code after} are broken), ranks, finds the movers, writes the highlights and asks
 * {@link Insights} for the rest. Pure: no I/O, no clock (time comes from the inputs).
 */
public final class ReportBuilder {

    static final String TOTAL = "Total";
    static final List<String> STREAM_TYPES = List.of("Direct Play", "Direct Stream", "Transcode");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private final ReportInputs in;
    private final ReportSettings s;
    private final ZoneId zone;

    private ReportBuilder(ReportInputs in, ReportSettings s, ZoneId zone) {
        this.in = in;
        this.s = s;
        this.zone = zone;
    }

    public static Report build(ReportInputs inputs, ReportSettings settings) {
        return build(inputs, settings, ZoneId.systemDefault());
    }

    /** @param zone the zone times of day are shown in (peak concurrency, generated at) */
    public static Report build(ReportInputs inputs, ReportSettings settings, ZoneId zone) {
        return new ReportBuilder(inputs, settings, zone).build();
    }

    private Report build() {
        int d = s.days();
        List<Day> days = days();
        Totals totals = totals(days);
        Rankings rankings = rankings();
        List<PlatformStat> platforms = platforms();
        List<LibraryStat> libraries = libraries();
        List<Mover> movers = movers();
        LocalDate today = in.today();
        Meta meta = new Meta(title(), in.serverName(),
                ZonedDateTime.ofInstant(in.generatedAt(), zone).truncatedTo(ChronoUnit.SECONDS)
                        .toOffsetDateTime().toString(),
                d, today.minusDays(d).toString(), today.minusDays(1).toString(), today.minusDays(2L * d).toString(),
                today.minusDays(d + 1L).toString(), s.idleDays(), s.historyDays(),
                "Plays, hours, stream types and the daily chart cover the last " + Fmt.days(d) + " before today"
                        + " (complete local dates of the Tautulli server, by the date a play started: Tautulli's"
                        + " graphs). Top lists, viewers, platforms, libraries, the hour-of-day chart and peak"
                        + " concurrency count plays that stopped in the " + d + " × 24 h before the report ran"
                        + " (Tautulli's home and watch-time stats). Hours are play time without pauses.",
                in.notes());
        List<Report.Insight> insights = Insights.compute(in, s, platforms, totals);
        List<String> highlights = highlights(totals, days, rankings, movers);
        return new Report(meta, totals, highlights, insights, days, buckets(in.hourOfDay()),
                buckets(in.dayOfWeek()), rankings, platforms, libraries, movers);
    }

    private String title() {
        String period = s.days() == 7 ? "Weekly" : s.days() == 1 ? "Daily" : s.days() + "-day";
        return period + " viewing report" + (in.serverName() == null ? "" : " — " + in.serverName());
    }

    // ------------------------------------------------------------------------------------------------- per day

    /** Values of one series by category, or zeros. */
    static long[] values(GraphData g, String name) {
        long[] out = new long[g.categories().size()];
        g.series(name).ifPresent(series -> {
            for (int i = 0; i < out.length && i < series.data().size(); i++) {
                Long v = series.data().get(i);
                out[i] = v == null ? 0 : v;
            }
        });
        return out;
    }

    /** The Total series when Tautulli sends it, else the sum of the others. */
    static long[] totalsOf(GraphData g) {
        return g.series(TOTAL).isPresent() ? values(g, TOTAL) : g.totals();
    }

    static List<String> mediaNames(GraphData g) {
        return g.series().stream().map(GraphData.Series::name).filter(n -> !TOTAL.equals(n)).toList();
    }

    private static Map<String, Integer> index(GraphData g) {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < g.categories().size(); i++) {
            idx.put(g.categories().get(i), i);
        }
        return idx;
    }

    private static long at(long[] values, Integer i) {
        return i == null || i >= values.length ? 0 : values[i];
    }

    /**
     * Categories that belong to the two periods: every date before today (today is still running and would make
     * every comparison look like a drop), i.e. all but the last when the last is today.
     */
    private int usable(GraphData g) {
        int n = g.categories().size();
        return n > 0 && g.categories().get(n - 1).equals(in.today().toString()) ? n - 1 : n;
    }

    private List<Day> days() {
        GraphData plays = in.playsByDate();
        List<String> cats = plays.categories();
        int n = usable(plays);
        int split = Math.max(0, n - s.days());
        long[] total = totalsOf(plays);
        List<String> media = mediaNames(plays);
        Map<String, long[]> byMedia = new LinkedHashMap<>();
        media.forEach(m -> byMedia.put(m, values(plays, m)));
        Map<String, Integer> durIdx = index(in.durationByDate());
        long[] dur = totalsOf(in.durationByDate());
        Map<String, Integer> stIdx = index(in.streamTypeByDate());
        long[] dp = values(in.streamTypeByDate(), STREAM_TYPES.get(0));
        long[] ds = values(in.streamTypeByDate(), STREAM_TYPES.get(1));
        long[] tc = values(in.streamTypeByDate(), STREAM_TYPES.get(2));
        List<Day> out = new ArrayList<>();
        for (int i = split; i < n; i++) {
            String date = cats.get(i);
            Map<String, Long> m = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : byMedia.entrySet()) {
                m.put(e.getKey(), e.getValue()[i]);
            }
            int p = i - s.days();
            out.add(new Day(date, weekday(date), m, total[i], at(dur, durIdx.get(date)), at(dp, stIdx.get(date)),
                    at(ds, stIdx.get(date)), at(tc, stIdx.get(date)), p >= 0 ? cats.get(p) : null,
                    p >= 0 ? total[p] : 0));
        }
        return out;
    }

    private static String weekday(String date) {
        try {
            return LocalDate.parse(date).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Sum of a series over the previous period's categories (the {@code days} before the last {@code days}). */
    private long previousSum(GraphData g, long[] values) {
        int n = usable(g);
        int split = Math.max(0, n - s.days());
        long sum = 0;
        for (int i = Math.max(0, split - s.days()); i < split; i++) {
            sum += values[i];
        }
        return sum;
    }

    private Totals totals(List<Day> days) {
        long plays = days.stream().mapToLong(Day::plays).sum();
        long watch = days.stream().mapToLong(Day::watchSeconds).sum();
        long prevPlays = previousSum(in.playsByDate(), totalsOf(in.playsByDate()));
        long prevWatch = previousSum(in.durationByDate(), totalsOf(in.durationByDate()));
        long dp = days.stream().mapToLong(Day::directPlay).sum();
        long ds = days.stream().mapToLong(Day::directStream).sum();
        long tc = days.stream().mapToLong(Day::transcode).sum();
        GraphData st = in.streamTypeByDate();
        long pdp = previousSum(st, values(st, STREAM_TYPES.get(0)));
        long pds = previousSum(st, values(st, STREAM_TYPES.get(1)));
        long ptc = previousSum(st, values(st, STREAM_TYPES.get(2)));
        int d = s.days();
        int active = 0;
        int prevActive = 0;
        List<String> newUsers = new ArrayList<>();
        for (UserUsage u : in.users()) {
            long now = u.windows().plays(d);
            long before = u.windows().plays(2 * d) - now;
            if (now > 0) {
                active++;
                if (u.windows().plays(0) == now) {
                    newUsers.add(u.name());
                }
            }
            if (before > 0) {
                prevActive++;
            }
        }
        return new Totals(plays, prevPlays, Fmt.changePct(plays, prevPlays), watch, prevWatch,
                Fmt.changePct(watch, prevWatch), active, prevActive, newUsers, dp, ds, tc,
                Fmt.share(tc, dp + ds + tc), Fmt.share(ptc, pdp + pds + ptc), peak());
    }

    private Peak peak() {
        Optional<HomeStat> card = card(in.homeStats(), "most_concurrent");
        long streams = 0;
        Long at = null;
        long tc = 0;
        long ds = 0;
        long dp = 0;
        if (card.isPresent()) {
            for (HomeStatRow r : card.get().rows()) {
                long c = r.count() == null ? 0 : r.count();
                switch (r.title() == null ? "" : r.title()) {
                    case "Concurrent Streams" -> {
                        streams = c;
                        at = r.started();
                    }
                    case "Concurrent Transcodes" -> tc = c;
                    case "Concurrent Direct Streams" -> ds = c;
                    case "Concurrent Direct Plays" -> dp = c;
                    default -> {
                    }
                }
            }
        }
        return new Peak(streams, at, tc, ds, dp);
    }

    private static List<Bucket> buckets(GraphData g) {
        List<String> media = mediaNames(g);
        long[] total = totalsOf(g);
        List<Bucket> out = new ArrayList<>();
        for (int i = 0; i < g.categories().size(); i++) {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String name : media) {
                m.put(name, values(g, name)[i]);
            }
            out.add(new Bucket(g.categories().get(i), m, total[i]));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------- rankings

    static Optional<HomeStat> card(List<HomeStat> cards, String id) {
        // top_libraries comes twice in Tautulli's default card list: the first one wins
        return cards.stream().filter(c -> id.equals(c.statId())).findFirst();
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }

    /** Plays per rating key on a card, and whether the card was cut off at the requested depth. */
    private record CardPlays(Map<String, Long> plays, Map<String, String> titles, boolean truncated) {
    }

    private CardPlays cardPlays(List<HomeStat> cards, String id) {
        Map<String, Long> plays = new LinkedHashMap<>();
        Map<String, String> titles = new HashMap<>();
        Optional<HomeStat> card = card(cards, id);
        card.ifPresent(c -> c.rows().forEach(r -> {
            String key = r.ratingKey() != null ? r.ratingKey() : r.title();
            plays.merge(key, n(r.totalPlays()), Long::sum);
            titles.put(key, r.title());
        }));
        int rows = card.map(c -> c.rows().size()).orElse(0);
        return new CardPlays(plays, titles, card.isEmpty() || rows >= in.homeStatsDepth());
    }

    private List<TitleStat> titles(String id) {
        CardPlays dbl = cardPlays(in.homeStatsDouble(), id);
        List<TitleStat> out = new ArrayList<>();
        card(in.homeStats(), id).ifPresent(c -> {
            for (HomeStatRow r : c.rows()) {
                String key = r.ratingKey() != null ? r.ratingKey() : r.title();
                Long both = dbl.plays().get(key);
                Long prev = both == null ? null : Math.max(0, both - n(r.totalPlays()));
                out.add(new TitleStat(r.title(), r.year(), r.ratingKey(), n(r.totalPlays()), prev,
                        n(r.totalDuration()), r.lastPlay()));
            }
        });
        return out.subList(0, Math.min(s.top(), out.size()));
    }

    private List<PopularStat> popular(String id) {
        List<PopularStat> out = new ArrayList<>();
        card(in.homeStats(), id).ifPresent(c -> c.rows().forEach(r -> out.add(new PopularStat(r.title(), r.year(),
                r.ratingKey(), r.usersWatched() == null ? 0 : r.usersWatched(), n(r.totalPlays())))));
        return out.subList(0, Math.min(s.top(), out.size()));
    }

    private Rankings rankings() {
        return new Rankings(titles("top_movies"), titles("top_tv"), titles("top_music"), popular("popular_movies"),
                popular("popular_tv"), popular("popular_music"), users());
    }

    /** Every user active in this period or the previous one, most plays first. */
    private List<UserStat> users() {
        int d = s.days();
        List<UserStat> out = new ArrayList<>();
        if (in.users().isEmpty()) {
            // no watch-time stats: fall back to the top_users card (no previous period then)
            card(in.homeStats(), "top_users").ifPresent(c -> c.rows().forEach(r -> out.add(new UserStat(
                    r.userId() == null ? 0 : r.userId(), r.friendlyName(), n(r.totalPlays()), 0,
                    n(r.totalDuration()), 0, 0, false))));
            return out;
        }
        for (UserUsage u : in.users()) {
            long plays = u.windows().plays(d);
            long prev = u.windows().plays(2 * d) - plays;
            if (plays == 0 && prev == 0) {
                continue;
            }
            long secs = u.windows().seconds(d);
            long all = u.windows().plays(0);
            out.add(new UserStat(u.userId(), u.name(), plays, prev, secs, u.windows().seconds(2 * d) - secs, all,
                    plays > 0 && all == plays));
        }
        out.sort(Comparator.comparingLong(UserStat::plays).reversed()
                .thenComparing(Comparator.comparingLong(UserStat::watchSeconds).reversed())
                .thenComparing(UserStat::name, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    private List<PlatformStat> platforms() {
        GraphData plays = in.topPlatformsGraph();
        GraphData st = in.streamTypeByPlatform();
        Map<String, Long> seconds = new HashMap<>();
        card(in.homeStats(), "top_platforms").ifPresent(c -> c.rows().forEach(r -> {
            if (r.platform() != null) {
                seconds.merge(r.platform(), n(r.totalDuration()), Long::sum);
            }
        }));
        List<String> names = new ArrayList<>(plays.categories());
        st.categories().stream().filter(c -> !names.contains(c)).forEach(names::add);
        long[] totals = totalsOf(plays);
        Map<String, Integer> stIdx = index(st);
        long[] dp = values(st, STREAM_TYPES.get(0));
        long[] ds = values(st, STREAM_TYPES.get(1));
        long[] tc = values(st, STREAM_TYPES.get(2));
        List<PlatformStat> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Integer j = stIdx.get(name);
            long a = at(dp, j);
            long b = at(ds, j);
            long c = at(tc, j);
            long p = i < plays.categories().size() ? totals[i] : a + b + c;
            out.add(new PlatformStat(name, p, seconds.getOrDefault(name, 0L), a, b, c, Fmt.share(c, a + b + c)));
        }
        return out;
    }

    private List<LibraryStat> libraries() {
        int d = s.days();
        List<LibraryStat> out = new ArrayList<>();
        for (LibraryUsage l : in.libraries()) {
            var w = l.windows();
            long plays = w.plays(d);
            long secs = w.seconds(d);
            out.add(new LibraryStat(l.sectionId(), l.name(), l.type(), plays, w.plays(2 * d) - plays, secs,
                    w.seconds(2 * d) - secs, w.plays(s.idleDays()), w.plays(0)));
        }
        out.sort(Comparator.comparingLong(LibraryStat::plays).reversed().thenComparing(LibraryStat::name,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    // ------------------------------------------------------------------------------------------------- movers

    private List<Mover> movers() {
        List<Mover> titles = new ArrayList<>();
        for (String id : List.of("top_movies", "top_tv", "top_music")) {
            CardPlays cur = cardPlays(in.homeStats(), id);
            CardPlays dbl = cardPlays(in.homeStatsDouble(), id);
            Map<String, String> names = new LinkedHashMap<>(dbl.titles());
            names.putAll(cur.titles());
            for (Map.Entry<String, String> e : names.entrySet()) {
                Long now = cur.plays().get(e.getKey());
                if (now == null && cur.truncated()) {
                    continue; // below the current card's cut-off: unknown
                }
                long current = now == null ? 0 : now;
                Long both = dbl.plays().get(e.getKey());
                if (both == null) {
                    continue; // below the double card's cut-off: unknown
                }
                long prev = Math.max(0, both - current);
                titles.add(new Mover("title", e.getValue(), current, prev, current - prev));
            }
        }
        List<Mover> users = new ArrayList<>();
        for (UserStat u : users()) {
            users.add(new Mover("user", u.name(), u.plays(), u.previousPlays(), u.plays() - u.previousPlays()));
        }
        List<Mover> out = new ArrayList<>();
        out.addAll(extremes(titles, 3));
        out.addAll(extremes(users, 2));
        return out;
    }

    /** The {@code n} biggest rises and {@code n} biggest falls, each of at least 2 plays. */
    private static List<Mover> extremes(List<Mover> all, int n) {
        Comparator<Mover> byName = Comparator.comparing(Mover::name, Comparator.nullsLast(Comparator.naturalOrder()));
        List<Mover> up = all.stream().filter(m -> m.change() >= 2)
                .sorted(Comparator.comparingLong(Mover::change).reversed().thenComparing(byName)).limit(n).toList();
        List<Mover> down = all.stream().filter(m -> m.change() <= -2)
                .sorted(Comparator.comparingLong(Mover::change).thenComparing(byName)).limit(n).toList();
        List<Mover> out = new ArrayList<>(up);
        out.addAll(down);
        return out;
    }

    // ------------------------------------------------------------------------------------------------- highlights

    private List<String> highlights(Totals t, List<Day> days, Rankings r, List<Mover> movers) {
        int d = s.days();
        List<String> out = new ArrayList<>();
        String prevWords = "the previous " + Fmt.days(d);
        if (t.plays() == 0) {
            out.add("No plays in " + Fmt.days(d) + (t.previousPlays() > 0
                    ? " (" + Fmt.plays(t.previousPlays()) + " in " + prevWords + ")." : "."));
            return out;
        }
        out.add(Fmt.plays(t.plays()) + " and " + Fmt.hours(t.watchSeconds()) + " watched in " + Fmt.days(d)
                + ": plays " + Fmt.changeWords(t.playsChangePct()) + " " + prevWords
                + ", hours " + Fmt.changeWords(t.watchChangePct()) + " " + prevWords + ".");
        List<String> tops = new ArrayList<>();
        if (!r.shows().isEmpty()) {
            tops.add("show " + Fmt.quote(r.shows().get(0).title()) + " (" + Fmt.plays(r.shows().get(0).plays()) + ")");
        }
        if (!r.movies().isEmpty()) {
            tops.add("movie " + Fmt.quote(r.movies().get(0).title()) + " (" + Fmt.plays(r.movies().get(0).plays())
                    + ")");
        }
        if (!r.artists().isEmpty()) {
            tops.add("artist " + Fmt.quote(r.artists().get(0).title()) + " ("
                    + Fmt.plays(r.artists().get(0).plays()) + ")");
        }
        if (!tops.isEmpty()) {
            out.add("Most played " + Fmt.and(tops) + ".");
        }
        List<UserStat> active = r.users().stream().filter(u -> u.plays() > 0).toList();
        if (!active.isEmpty()) {
            UserStat u = active.get(0);
            StringBuilder b = new StringBuilder("Most active: " + u.name() + " (" + Fmt.plays(u.plays()) + ", "
                    + Fmt.hours(u.watchSeconds()) + ")");
            if (active.size() > 1) {
                b.append(", then ").append(active.get(1).name()).append(" (").append(Fmt.plays(active.get(1).plays()))
                        .append(")");
            }
            b.append("; ").append(t.activeUsers()).append(t.activeUsers() == 1 ? " viewer" : " viewers")
                    .append(" in all (").append(t.previousActiveUsers()).append(" before).");
            out.add(b.toString());
        }
        Day busiest = days.stream().max(Comparator.comparingLong(Day::plays)).orElse(null);
        List<Bucket> hours = buckets(in.hourOfDay());
        Bucket hour = hours.stream().max(Comparator.comparingLong(Bucket::plays)).orElse(null);
        if (busiest != null && busiest.plays() > 0) {
            String sentence = "Busiest day " + busiest.weekday() + " " + busiest.date() + " ("
                    + Fmt.plays(busiest.plays()) + ")";
            if (hour != null && hour.plays() > 0) {
                int h = Integer.parseInt(hour.label().trim());
                sentence += "; busiest hour " + String.format(Locale.ROOT, "%02d:00–%02d:00", h, (h + 1) % 24);
            }
            out.add(sentence + ".");
        }
        if (t.peak().streams() > 0) {
            String when = t.peak().at() == null ? "" : " on "
                    + AT.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(t.peak().at()), zone));
            out.add("Peak: " + t.peak().streams() + " streams at once" + when + "; at most "
                    + t.peak().transcodes() + " transcoding at once.");
        }
        if (t.transcodeSharePct() != null) {
            out.add("Transcoded: " + Fmt.pct(t.transcodeSharePct()) + " of plays (" + Fmt.count(t.transcode())
                    + " of " + Fmt.count(t.directPlay() + t.directStream() + t.transcode()) + ")"
                    + (t.previousTranscodeSharePct() == null ? "" : ", " + Fmt.pct(t.previousTranscodeSharePct())
                    + " before") + ".");
        }
        if (!t.newUsers().isEmpty()) {
            out.add("New " + (t.newUsers().size() == 1 ? "viewer" : "viewers") + ": " + Fmt.and(t.newUsers())
                    + ".");
        }
        movers.stream().filter(m -> m.kind().equals("title")).findFirst().ifPresent(m -> out.add(
                (m.change() > 0 ? "Biggest climber: " : "Biggest drop: ") + Fmt.quote(m.name()) + " ("
                        + Fmt.count(m.previousPlays()) + " → " + Fmt.plays(m.plays()) + ")."));
        return out;
    }
}
