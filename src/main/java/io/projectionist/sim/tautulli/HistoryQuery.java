package io.projectionist.sim.tautulli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.projectionist.sim.world.Device;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.TranscodeDecision;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * get_history over the columnar history. Dates are bounded by binary search on the started-sorted columns, the
 * filters run on primitive columns with per-user/device/item lookup tables, and only the requested page is
 * materialised and streamed with a JsonGenerator. Live sessions join as rows with null ids
 * (include_activity, default 1).
 */
final class HistoryQuery {

    private static final List<String> ORDER_COLUMNS = List.of("date", "friendly_name", "ip_address", "platform",
            "product", "player", "full_title", "started", "paused_counter", "stopped", "duration");

    private final World world;
    private final LiveSessions sessions;
    private final Clock clock;
    // sort ranks of string columns, computed once: SQLite compares them bytewise
    private final int[] userNameRank;
    private final int[][] deviceRank; // [column][device]: platform, product, player
    private final int[][] ipRank;     // [device][0 lan / 1 wan]
    private final int[] titleRank;
    // per-item and per-device strings built once: a 10,000-row page must not rebuild them per row
    private final String[] itemThumb;
    private final String[] itemDate;
    private final String[] itemFullTitle;
    private final String[][] deviceIp;

    HistoryQuery(World world, LiveSessions sessions, Clock clock) {
        this.world = world;
        this.sessions = sessions;
        this.clock = clock;
        this.userNameRank = ranks(world.users().stream().map(User::friendlyName).toList());
        List<Device> devices = world.devices();
        this.deviceRank = new int[][] {ranks(devices.stream().map(Device::platform).toList()),
            ranks(devices.stream().map(Device::product).toList()),
            ranks(devices.stream().map(Device::player).toList())};
        List<String> ips = new ArrayList<>();
        for (Device d : devices) {
            ips.add(d.lanIp());
            ips.add(d.wanIp());
        }
        int[] r = ranks(ips);
        this.ipRank = new int[devices.size()][2];
        for (int i = 0; i < devices.size(); i++) {
            ipRank[i][0] = r[2 * i];
            ipRank[i][1] = r[2 * i + 1];
        }
        this.titleRank = ranks(world.items().stream().map(Item::historyFullTitle).toList());
        int items = world.items().size();
        itemThumb = new String[items];
        itemDate = new String[items];
        itemFullTitle = new String[items];
        for (Item it : world.items()) {
            Item parent = world.parent(it).orElse(null);
            // episodes and tracks show the season/album thumb
            itemThumb[it.ordinal()] = parent != null ? parent.thumb() : it.thumb();
            String date = it.originallyAvailable();
            itemDate[it.ordinal()] = date.isEmpty() && parent != null ? parent.originallyAvailable() : date;
            itemFullTitle[it.ordinal()] = it.historyFullTitle();
        }
        deviceIp = new String[devices.size()][];
        for (Device d : devices) {
            deviceIp[d.index()] = new String[] {d.lanIp(), d.wanIp()};
        }
    }

    private static int[] ranks(List<String> values) {
        TreeSet<String> sorted = new TreeSet<>(values);
        List<String> order = new ArrayList<>(sorted);
        int[] out = new int[values.size()];
        for (int i = 0; i < values.size(); i++) {
            out[i] = Collections.binarySearch(order, values.get(i));
        }
        return out;
    }

    /** A row reference: a history index, or size + k for the k-th live session. */
    private final class Rows {
        final History h = world.history();
        final int size = h.size();
        final List<LiveSession> live;
        final long now = clock.instant().getEpochSecond();

        Rows(List<LiveSession> live) {
            this.live = live;
        }

        boolean isLive(int ref) {
            return ref >= size;
        }

        LiveSession liveOf(int ref) {
            return live.get(ref - size);
        }

        long started(int ref) {
            return isLive(ref) ? liveOf(ref).startedAt() : h.started(ref);
        }

        int duration(int ref) {
            if (isLive(ref)) {
                LiveSession s = liveOf(ref);
                return (int) Math.max(0, now - s.startedAt() - s.pausedSeconds());
            }
            return h.duration(ref);
        }

        int userIndex(int ref) {
            return isLive(ref) ? liveOf(ref).user().index() : h.userIndex(ref);
        }

        int deviceIndex(int ref) {
            return isLive(ref) ? liveOf(ref).device().index() : h.deviceIndex(ref);
        }

        int itemOrdinal(int ref) {
            return isLive(ref) ? liveOf(ref).item().ordinal() : h.itemOrdinal(ref);
        }

        boolean wan(int ref) {
            return isLive(ref) ? liveOf(ref).wan() : h.wan(ref);
        }

        int decision(int ref) {
            return isLive(ref) ? liveOf(ref).transcodeDecision().ordinal() : h.decisionOrdinal(ref);
        }

        /** Sort key of an order column (strings as ranks); SQLite puts NULL first. */
        long key(String column, int ref) {
            return switch (column) {
                case "date", "started" -> started(ref);
                case "stopped" -> isLive(ref) ? Long.MIN_VALUE : h.stopped(ref);
                case "duration" -> duration(ref);
                case "paused_counter" -> isLive(ref) ? liveOf(ref).pausedSeconds() : h.pausedCounter(ref);
                case "friendly_name" -> userNameRank[userIndex(ref)];
                case "ip_address" -> ipRank[deviceIndex(ref)][wan(ref) ? 1 : 0];
                case "platform" -> deviceRank[0][deviceIndex(ref)];
                case "product" -> deviceRank[1][deviceIndex(ref)];
                case "player" -> deviceRank[2][deviceIndex(ref)];
                case "full_title" -> titleRank[itemOrdinal(ref)];
                default -> ref;
            };
        }
    }

    Object query(Args a) {
        // parameters first: a bad integer must fail (HTTP 500) before anything is written
        int start = a.intArg("start", 0);
        int length = a.intArg("length", 25);
        boolean includeActivity = a.flag("include_activity", true);
        a.flag("grouping", true); // accepted; the simulated history has no resumed plays to group
        List<String> orderColumns = a.strList("order_column");
        List<String> orderDirs = a.strList("order_dir");
        List<Integer> userIds = a.intList("user_id");
        List<String> userNames = userIds == null ? a.strList("user") : null;
        List<Integer> ratingKeys = a.intList("rating_key");
        List<Integer> parentKeys = a.intList("parent_rating_key");
        List<Integer> grandparentKeys = a.intList("grandparent_rating_key");
        List<Integer> sectionIds = a.intList("section_id");
        List<Integer> referenceIds = a.intList("reference_id");
        List<String> mediaTypes = a.strList("media_type");
        List<String> decisions = a.strList("transcode_decision");
        String guid = a.str("guid");
        String search = a.str("search");
        LocalDate startDate = a.date("start_date");
        LocalDate after = a.date("after");
        LocalDate before = a.date("before");

        // date bounds on started, in the server's local zone, both ends inclusive by date
        long from = Long.MIN_VALUE / 4;
        long to = Long.MAX_VALUE / 4;
        if (startDate != null) {
            from = Math.max(from, startOfDay(startDate));
            to = Math.min(to, startOfDay(startDate.plusDays(1)));
        }
        if (after != null) {
            from = Math.max(from, startOfDay(after));
        }
        if (before != null) {
            to = Math.min(to, startOfDay(before.plusDays(1)));
        }

        // lookup tables: a row passes if its user, device, item and decision pass
        boolean[] userOk = new boolean[world.users().size()];
        for (User u : world.users()) {
            userOk[u.index()] = (userIds == null || userIds.contains(u.userId()))
                    && (userNames == null || userNames.contains(u.username()));
        }
        String guidPrefix = guid == null ? null : guid.split("\\?lang=")[0];
        Set<String> types = mediaTypes == null || mediaTypes.contains("all") ? null : new HashSet<>(mediaTypes);
        boolean[] itemOk = new boolean[world.items().size()];
        for (Item it : world.items()) {
            itemOk[it.ordinal()] = (ratingKeys == null || ratingKeys.contains(it.ratingKey()))
                    && (parentKeys == null || parentKeys.contains(it.parentRatingKey()))
                    && (grandparentKeys == null || grandparentKeys.contains(it.grandparentRatingKey()))
                    && (sectionIds == null || sectionIds.contains(it.sectionId()))
                    && (types == null || types.contains(it.type().wire()))
                    && (guidPrefix == null || it.guid().startsWith(guidPrefix));
        }
        boolean[] decisionOk = new boolean[TranscodeDecision.values().length];
        for (TranscodeDecision d : TranscodeDecision.values()) {
            decisionOk[d.ordinal()] = decisions == null || decisions.contains(d.wire());
        }
        // search: a substring of friendly_name, ip_address, platform, product, player or full_title
        String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
        boolean[] userHit = new boolean[world.users().size()];
        boolean[][] deviceHit = new boolean[world.devices().size()][2];
        boolean[] itemHit = new boolean[world.items().size()];
        if (needle != null) {
            for (User u : world.users()) {
                userHit[u.index()] = contains(u.friendlyName(), needle);
            }
            for (Device d : world.devices()) {
                boolean any = contains(d.platform(), needle) || contains(d.product(), needle)
                        || contains(d.player(), needle);
                deviceHit[d.index()][0] = any || contains(d.lanIp(), needle);
                deviceHit[d.index()][1] = any || contains(d.wanIp(), needle);
            }
            for (Item it : world.items()) {
                itemHit[it.ordinal()] = contains(it.historyFullTitle(), needle);
            }
        }
        Set<Integer> refIds = referenceIds == null ? null : new HashSet<>(referenceIds);

        Rows rows = new Rows(includeActivity ? sessions.list() : List.of());
        History h = rows.h;
        IntPredicate pass = ref -> {
            if (!userOk[rows.userIndex(ref)] || !itemOk[rows.itemOrdinal(ref)] || !decisionOk[rows.decision(ref)]) {
                return false;
            }
            if (refIds != null && (rows.isLive(ref) || !refIds.contains(ref + 1))) {
                return false;
            }
            return needle == null || userHit[rows.userIndex(ref)] || itemHit[rows.itemOrdinal(ref)]
                    || deviceHit[rows.deviceIndex(ref)][rows.wan(ref) ? 1 : 0];
        };

        // the sorted prefix by binary search; the (rare) unsorted tail and live rows checked one by one
        int prefix = Math.min(h.sortedPrefix(), rows.size);
        int lo = h.lowerBound(from);
        int hi = h.lowerBound(to);
        int[] main = new int[Math.max(0, hi - lo)];
        int n = 0;
        long total = 0;
        for (int i = lo; i < hi; i++) {
            if (pass.test(i)) {
                main[n++] = i;
                total += h.duration(i);
            }
        }
        List<Integer> extras = new ArrayList<>();
        for (int i = prefix; i < rows.size; i++) {
            long s = h.started(i);
            if (s >= from && s < to && pass.test(i)) {
                extras.add(i);
                total += h.duration(i);
            }
        }
        for (int k = 0; k < rows.live.size(); k++) {
            int ref = rows.size + k;
            long s = rows.started(ref);
            if (s >= from && s < to && pass.test(ref)) {
                extras.add(ref);
                total += rows.duration(ref);
            }
        }
        int filtered = n + extras.size();

        // order: unknown columns are ignored; none left means id order (history first, then live rows)
        List<String> cols = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        if (orderColumns == null) {
            orderColumns = List.of("date");
        }
        for (int c = 0; c < orderColumns.size(); c++) {
            if (ORDER_COLUMNS.contains(orderColumns.get(c))) {
                cols.add(orderColumns.get(c));
                String dir = orderDirs != null && c < orderDirs.size() ? orderDirs.get(c) : "desc";
                desc.add(!dir.equalsIgnoreCase("asc"));
            }
        }
        int[] ordered = order(rows, main, n, extras, cols, desc);

        // Python slicing of the full result: rows[start:start+length] (hence length=-1 drops the last row)
        int[] bounds = pySlice(filtered, start, start + length);
        int[] page = Arrays.copyOfRange(ordered, bounds[0], Math.max(bounds[0], bounds[1]));
        long pageDuration = 0;
        for (int ref : page) {
            pageDuration += rows.duration(ref);
        }
        final long totalDuration = total;
        final long filterDuration = pageDuration;
        final int recordsTotal = rows.size;
        return (PyJson.JsonBody) g -> {
            g.writeStartObject();
            g.writeNumberField("recordsFiltered", filtered);
            g.writeNumberField("recordsTotal", recordsTotal);
            g.writeFieldName("data");
            g.writeStartArray();
            for (int ref : page) {
                writeRow(g, rows, ref);
            }
            g.writeEndArray();
            g.writeNumberField("draw", 1);
            g.writeStringField("filter_duration", PyJson.humanDuration(filterDuration));
            g.writeStringField("total_duration", PyJson.humanDuration(totalDuration));
            g.writeEndObject();
        };
    }

    private static boolean contains(String haystack, String needle) {
        return haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    private long startOfDay(LocalDate d) {
        return d.atStartOfDay(world.zone()).toEpochSecond();
    }

    /** Python's slice bounds for a sequence of length n. */
    static int[] pySlice(int n, int start, int end) {
        int s = start < 0 ? Math.max(0, start + n) : Math.min(start, n);
        int e = end < 0 ? Math.max(0, end + n) : Math.min(end, n);
        return new int[] {s, Math.max(s, e)};
    }

    private int[] order(Rows rows, int[] main, int n, List<Integer> extras, List<String> cols, List<Boolean> desc) {
        int total = n + extras.size();
        int[] out = new int[total];
        if (cols.isEmpty()) {
            // no usable ORDER BY: id order, live rows (id NULL, from the unioned sessions table) last
            System.arraycopy(main, 0, out, 0, n);
            int k = n;
            for (int ref : extras) {
                out[k++] = ref;
            }
            return out;
        }
        boolean natural = cols.size() == 1 && (cols.get(0).equals("date") || cols.get(0).equals("started"));
        if (natural) {
            // main is already in started order: merge the few extras into it
            Integer[] ex = extras.toArray(new Integer[0]);
            Arrays.sort(ex, Comparator.comparingLong((Integer r) -> rows.started(r)).thenComparingInt(r -> r));
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < n || j < ex.length) {
                if (j >= ex.length || (i < n && (rows.started(main[i]) < rows.started(ex[j])
                        || rows.started(main[i]) == rows.started(ex[j]) && main[i] < ex[j]))) {
                    out[k++] = main[i++];
                } else {
                    out[k++] = ex[j++];
                }
            }
            if (desc.get(0)) {
                reverse(out);
            }
            return out;
        }
        if (cols.size() == 1) {
            // one column: pack (key, ref) into a long and sort primitives, fast even for a million rows
            String col = cols.get(0);
            long[] packed = new long[total];
            for (int i = 0; i < total; i++) {
                int ref = i < n ? main[i] : extras.get(i - n);
                long key = rows.key(col, ref);
                long k32 = key == Long.MIN_VALUE ? Integer.MIN_VALUE
                        : Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, key - (col.equals("stopped")
                                ? rows.h.baseEpoch() : 0)));
                packed[i] = (k32 << 32) | (ref & 0xFFFFFFFFL);
            }
            Arrays.sort(packed);
            for (int i = 0; i < total; i++) {
                out[i] = (int) packed[i];
            }
            if (desc.get(0)) {
                reverse(out);
            }
            return out;
        }
        Integer[] boxed = new Integer[total];
        for (int i = 0; i < total; i++) {
            boxed[i] = i < n ? main[i] : extras.get(i - n);
        }
        Comparator<Integer> cmp = null;
        for (int c = 0; c < cols.size(); c++) {
            String col = cols.get(c);
            Comparator<Integer> one = Comparator.comparingLong(r -> rows.key(col, r));
            if (desc.get(c)) {
                one = one.reversed();
            }
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        Arrays.sort(boxed, cmp.thenComparingInt(r -> r));
        for (int i = 0; i < total; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void writeRow(JsonGenerator g, Rows rows, int ref) throws IOException {
        boolean live = rows.isLive(ref);
        History h = rows.h;
        LiveSession s = live ? rows.liveOf(ref) : null;
        User u = world.users().get(rows.userIndex(ref));
        Device d = world.devices().get(rows.deviceIndex(ref));
        Item it = world.items().get(rows.itemOrdinal(ref));
        boolean wan = rows.wan(ref);
        long started = rows.started(ref);
        int duration = rows.duration(ref);
        int percent;
        if (live) {
            percent = s.progressPercent();
        } else {
            percent = h.percentComplete(ref);
        }
        boolean movie = it.type() == MediaType.MOVIE;
        g.writeStartObject();
        if (live) {
            g.writeNullField("reference_id");
            g.writeNullField("row_id");
            g.writeNullField("id");
        } else {
            g.writeNumberField("reference_id", ref + 1);
            g.writeNumberField("row_id", ref + 1);
            g.writeNumberField("id", ref + 1);
        }
        g.writeNumberField("date", started);
        g.writeNumberField("started", started);
        if (live) {
            g.writeNullField("stopped");
        } else {
            g.writeNumberField("stopped", h.stopped(ref));
        }
        g.writeNumberField("duration", duration);
        g.writeNumberField("play_duration", duration);
        g.writeNumberField("paused_counter", live ? s.pausedSeconds() : h.pausedCounter(ref));
        g.writeNumberField("user_id", u.userId());
        g.writeStringField("user", u.username());
        g.writeStringField("friendly_name", u.friendlyName());
        g.writeStringField("user_thumb", u.thumb());
        g.writeStringField("platform", d.platform());
        g.writeStringField("product", d.product());
        g.writeStringField("player", d.player());
        g.writeStringField("ip_address", deviceIp[d.index()][wan ? 1 : 0]);
        g.writeNumberField("live", 0);
        g.writeStringField("machine_id", d.machineId());
        g.writeStringField("location", wan ? "wan" : "lan");
        g.writeNumberField("secure", live || h.secure(ref) ? 1 : 0);
        g.writeNumberField("relayed", !live && h.relayed(ref) ? 1 : 0);
        g.writeStringField("media_type", it.type().wire());
        g.writeNumberField("rating_key", it.ratingKey());
        intOrNull(g, "parent_rating_key", movie ? null : it.parentRatingKey());
        intOrNull(g, "grandparent_rating_key", movie ? null : it.grandparentRatingKey());
        g.writeStringField("full_title", itemFullTitle[it.ordinal()]);
        g.writeStringField("title", it.title());
        g.writeStringField("parent_title", it.parentTitle());
        g.writeStringField("grandparent_title", it.grandparentTitle());
        g.writeStringField("original_title", it.originalTitle());
        g.writeNumberField("year", it.year());
        intOrNull(g, "media_index", movie ? null : it.index());
        intOrNull(g, "parent_media_index", movie ? null : it.parentIndex());
        g.writeStringField("thumb", itemThumb[it.ordinal()]);
        g.writeStringField("originally_available_at", itemDate[it.ordinal()]);
        g.writeStringField("guid", it.guid());
        g.writeStringField("transcode_decision",
                TranscodeDecision.values()[rows.decision(ref)].wire());
        g.writeNumberField("percent_complete", percent);
        double watched = History.watchedStatus(percent);
        if (watched == Math.rint(watched)) {
            g.writeNumberField("watched_status", (int) watched);
        } else {
            g.writeNumberField("watched_status", watched);
        }
        if (live) {
            g.writeNullField("group_count");
            g.writeNullField("group_ids");
            g.writeStringField("state", s.state());
            g.writeNumberField("session_key", Integer.parseInt(s.sessionKey()));
        } else {
            g.writeNumberField("group_count", 1);
            g.writeStringField("group_ids", Integer.toString(ref + 1));
            g.writeNullField("state");
            g.writeNullField("session_key");
        }
        g.writeEndObject();
    }

    private static void intOrNull(JsonGenerator g, String name, Integer v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
