package io.projectionist.sim.tautulli;

import static io.projectionist.sim.tautulli.TautulliApi.map;

import io.projectionist.sim.world.Device;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.TranscodeDecision;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** get_home_stats: the 11 cards over a window on {@code stopped}, with the v2.17.x before/after bug. */
final class HomeStats {

    static final List<String> DEFAULT_CARDS = List.of("top_movies", "popular_movies", "top_tv", "popular_tv",
            "top_music", "popular_music", "last_watched", "top_libraries", "top_libraries", "top_users",
            "top_platforms", "most_concurrent");

    private final World world;
    private final Clock clock;

    HomeStats(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    /** Aggregate of one group (an item, a show, a user, ...). */
    static final class Agg {
        final int group;
        int plays;
        long duration;
        long lastStarted = Long.MIN_VALUE;
        int lastRow = -1;
        long usersMask;

        Agg(int group) {
            this.group = group;
        }

        void add(History h, int i) {
            plays++;
            duration += h.duration(i);
            long s = h.started(i);
            if (s > lastStarted || s == lastStarted && i > lastRow) {
                lastStarted = s;
                lastRow = i;
            }
            usersMask |= 1L << h.userIndex(i);
        }

        int users() {
            return Long.bitCount(usersMask);
        }
    }

    Object query(Args a) {
        if (a.has("before") || a.has("after")) {
            // v2.17.0-2.17.2 quote the SQL placeholder: SQLite fails, the API returns nothing (HTTP 400)
            throw new ApiErrors.NoResult("get_home_stats before/after bug");
        }
        a.flag("grouping", true);
        int timeRange = a.lenientInt("time_range", 30);
        boolean byDuration = "duration".equals(a.str("stats_type"));
        int statsStart = a.intArg("stats_start", 0);
        int statsCount = a.intArg("stats_count", 10);
        String statId = a.str("stat_id");
        Integer sectionId = a.intOrNull("section_id");
        Integer userId = a.intOrNull("user_id");

        History h = world.history();
        long since = clock.instant().getEpochSecond() - timeRange * 86400L;
        int userIndex = userId == null ? -1 : world.userById(userId).map(User::index).orElse(-2);
        List<Integer> rows = new ArrayList<>();
        h.forEachStoppedSince(since, i -> {
            if ((sectionId == null || h.item(i).sectionId() == sectionId)
                    && (userIndex == -1 || h.userIndex(i) == userIndex)) {
                rows.add(i);
            }
        });
        Window w = new Window(h, rows, byDuration, statsStart, statsCount);
        if (statId != null) {
            if (!DEFAULT_CARDS.contains(statId)) {
                throw new ApiErrors.NoResult("unknown stat_id");
            }
            return card(statId, w);
        }
        List<Object> cards = new ArrayList<>();
        for (String id : DEFAULT_CARDS) {
            cards.add(card(id, w));
        }
        return cards;
    }

    private record Window(History h, List<Integer> rows, boolean byDuration, int start, int count) {
        <T> List<T> slice(List<T> all) {
            int s = Math.min(Math.max(0, start), all.size());
            int e = Math.min(all.size(), s + Math.max(0, count));
            return all.subList(s, e);
        }
    }

    private Map<String, Object> card(String id, Window w) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("stat_id", id);
        if (id.startsWith("top_")) {
            card.put("stat_type", w.byDuration() ? "total_duration" : "total_plays");
        }
        card.put("stat_title", switch (id) {
            case "top_movies" -> "Most Watched Movies";
            case "popular_movies" -> "Most Popular Movies";
            case "top_tv" -> "Most Watched TV Shows";
            case "popular_tv" -> "Most Popular TV Shows";
            case "top_music" -> "Most Played Artists";
            case "popular_music" -> "Most Popular Artists";
            case "last_watched" -> "Recently Watched";
            case "top_libraries" -> "Most Active Libraries";
            case "top_users" -> "Most Active Users";
            case "top_platforms" -> "Most Active Platforms";
            default -> "Most Concurrent Streams";
        });
        card.put("rows", switch (id) {
            case "top_movies" -> mediaCard(w, MediaType.MOVIE, false);
            case "popular_movies" -> mediaCard(w, MediaType.MOVIE, true);
            case "top_tv" -> mediaCard(w, MediaType.EPISODE, false);
            case "popular_tv" -> mediaCard(w, MediaType.EPISODE, true);
            case "top_music" -> mediaCard(w, MediaType.TRACK, false);
            case "popular_music" -> mediaCard(w, MediaType.TRACK, true);
            case "last_watched" -> lastWatched(w);
            case "top_libraries" -> libraries(w);
            case "top_users" -> users(w);
            case "top_platforms" -> platforms(w);
            default -> mostConcurrent(w);
        });
        return card;
    }

    private Comparator<Agg> order(Window w, boolean popular) {
        Comparator<Agg> primary = w.byDuration() ? Comparator.comparingLong((Agg g) -> g.duration)
                : Comparator.comparingLong((Agg g) -> g.plays);
        Comparator<Agg> c = primary.reversed().thenComparing(Comparator.comparingLong((Agg g) -> g.lastStarted)
                .reversed());
        if (popular) {
            c = Comparator.comparingInt(Agg::users).reversed().thenComparing(c);
        }
        return c;
    }

    private static String rating(Item it) {
        return it.rating() > 0 ? String.valueOf(it.rating()) : it.audienceRatingString();
    }

    private List<Object> mediaCard(Window w, MediaType played, boolean popular) {
        History h = w.h();
        Map<Integer, Agg> groups = new LinkedHashMap<>();
        for (int i : w.rows()) {
            Item it = h.item(i);
            if (it.type() != played) {
                continue;
            }
            Item top = world.topLevel(it);
            groups.computeIfAbsent(top.ordinal(), Agg::new).add(h, i);
        }
        List<Agg> sorted = new ArrayList<>(groups.values());
        sorted.sort(order(w, popular));
        List<Object> out = new ArrayList<>();
        for (Agg g : w.slice(sorted)) {
            Item top = world.items().get(g.group);
            Item last = h.item(g.lastRow);
            boolean movie = played == MediaType.MOVIE;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("title", top.title());
            r.put("year", top.year());
            if (!popular) {
                r.put("total_plays", g.plays);
                r.put("total_duration", g.duration);
            }
            r.put("users_watched", popular ? (Object) g.users() : "");
            r.put("rating_key", top.ratingKey());
            r.put("grandparent_rating_key", movie ? "" : (Object) top.ratingKey());
            r.put("last_play", g.lastStarted);
            if (popular) {
                r.put("total_plays", g.plays);
            }
            r.put("grandparent_thumb", movie ? "" : top.thumb());
            r.put("thumb", top.thumb());
            r.put("art", last.art());
            r.put("section_id", top.sectionId());
            r.put("media_type", played.wire());
            r.put("content_rating", top.contentRating());
            r.put("rating", rating(movie ? top : last));
            r.put("labels", List.of());
            r.put("user", "");
            r.put("friendly_name", "");
            r.put("platform", "");
            r.put("live", 0);
            r.put("guid", last.guid());
            r.put("row_id", g.lastRow + 1);
            out.add(r);
        }
        return out;
    }

    /** Fields describing the latest play of a group, shared by the library and user cards. */
    private void lastPlayFields(Map<String, Object> r, Item it, boolean withThumbs) {
        Item grand = world.grandparent(it).orElse(null);
        if (withThumbs) {
            r.put("thumb", grand != null ? grand.thumb() : it.thumb());
            r.put("grandparent_thumb", grand != null ? grand.thumb() : "");
            r.put("art", it.art());
        }
    }

    private void itemTail(Map<String, Object> r, Item it, int row) {
        boolean movie = it.type() == MediaType.MOVIE;
        r.put("title", it.historyFullTitle());
        r.put("grandparent_title", it.grandparentTitle());
        r.put("grandchild_title", it.title());
        r.put("year", it.year());
        r.put("media_index", movie ? null : (Object) it.index());
        r.put("parent_media_index", movie ? null : (Object) it.parentIndex());
        r.put("rating_key", it.ratingKey());
        r.put("grandparent_rating_key", movie ? null : (Object) it.grandparentRatingKey());
        r.put("media_type", it.type().wire());
        r.put("content_rating", it.contentRating());
        r.put("labels", List.of());
        r.put("live", 0);
        r.put("guid", it.guid());
        r.put("row_id", row + 1);
    }

    private List<Object> lastWatched(Window w) {
        History h = w.h();
        List<Integer> watched = new ArrayList<>();
        for (int i : w.rows()) {
            // only finished movies and episodes count as "watched"
            MediaType t = h.item(i).type();
            if ((t == MediaType.MOVIE || t == MediaType.EPISODE) && h.percentComplete(i) >= History.WATCHED_PERCENT) {
                watched.add(i);
            }
        }
        watched.sort(Comparator.comparingLong((Integer i) -> h.started(i)).thenComparingInt(i -> i).reversed());
        List<Object> out = new ArrayList<>();
        for (int i : w.slice(watched)) {
            Item it = h.item(i);
            User u = h.user(i);
            boolean movie = it.type() == MediaType.MOVIE;
            Item grand = world.grandparent(it).orElse(null);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("row_id", i + 1);
            r.put("user", u.username());
            r.put("friendly_name", u.friendlyName());
            r.put("user_id", u.userId());
            r.put("user_thumb", null);
            r.put("title", it.historyFullTitle());
            r.put("grandparent_title", it.grandparentTitle());
            r.put("grandchild_title", it.title());
            r.put("year", it.year());
            r.put("media_index", movie ? null : (Object) it.index());
            r.put("parent_media_index", movie ? null : (Object) it.parentIndex());
            r.put("rating_key", it.ratingKey());
            r.put("grandparent_rating_key", movie ? null : (Object) it.grandparentRatingKey());
            r.put("thumb", grand != null ? grand.thumb() : it.thumb());
            r.put("grandparent_thumb", grand != null ? grand.thumb() : "");
            r.put("art", it.art());
            r.put("section_id", it.sectionId());
            r.put("media_type", it.type().wire());
            r.put("content_rating", it.contentRating());
            r.put("rating", rating(it));
            r.put("labels", List.of());
            r.put("last_watch", h.started(i));
            r.put("live", 0);
            r.put("guid", it.guid());
            r.put("player", h.device(i).player());
            out.add(r);
        }
        return out;
    }

    private List<Object> libraries(Window w) {
        History h = w.h();
        Map<Integer, Agg> groups = new LinkedHashMap<>();
        for (int i : w.rows()) {
            groups.computeIfAbsent(h.item(i).sectionId(), Agg::new).add(h, i);
        }
        List<Agg> sorted = new ArrayList<>(groups.values());
        sorted.sort(order(w, false));
        List<Object> out = new ArrayList<>();
        for (Agg g : w.slice(sorted)) {
            Library l = world.library(g.group).orElseThrow();
            Item it = h.item(g.lastRow);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("total_plays", g.plays);
            r.put("total_duration", g.duration);
            r.put("section_type", l.type());
            r.put("section_name", l.name());
            r.put("section_id", l.sectionId());
            r.put("last_play", g.lastStarted);
            r.put("library_thumb", l.thumb());
            r.put("library_art", l.art());
            lastPlayFields(r, it, true);
            r.put("user", "");
            r.put("friendly_name", "");
            r.put("users_watched", "");
            r.put("platform", "");
            itemTail(r, it, g.lastRow);
            out.add(r);
        }
        return out;
    }

    private List<Object> users(Window w) {
        History h = w.h();
        Map<Integer, Agg> groups = new LinkedHashMap<>();
        for (int i : w.rows()) {
            groups.computeIfAbsent(h.userIndex(i), Agg::new).add(h, i);
        }
        List<Agg> sorted = new ArrayList<>(groups.values());
        sorted.sort(order(w, false));
        List<Object> out = new ArrayList<>();
        for (Agg g : w.slice(sorted)) {
            User u = world.users().get(g.group);
            Item it = h.item(g.lastRow);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("user", u.username());
            r.put("user_id", u.userId());
            r.put("friendly_name", u.friendlyName());
            r.put("total_plays", g.plays);
            r.put("total_duration", g.duration);
            r.put("last_play", g.lastStarted);
            r.put("user_thumb", u.thumb());
            lastPlayFields(r, it, true);
            r.put("users_watched", "");
            r.put("platform", "");
            itemTail(r, it, g.lastRow);
            out.add(r);
        }
        return out;
    }

    private List<Object> platforms(Window w) {
        History h = w.h();
        Map<String, Agg> groups = new LinkedHashMap<>();
        Map<String, Device> names = new LinkedHashMap<>();
        for (int i : w.rows()) {
            Device d = h.device(i);
            groups.computeIfAbsent(d.platform(), k -> new Agg(0)).add(h, i);
            names.putIfAbsent(d.platform(), d);
        }
        List<Map.Entry<String, Agg>> sorted = new ArrayList<>(groups.entrySet());
        Comparator<Agg> c = order(w, false);
        sorted.sort((x, y) -> c.compare(x.getValue(), y.getValue()));
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, Agg> e : w.slice(sorted)) {
            Agg g = e.getValue();
            out.add(map("total_plays", g.plays, "total_duration", g.duration, "last_play", g.lastStarted,
                    "platform", e.getKey(), "platform_name", names.get(e.getKey()).platformName(), "title", "",
                    "thumb", "", "grandparent_thumb", "", "art", "", "users_watched", "", "rating_key", "",
                    "grandparent_rating_key", "", "user", "", "friendly_name", "", "row_id", ""));
        }
        return out;
    }

    private List<Object> mostConcurrent(Window w) {
        History h = w.h();
        List<Object> out = new ArrayList<>();
        String[] titles = {"Concurrent Streams", "Concurrent Transcodes", "Concurrent Direct Streams",
            "Concurrent Direct Plays"};
        TranscodeDecision[] only = {null, TranscodeDecision.TRANSCODE, TranscodeDecision.COPY,
            TranscodeDecision.DIRECT_PLAY};
        for (int k = 0; k < titles.length; k++) {
            long[] starts = new long[w.rows().size()];
            long[] stops = new long[w.rows().size()];
            int n = 0;
            for (int i : w.rows()) {
                if (only[k] == null || h.transcodeDecision(i) == only[k]) {
                    starts[n] = h.started(i);
                    stops[n] = h.stopped(i);
                    n++;
                }
            }
            Concurrency.Peak p = Concurrency.peak(starts, stops, n);
            out.add(map("title", titles[k], "count", p.count(), "started",
                    p.started() < 0 ? null : String.valueOf(p.started()), "stopped",
                    p.stopped() < 0 ? null : String.valueOf(p.stopped())));
        }
        return out;
    }
}
