package io.projectionist.sim.tautulli;

import static io.projectionist.sim.tautulli.TautulliApi.map;

import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.Media;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.TranscodeDecision;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.LongToIntFunction;

/**
 * The graph commands. Windows are on {@code stopped} (now - time_range days); buckets use the local date, hour or
 * weekday of {@code started}. Media-type series come in the order TV, Movies, Music and only for existing library
 * types; only get_plays_by_date adds Total.
 */
final class Graphs {

    private final World world;
    private final Clock clock;

    Graphs(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    private record Series(String name, long[] data) {
    }

    /** Series names and the index of each history row's series (-1 = none). */
    private List<String> mediaSeries() {
        List<String> out = new ArrayList<>();
        Set<String> types = new HashSet<>();
        for (Library l : world.libraries()) {
            types.add(l.type());
        }
        if (types.contains("show")) {
            out.add("TV");
        }
        if (types.contains("movie")) {
            out.add("Movies");
        }
        if (types.contains("artist")) {
            out.add("Music");
        }
        return out;
    }

    private static int mediaIndex(List<String> series, MediaType t) {
        return series.indexOf(switch (t) {
            case EPISODE -> "TV";
            case MOVIE -> "Movies";
            default -> "Music";
        });
    }

    private static final List<String> STREAM_SERIES = List.of("Direct Play", "Direct Stream", "Transcode");

    private Object result(List<String> categories, List<String> names, long[][] data) {
        List<Object> series = new ArrayList<>();
        for (int s = 0; s < names.size(); s++) {
            List<Long> values = new ArrayList<>();
            for (long v : data[s]) {
                values.add(v);
            }
            series.add(map("name", names.get(s), "data", values));
        }
        return map("categories", categories, "series", series);
    }

    /** Visits window rows passing the user filter. */
    private void window(Args a, long since, IntConsumer action) {
        List<Integer> userIds = a.intList("user_id");
        History h = world.history();
        boolean[] ok = new boolean[world.users().size()];
        for (User u : world.users()) {
            ok[u.index()] = userIds == null || userIds.contains(u.userId());
        }
        h.forEachStoppedSince(since, i -> {
            if (ok[h.userIndex(i)]) {
                action.accept(i);
            }
        });
    }

    private boolean byDurationAxis(Args a) {
        return "duration".equals(a.str("y_axis"));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private LocalDate localDate(long epoch) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epoch), world.zone());
    }

    Object byDate(Args a, boolean streamType) {
        int days = a.lenientInt("time_range", 30);
        boolean duration = byDurationAxis(a);
        LocalDate today = localDate(now());
        LocalDate first = today.minusDays(days - 1L);
        List<String> categories = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            categories.add(first.plusDays(d).toString());
        }
        List<String> names = streamType ? STREAM_SERIES : mediaSeries();
        long[][] data = new long[names.size() + (streamType ? 0 : 1)][days];
        History h = world.history();
        window(a, now() - days * 86400L, i -> {
            long idx = localDate(h.started(i)).toEpochDay() - first.toEpochDay();
            if (idx < 0 || idx >= days) {
                return;
            }
            int s = streamType ? h.decisionOrdinal(i) : mediaIndex(names, h.item(i).type());
            if (s < 0) {
                return;
            }
            long v = duration ? h.duration(i) : 1;
            data[s][(int) idx] += v;
            if (!streamType) {
                data[names.size()][(int) idx] += v;
            }
        });
        List<String> all = new ArrayList<>(names);
        if (!streamType && !names.isEmpty()) {
            all.add("Total");
        } else if (!streamType) {
            return result(categories, List.of(), new long[0][]);
        }
        return result(categories, all, data);
    }

    Object byHourOfDay(Args a) {
        List<String> categories = new ArrayList<>();
        for (int hh = 0; hh < 24; hh++) {
            categories.add(String.format("%02d", hh));
        }
        return bucketed(a, categories, epoch -> LocalDateTime.ofInstant(Instant.ofEpochSecond(epoch),
                world.zone()).getHour());
    }

    Object byDayOfWeek(Args a) {
        List<String> categories = List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                "Saturday");
        return bucketed(a, categories, epoch -> localDate(epoch).getDayOfWeek().getValue() % 7);
    }

    private Object bucketed(Args a, List<String> categories, LongToIntFunction bucket) {
        int days = a.lenientInt("time_range", 30);
        boolean duration = byDurationAxis(a);
        List<String> names = mediaSeries();
        long[][] data = new long[names.size()][categories.size()];
        History h = world.history();
        window(a, now() - days * 86400L, i -> {
            int s = mediaIndex(names, h.item(i).type());
            if (s >= 0) {
                data[s][bucket.applyAsInt(h.started(i))] += duration ? h.duration(i) : 1;
            }
        });
        return result(categories, names, data);
    }

    Object perMonth(Args a) {
        int months = a.lenientInt("time_range", 12);
        boolean duration = byDurationAxis(a);
        YearMonth current = YearMonth.from(localDate(now()));
        YearMonth first = current.minusMonths(months - 1L);
        List<String> categories = new ArrayList<>();
        for (int m = 0; m < months; m++) {
            YearMonth ym = first.plusMonths(m);
            categories.add(ym.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + ym.getYear());
        }
        long since = current.minusMonths(months).atDay(1).atStartOfDay(world.zone()).toEpochSecond();
        List<String> names = mediaSeries();
        long[][] data = new long[names.size()][months];
        History h = world.history();
        window(a, since, i -> {
            YearMonth ym = YearMonth.from(localDate(h.started(i)));
            long idx = (ym.getYear() - first.getYear()) * 12L + ym.getMonthValue() - first.getMonthValue();
            int s = mediaIndex(names, h.item(i).type());
            if (idx >= 0 && idx < months && s >= 0) {
                data[s][(int) idx] += duration ? h.duration(i) : 1;
            }
        });
        return result(categories, names, data);
    }

    /** Top 10 users (friendly names) or platforms by total, split by media type or stream type. */
    Object top10(Args a, boolean users, boolean streamType) {
        int days = a.lenientInt("time_range", 30);
        boolean duration = byDurationAxis(a);
        History h = world.history();
        List<String> names = streamType ? STREAM_SERIES : mediaSeries();
        Map<String, long[]> groups = new LinkedHashMap<>();
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        window(a, now() - days * 86400L, i -> {
            String key = users ? h.user(i).friendlyName() : h.device(i).platform();
            long[] acc = groups.computeIfAbsent(key, k -> new long[names.size() + 1]);
            firstSeen.putIfAbsent(key, users ? h.user(i).index() : firstSeen.size());
            int s = streamType ? h.decisionOrdinal(i) : mediaIndex(names, h.item(i).type());
            long v = duration ? h.duration(i) : 1;
            if (s >= 0) {
                acc[s] += v;
            }
            acc[names.size()] += v;
        });
        List<String> keys = new ArrayList<>(groups.keySet());
        keys.sort(Comparator.comparingLong((String k) -> -groups.get(k)[names.size()])
                .thenComparing(Comparator.naturalOrder()));
        keys = keys.subList(0, Math.min(10, keys.size()));
        long[][] data = new long[names.size()][keys.size()];
        for (int c = 0; c < keys.size(); c++) {
            for (int s = 0; s < names.size(); s++) {
                data[s][c] = groups.get(keys.get(c))[s];
            }
        }
        return result(keys, names, data);
    }

    /** Plays of movies and episodes by source or delivered resolution, split by stream type. */
    Object byResolution(Args a, boolean stream) {
        int days = a.lenientInt("time_range", 30);
        boolean duration = byDurationAxis(a);
        History h = world.history();
        Map<String, long[]> groups = new LinkedHashMap<>();
        window(a, now() - days * 86400L, i -> {
            var it = h.item(i);
            if (!it.type().video()) {
                return;
            }
            String res = it.media().videoResolution();
            TranscodeDecision d = h.transcodeDecision(i);
            if (stream && d == TranscodeDecision.TRANSCODE) {
                res = LiveSessions.stepDown(res);
            }
            long[] acc = groups.computeIfAbsent(Media.fullResolution(res), k -> new long[4]);
            long v = duration ? h.duration(i) : 1;
            acc[d.ordinal()] += v;
            acc[3] += v;
        });
        List<String> keys = new ArrayList<>(groups.keySet());
        keys.sort(Comparator.comparingLong((String k) -> -groups.get(k)[3]).thenComparing(Comparator
                .naturalOrder()));
        long[][] data = new long[3][keys.size()];
        for (int c = 0; c < keys.size(); c++) {
            for (int s = 0; s < 3; s++) {
                data[s][c] = groups.get(keys.get(c))[s];
            }
        }
        return result(keys, STREAM_SERIES, data);
    }

    /** Per local date, the peak concurrency of each stream type and of all streams. */
    Object concurrentByStreamType(Args a) {
        int days = a.lenientInt("time_range", 30);
        LocalDate today = localDate(now());
        LocalDate first = today.minusDays(days - 1L);
        List<String> categories = new ArrayList<>();
        List<List<Integer>> perDay = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            categories.add(first.plusDays(d).toString());
            perDay.add(new ArrayList<>());
        }
        History h = world.history();
        window(a, now() - days * 86400L, i -> {
            long idx = localDate(h.started(i)).toEpochDay() - first.toEpochDay();
            if (idx >= 0 && idx < days) {
                perDay.get((int) idx).add(i);
            }
        });
        long[][] data = new long[4][days];
        for (int d = 0; d < days; d++) {
            List<Integer> rows = perDay.get(d);
            for (int s = 0; s < 4; s++) {
                long[] starts = new long[rows.size()];
                long[] stops = new long[rows.size()];
                int n = 0;
                for (int i : rows) {
                    if (s == 3 || h.decisionOrdinal(i) == s) {
                        starts[n] = h.started(i);
                        stops[n] = h.stopped(i);
                        n++;
                    }
                }
                data[s][d] = Concurrency.peak(starts, stops, n).count();
            }
        }
        List<String> names = new ArrayList<>(STREAM_SERIES);
        names.add("Max. Concurrent Streams");
        return result(categories, names, data);
    }
}
