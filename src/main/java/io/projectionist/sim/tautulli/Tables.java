package io.projectionist.sim.tautulli;

import static io.projectionist.sim.tautulli.DataTable.col;
import static io.projectionist.sim.tautulli.TautulliApi.map;

import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The DB-backed datatables commands: get_users_table, get_libraries_table, get_user_ips. Rows are the v2.17.2
 * users.py / libraries.py row dicts; plays, durations and the "last played" columns come from the same history
 * get_history serves, so the numbers agree across commands.
 */
final class Tables {

    static final String DEFAULT_USER_THUMB = "interfaces/default/images/gravatar-default-80x80.png";

    private static final DataTable USERS = new DataTable("friendly_name", col("user_thumb", false, false),
            col("friendly_name", true, true), col("last_seen", true, false), col("ip_address", true, true),
            col("platform", true, true), col("player", true, true), col("last_played", true, false),
            col("plays", true, false), col("duration", true, false));
    private static final DataTable LIBRARIES = new DataTable("section_name", col("library_thumb", false, false),
            col("section_name", true, true), col("section_type", true, true), col("count", true, true),
            col("parent_count", true, true), col("child_count", true, true), col("last_accessed", true, false),
            col("last_played", true, true), col("plays", true, false), col("duration", true, false));
    private static final DataTable USER_IPS = new DataTable("last_seen", col("last_seen", true, false),
            col("ip_address", true, true), col("platform", true, true), col("player", true, true),
            col("last_played", true, true), col("play_count", true, true));

    private final World world;
    private final TautulliApi api;

    Tables(World world, TautulliApi api) {
        this.world = world;
        this.api = api;
    }

    /** Plays, duration and the latest row (by started, then id) of the history rows {@code match} accepts. */
    private record Usage(long plays, long duration, int last) {
    }

    private Usage usage(IntPredicate match) {
        History h = world.history();
        long plays = 0;
        long duration = 0;
        int last = -1;
        for (int i = 0; i < h.size(); i++) {
            if (!match.test(i)) {
                continue;
            }
            plays++;
            duration += h.duration(i);
            if (last < 0 || h.started(i) > h.started(last) || (h.started(i) == h.started(last) && i > last)) {
                last = i;
            }
        }
        return new Usage(plays, duration, last);
    }

    /** The columns of the last played row that every table repeats (rating_key ... guid), null when none. */
    private void lastPlayed(Map<String, Object> row, int i, boolean withTitleFields) {
        History h = world.history();
        Item it = i < 0 ? null : h.item(i);
        boolean movie = it != null && it.type() == MediaType.MOVIE;
        row.put("rating_key", it == null ? null : it.ratingKey());
        row.put("media_type", it == null ? null : it.type().wire());
        row.put("thumb", it == null ? null : historyThumb(it));
        row.put("parent_title", it == null ? null : it.parentTitle());
        row.put("year", it == null ? null : it.year());
        row.put("media_index", it == null || movie ? null : it.index());
        row.put("parent_media_index", it == null || movie ? null : it.parentIndex());
        if (withTitleFields) {
            row.put("content_rating", it == null ? null : it.contentRating());
            row.put("labels", List.of());
        }
        row.put("live", it == null ? null : 0);
        row.put("originally_available_at", it == null ? null : historyDate(it));
        row.put("guid", it == null ? null : it.guid());
    }

    /** History keeps the season/album thumb for episodes and tracks (as get_history shows it). */
    private String historyThumb(Item it) {
        return world.parent(it).map(Item::thumb).orElse(it.thumb());
    }

    private String historyDate(Item it) {
        String date = it.originallyAvailable();
        return date.isEmpty() ? world.parent(it).map(Item::originallyAvailable).orElse("") : date;
    }

    Object usersTable(Args a) {
        History h = world.history();
        List<Map<String, Object>> rows = new ArrayList<>();
        // the built-in Local user is a users-table row without plays
        rows.add(userRow(1, 0, "Local", "Local", null, null, DEFAULT_USER_THUMB, new Usage(0, 0, -1)));
        for (User u : world.users()) {
            rows.add(userRow(u.rowId(), u.userId(), u.username(), u.friendlyName(), u.friendlyName(), u.email(),
                    u.thumb(), usage(i -> h.userIndex(i) == u.index())));
        }
        return USERS.query(a, rows);
    }

    private Map<String, Object> userRow(int rowId, int userId, String username, String friendlyName,
            String title, String email, String thumb, Usage use) {
        History h = world.history();
        int i = use.last();
        Map<String, Object> row = map("row_id", rowId, "user_id", userId, "username", username, "friendly_name",
                friendlyName, "title", title, "email", email, "user_thumb", thumb, "plays", use.plays(),
                "duration", use.duration(), "last_seen", i < 0 ? null : h.started(i), "last_played",
                i < 0 ? null : h.item(i).historyFullTitle(), "history_row_id", i < 0 ? null : h.id(i),
                "ip_address", i < 0 ? null : h.ipAddress(i), "platform", i < 0 ? null : h.device(i).platform(),
                "player", i < 0 ? null : h.device(i).player());
        lastPlayed(row, i, false);
        row.put("transcode_decision", i < 0 ? null : h.transcodeDecision(i).wire());
        row.put("do_notify", 1);
        row.put("keep_history", 1);
        row.put("allow_guest", 0);
        row.put("is_active", 1);
        return row;
    }

    Object librariesTable(Args a) {
        History h = world.history();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Library l : world.libraries()) {
            long[] c = api.counts(l);
            Usage use = usage(i -> h.item(i).sectionId() == l.sectionId());
            int i = use.last();
            Map<String, Object> row = map("row_id", l.sectionId() + 3, "server_id",
                    world.server().machineIdentifier(), "section_id", l.sectionId(), "section_name", l.name(),
                    "section_type", l.type(), "count", c[0], "parent_count", c.length > 1 ? c[1] : null,
                    "child_count", c.length > 1 ? c[2] : null, "library_thumb", l.thumb(), "library_art", l.art(),
                    "plays", use.plays(), "duration", use.duration(), "last_accessed",
                    i < 0 ? null : h.started(i), "history_row_id", i < 0 ? null : h.id(i), "last_played",
                    i < 0 ? null : h.item(i).historyFullTitle());
            lastPlayed(row, i, true);
            row.put("do_notify", 1);
            row.put("do_notify_created", 1);
            row.put("keep_history", 1);
            row.put("is_active", 1);
            rows.add(row);
        }
        return LIBRARIES.query(a, rows);
    }

    /** One row per IP address the user played from; the per-row columns are those of its latest play. */
    Object userIps(Args a) {
        String raw = a.str("user_id");
        User u = raw == null ? null : world.userById(Args.parseInt("user_id", raw)).orElse(null);
        if (u == null) {
            return DataTable.empty();
        }
        History h = world.history();
        Map<String, int[]> byIp = new LinkedHashMap<>(); // ip -> {first row, last row, plays}
        for (int i = 0; i < h.size(); i++) {
            if (h.userIndex(i) != u.index()) {
                continue;
            }
            int[] acc = byIp.computeIfAbsent(h.ipAddress(i), k -> new int[] {-1, -1, 0});
            int row = i;
            if (acc[0] < 0 || h.started(row) < h.started(acc[0])) {
                acc[0] = row;
            }
            if (acc[1] < 0 || h.started(row) >= h.started(acc[1])) {
                acc[1] = row;
            }
            acc[2]++;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, int[]> e : byIp.entrySet()) {
            int last = e.getValue()[1];
            Map<String, Object> row = map("history_row_id", h.id(last), "last_seen", h.started(last),
                    "first_seen", h.started(e.getValue()[0]), "ip_address", e.getKey(), "play_count",
                    e.getValue()[2], "platform", h.device(last).platform(), "player", h.device(last).player(),
                    "last_played", h.item(last).historyFullTitle(), "rating_key", h.item(last).ratingKey(),
                    "thumb", historyThumb(h.item(last)), "media_type", h.item(last).type().wire());
            Map<String, Object> tail = new LinkedHashMap<>();
            lastPlayed(tail, last, false);
            for (String k : List.of("parent_title", "year", "media_index", "parent_media_index", "live",
                    "originally_available_at", "guid")) {
                row.put(k, tail.get(k));
            }
            row.put("transcode_decision", h.transcodeDecision(last).wire());
            row.put("friendly_name", u.friendlyName());
            row.put("user_id", u.userId());
            rows.add(row);
        }
        return USER_IPS.query(a, rows);
    }
}
