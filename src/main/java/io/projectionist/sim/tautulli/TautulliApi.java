package io.projectionist.sim.tautulli;

import io.projectionist.sim.http.Params;
import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.world.Device;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.Rng;
import io.projectionist.sim.world.ServerIdentity;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Tautulli API v2 over a simulated world: request checks in Tautulli's order, the envelope, the error forms and
 * status codes of v2.17.2, and the commands. Transport-free (path + params in, {@link SimResponse} out), so it is
 * testable without a socket; {@link TautulliServer} puts it on HTTP.
 */
public final class TautulliApi {

    /** Every command name of Tautulli v2.17.2, sorted (as listed in its error messages). */
    static final List<String> COMMANDS = List.of("add_newsletter_config", "add_notifier_config", "arnold",
            "backup_config", "backup_db", "delete_all_library_history", "delete_all_user_history", "delete_cache",
            "delete_export", "delete_history", "delete_hosted_images", "delete_image_cache", "delete_library",
            "delete_login_log", "delete_lookup_info", "delete_media_info_cache", "delete_mobile_device",
            "delete_newsletter", "delete_newsletter_log", "delete_notification_log", "delete_notifier",
            "delete_recently_added", "delete_synced_item", "delete_temp_sessions", "delete_user", "docs", "docs_md",
            "download_config", "download_database", "download_export", "download_log", "download_plex_log",
            "edit_library", "edit_user", "export_metadata", "get_activity", "get_children_metadata",
            "get_collections_table", "get_concurrent_streams_by_stream_type", "get_date_formats",
            "get_export_fields", "get_exports_table", "get_geoip_lookup", "get_history", "get_home_stats",
            "get_item_user_stats", "get_item_watch_time_stats", "get_libraries", "get_libraries_table",
            "get_library", "get_library_media_info", "get_library_names", "get_library_user_stats",
            "get_library_watch_time_stats", "get_logs", "get_metadata", "get_new_rating_keys",
            "get_newsletter_config", "get_newsletter_log", "get_newsletters", "get_notification_log",
            "get_notifier_config", "get_notifier_parameters", "get_notifiers", "get_old_rating_keys",
            "get_playlists_table", "get_plays_by_date", "get_plays_by_dayofweek", "get_plays_by_hourofday",
            "get_plays_by_source_resolution", "get_plays_by_stream_resolution", "get_plays_by_stream_type",
            "get_plays_by_top_10_platforms", "get_plays_by_top_10_users", "get_plays_per_month", "get_plex_log",
            "get_pms_update", "get_recently_added", "get_server_friendly_name", "get_server_id",
            "get_server_identity", "get_server_info", "get_server_list", "get_server_pref", "get_servers_info",
            "get_settings", "get_stream_data", "get_stream_type_by_top_10_platforms",
            "get_stream_type_by_top_10_users", "get_synced_items", "get_tautulli_info", "get_user", "get_user_ips",
            "get_user_logins", "get_user_names", "get_user_player_stats", "get_user_watch_time_stats", "get_users",
            "get_users_table", "get_whois_lookup", "import_config", "import_database", "logout_user_session",
            "notify", "notify_newsletter", "notify_recently_added", "pms_image_proxy", "refresh_libraries_list",
            "refresh_users_list", "register_device", "regroup_history", "restart", "search", "server_status",
            "set_mobile_device_config", "set_newsletter_config", "set_notifier_config", "sql", "status",
            "terminate_session", "undelete_library", "undelete_user", "update", "update_check",
            "update_metadata_details");

    private static final String COMMAND_LIST = String.join(", ", COMMANDS);
    private static final Pattern CALLBACK = Pattern.compile("^[a-zA-Z_$][a-zA-Z0-9_$.]*$");
    static final String JSON = "application/json;charset=UTF-8";
    private static final String DEBUG_500 = "{\"status\": \"500 Internal Server Error\", \"message\": \"The server "
            + "encountered an unexpected condition which prevented it from fulfilling the request.\", "
            + "\"error\": true}";

    private static final String[] QUOTES = {"You are not you. You're me!", "It's not a tumor!",
        "Get to the chopper!", "I'll be back.", "Hasta la vista, baby.", "Consider that a divorce!",
        "Do it! Do it now!", "If it bleeds, we can kill it.", "Now, this is the plan. Get your ass to Mars.",
        "What killed the dinosaurs? The Ice Age!", "Come with me if you want to live.",
        "I'm a cop, you idiot!", "Remember, Sully, when I promised to kill you last? I lied.",
        "Stop whining! You kids are soft. You lack discipline.", "I let him go.", "Who is your daddy, and what does he do?"};

    /** A command's result before the envelope: result, message, data (a tree or a streamed body). */
    record Outcome(boolean success, String message, Object data) {
        static Outcome ok(Object data) {
            return new Outcome(true, null, data);
        }
    }

    private final World world;
    private final LiveSessions sessions;
    private final Clock clock;
    private final String apiKey;
    private final Renderers renderers;
    private final HistoryQuery historyQuery;
    private final HomeStats homeStats;
    private final Graphs graphs;
    private final Map<String, Function<Args, Object>> handlers = new HashMap<>();
    private final AtomicLong arnoldCalls = new AtomicLong();

    public TautulliApi(World world, LiveSessions sessions, Clock clock, String apiKey) {
        this.world = world;
        this.sessions = sessions;
        this.clock = clock;
        this.apiKey = apiKey;
        this.renderers = new Renderers(world);
        this.historyQuery = new HistoryQuery(world, sessions, clock);
        this.homeStats = new HomeStats(world, clock);
        this.graphs = new Graphs(world, clock);
        register();
    }

    private void register() {
        handlers.put("status", a -> a.str("check") != null && a.str("check").equals("database")
                ? new Outcome(true, "Database ok", map("integrity_check", "ok")) : new Outcome(true, "Ok", map()));
        handlers.put("arnold", a -> QUOTES[Rng.of(world.seed(), "arnold:" + arnoldCalls.getAndIncrement())
                .nextInt(QUOTES.length)]);
        handlers.put("server_status", a -> map("connected", true));
        handlers.put("get_tautulli_info", a -> tautulliInfo());
        handlers.put("get_server_info", a -> serverInfo());
        handlers.put("get_server_identity", a -> map("machine_identifier", world.server().machineIdentifier(),
                "version", world.server().version()));
        handlers.put("get_server_friendly_name", a -> world.server().friendlyName());
        handlers.put("get_servers_info", a -> List.of(map("name", world.server().friendlyName(),
                "machine_identifier", world.server().machineIdentifier(), "host", world.server().host(), "port",
                String.valueOf(world.server().port()), "version", world.server().version())));
        handlers.put("get_users", a -> users());
        handlers.put("get_user", this::user);
        handlers.put("get_user_names", a -> userNames());
        handlers.put("get_user_player_stats", this::userPlayerStats);
        handlers.put("get_user_watch_time_stats", a -> watchTime(a, "user_id", this::userMatcher));
        handlers.put("get_library_watch_time_stats", a -> watchTime(a, "section_id", this::sectionMatcher));
        handlers.put("get_item_watch_time_stats", a -> watchTime(a, "rating_key", this::itemMatcher));
        handlers.put("get_library_user_stats", a -> userStats(a, "section_id", this::sectionMatcher));
        handlers.put("get_item_user_stats", a -> userStats(a, "rating_key", this::itemMatcher));
        handlers.put("get_library_names", a -> libraryNames());
        handlers.put("get_libraries", a -> libraries());
        handlers.put("get_library", this::library);
        handlers.put("get_library_media_info", a -> new MediaInfoTable(world, clock).query(a));
        handlers.put("get_activity", this::activity);
        handlers.put("terminate_session", this::terminate);
        handlers.put("get_metadata", this::metadata);
        handlers.put("get_recently_added", this::recentlyAdded);
        handlers.put("get_history", historyQuery::query);
        handlers.put("get_home_stats", homeStats::query);
        handlers.put("get_plays_by_date", a -> graphs.byDate(a, false));
        handlers.put("get_plays_by_stream_type", a -> graphs.byDate(a, true));
        handlers.put("get_plays_by_hourofday", graphs::byHourOfDay);
        handlers.put("get_plays_by_dayofweek", graphs::byDayOfWeek);
        handlers.put("get_plays_per_month", graphs::perMonth);
        handlers.put("get_plays_by_top_10_users", a -> graphs.top10(a, true, false));
        handlers.put("get_plays_by_top_10_platforms", a -> graphs.top10(a, false, false));
        handlers.put("get_stream_type_by_top_10_users", a -> graphs.top10(a, true, true));
        handlers.put("get_stream_type_by_top_10_platforms", a -> graphs.top10(a, false, true));
        handlers.put("get_plays_by_source_resolution", a -> graphs.byResolution(a, false));
        handlers.put("get_plays_by_stream_resolution", a -> graphs.byResolution(a, true));
        handlers.put("get_concurrent_streams_by_stream_type", graphs::concurrentByStreamType);
        registerTablesAndPlex();
        registerUnconfigured();
    }

    private void registerTablesAndPlex() {
        Tables tables = new Tables(world, this);
        PlexBacked plex = new PlexBacked(world, sessions, renderers);
        handlers.put("get_users_table", tables::usersTable);
        handlers.put("get_libraries_table", tables::librariesTable);
        handlers.put("get_user_ips", tables::userIps);
        handlers.put("get_stream_data", plex::streamData);
        handlers.put("search", plex::search);
        handlers.put("get_children_metadata", plex::childrenMetadata);
        handlers.put("get_new_rating_keys", plex::ratingKeys);
        handlers.put("get_old_rating_keys", plex::ratingKeys);
        handlers.put("get_server_list", a -> plex.serverList());
        handlers.put("get_server_id", plex::serverId);
        handlers.put("get_server_pref", plex::serverPref);
        // the simulated Plex starts with no collections or playlists (PlexState is not visible from here)
        handlers.put("get_collections_table", a -> DataTable.empty());
        handlers.put("get_playlists_table", a -> DataTable.empty());
    }

    /** What a Tautulli with no notifiers, newsletters, exports, synced items, logins or logs answers. */
    private void registerUnconfigured() {
        for (String cmd : List.of("get_notifiers", "get_newsletters", "get_synced_items", "get_logs")) {
            handlers.put(cmd, a -> List.of());
        }
        for (String cmd : List.of("get_notification_log", "get_newsletter_log", "get_user_logins",
                "get_exports_table")) {
            handlers.put(cmd, a -> DataTable.empty());
        }
        handlers.put("get_notifier_config", a -> {
            a.required("notifier_id");
            throw new ApiErrors.NoResult("no such notifier");
        });
        handlers.put("get_newsletter_config", a -> {
            a.required("newsletter_id");
            throw new ApiErrors.NoResult("no such newsletter");
        });
        handlers.put("get_plex_log", a -> map("data", List.of())); // no Plex logs folder set
        handlers.put("get_date_formats", a -> map("date_format", "YYYY-MM-DD", "time_format", "HH:mm"));
        handlers.put("get_pms_update", a -> map("update_available", false, "platform", "", "release_date", "",
                "version", "", "requirements", "", "extra_info", "", "changelog_added", "", "changelog_fixed", "",
                "label", "", "distro", "", "distro_build", "", "download_url", ""));
    }

    // ---------------------------------------------------------------------------------------- request handling

    /** Answers one request for {@code path} (the URI path, without query). */
    public SimResponse handle(String path, Params params) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (!p.equals("/api/v2")) {
            // Tautulli answers every other API path with HTTP 200 and an error envelope
            return envelope(200, new Outcome(false, "Please use the /api/v2 endpoint.", map()), params);
        }
        String cmd = params.nonEmpty("cmd");
        String key = params.nonEmpty("apikey");
        boolean docs = "docs".equals(cmd) || "docs_md".equals(cmd);
        if (key == null && !docs) {
            return error(400, "Parameter apikey is required", params);
        }
        if (cmd == null) {
            return error(400, "Parameter cmd is required. Possible commands are: " + COMMAND_LIST, params);
        }
        if (!COMMANDS.contains(cmd)) {
            return error(400, "Unknown command: " + cmd + ". Possible commands are: " + COMMAND_LIST, params);
        }
        if (!docs && !apiKey.equals(key)) {
            return error(400, "Invalid apikey", params);
        }
        String callback = params.nonEmpty("callback");
        if (callback != null && !CALLBACK.matcher(callback).matches()) {
            return error(400, "Invalid callback function name", params);
        }
        Outcome outcome;
        try {
            Object result = run(cmd, new Args(params));
            outcome = result instanceof Outcome o ? o : Outcome.ok(result);
        } catch (ApiErrors.NoResult e) {
            outcome = new Outcome(false, null, map());
        } catch (ApiErrors.CommandError e) {
            outcome = new Outcome(false, e.getMessage(), map());
        } catch (RuntimeException e) {
            if ("1".equals(params.get("debug"))) {
                // CherryPy's own error object replaces the envelope, padded with spaces like the capture
                StringBuilder body = new StringBuilder(DEBUG_500);
                while (body.length() < 513) {
                    body.append(' ');
                }
                return SimResponse.of(500, "application/json", body.toString());
            }
            return envelope(500, new Outcome(false, "Check the logs for errors", map()), params);
        }
        return envelope(outcome.success() ? 200 : 400, outcome, params);
    }

    private Object run(String cmd, Args args) {
        Function<Args, Object> h = handlers.get(cmd);
        if (h == null) {
            // a real command the simulator does not model: an empty success keeps clients going
            return map();
        }
        return h.apply(args);
    }

    private SimResponse error(int status, String message, Params params) {
        return envelope(status, new Outcome(false, message, map()), params);
    }

    private SimResponse envelope(int status, Outcome o, Params params) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("result", o.success() ? "success" : "error");
        inner.put("message", o.message());
        inner.put("data", o.data());
        Map<String, Object> root = map("response", inner);
        String callback = params.nonEmpty("callback");
        boolean debug = "1".equals(params.get("debug"));
        boolean xml = "xml".equals(params.nonEmpty("out_type"));
        if (!debug && !xml && callback == null && o.data() instanceof PyJson.JsonBody) {
            // big bodies (history pages) go straight from the generator to the socket
            return SimResponse.streamed(status, JSON, out -> {
                try (var g = PyJson.generator(out, 0)) {
                    PyJson.writeValue(g, root);
                }
            });
        }
        byte[] json = PyJson.bytes(root, 0);
        if (xml) {
            return SimResponse.of(status, "application/xml;charset=UTF-8", PyJson.xml(PyJson.tree(json)));
        }
        if (debug) {
            json = PyJson.debug(json);
        }
        if (callback != null) {
            String body = callback + "(" + new String(json, StandardCharsets.UTF_8) + ");";
            return SimResponse.of(status, "application/javascript", body);
        }
        return SimResponse.of(status, JSON, json);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------- identity

    private Object tautulliInfo() {
        return map("tautulli_install_type", "source", "tautulli_version", "v2.17.2", "tautulli_branch", "master",
                "tautulli_commit", null, "tautulli_platform", "Linux", "tautulli_platform_release", "6.8.0-sim",
                "tautulli_platform_version", "#1 SMP PREEMPT_DYNAMIC", "tautulli_platform_linux_distro",
                "Debian GNU/Linux 12 bookworm", "tautulli_platform_device_name", "projectionist-sim",
                "tautulli_python_version", "3.11.7");
    }

    private Object serverInfo() {
        ServerIdentity s = world.server();
        return map("pms_name", s.friendlyName(), "pms_version", s.version(), "pms_platform", s.platform(),
                "pms_ip", s.host(), "pms_port", s.port(), "pms_ssl", 0, "pms_url",
                "http://" + s.host() + ":" + s.port(), "pms_url_manual", 0, "pms_identifier",
                s.machineIdentifier(), "pms_plexpass", 1);
    }

    // ---------------------------------------------------------------------------------------- users

    private Object users() {
        List<Object> out = new ArrayList<>();
        out.add(map("row_id", 1, "user_id", 0, "username", "Local", "friendly_name", "Local", "thumb", null,
                "email", null, "is_active", 1, "is_admin", 0, "is_home_user", null, "is_allow_sync", null,
                "is_restricted", null, "do_notify", 1, "keep_history", 1, "allow_guest", 0, "shared_libraries",
                List.of(), "filter_all", null, "filter_movies", null, "filter_tv", null, "filter_music", null,
                "filter_photos", null));
        for (User u : world.users()) {
            out.add(map("row_id", u.rowId(), "user_id", u.userId(), "username", u.username(), "friendly_name",
                    u.friendlyName(), "thumb", u.thumb(), "email", u.email(), "is_active", 1, "is_admin",
                    u.admin() ? 1 : 0, "is_home_user", u.homeUser() ? 1 : 0, "is_allow_sync", 1, "is_restricted",
                    0, "do_notify", 1, "keep_history", 1, "allow_guest", 0, "shared_libraries",
                    u.sharedSectionStrings(), "filter_all", null, "filter_movies", null, "filter_tv", null,
                    "filter_music", null, "filter_photos", null));
        }
        return out;
    }

    private Object user(Args a) {
        String id = a.required("user_id");
        Optional<User> found;
        try {
            found = world.userById(Integer.parseInt(id.trim()));
        } catch (NumberFormatException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            // Tautulli answers an unknown id with its built-in Local user (observed)
            return map("row_id", 0, "user_id", 0, "username", "Local", "friendly_name", "Local", "user_thumb",
                    "interfaces/default/images/gravatar-default-80x80.png", "email", "", "is_active", 1, "is_admin",
                    "", "is_home_user", 0, "is_allow_sync", 0, "is_restricted", 0, "do_notify", 0, "keep_history",
                    1, "allow_guest", 0, "deleted_user", 0, "shared_libraries", List.of(), "last_seen", null);
        }
        User u = found.get();
        Object lastSeen = null;
        if (a.flag("include_last_seen", false)) {
            long last = lastStarted(i -> world.history().userIndex(i) == u.index());
            lastSeen = last < 0 ? null : last;
        }
        return map("row_id", u.rowId(), "user_id", u.userId(), "username", u.username(), "friendly_name",
                u.friendlyName(), "user_thumb", u.thumb(), "email", u.email(), "is_active", 1, "is_admin",
                u.admin() ? 1 : 0, "is_home_user", u.homeUser() ? 1 : 0, "is_allow_sync", 1, "is_restricted", 0,
                "do_notify", 1, "keep_history", 1, "deleted_user", 0, "allow_guest", 0, "shared_libraries",
                u.sharedSectionStrings(), "last_seen", lastSeen);
    }

    private long lastStarted(IntPredicate match) {
        History h = world.history();
        long best = -1;
        for (int i = h.size() - 1; i >= 0; i--) {
            if (match.test(i)) {
                best = Math.max(best, h.started(i));
                if (i < h.sortedPrefix()) {
                    break; // sorted part: the first hit from the end is the latest
                }
            }
        }
        return best;
    }

    private Object userNames() {
        List<Object> out = new ArrayList<>();
        out.add(map("user_id", 0, "friendly_name", "Local"));
        for (User u : world.users()) {
            out.add(map("user_id", u.userId(), "friendly_name", u.friendlyName()));
        }
        return out;
    }

    private Object userPlayerStats(Args a) {
        int userId = Args.parseInt("user_id", a.required("user_id"));
        History h = world.history();
        Map<String, long[]> byPlayer = new LinkedHashMap<>();
        Map<String, Device> deviceOf = new HashMap<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.user(i).userId() != userId) {
                continue;
            }
            var d = h.device(i);
            long[] acc = byPlayer.computeIfAbsent(d.player(), k -> new long[2]);
            acc[0]++;
            acc[1] += h.duration(i);
            deviceOf.putIfAbsent(d.player(), d);
        }
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byPlayer.entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                .thenComparing(e -> -e.getValue()[1]));
        List<Object> out = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, long[]> e : rows) {
            var d = deviceOf.get(e.getKey());
            out.add(map("player_name", e.getKey(), "platform", d.platform(), "platform_name", d.platformName(),
                    "total_plays", e.getValue()[0], "total_time", e.getValue()[1], "result_id", n++));
        }
        return out;
    }

    private IntPredicate userMatcher(int userId) {
        History h = world.history();
        int index = world.userById(userId).map(User::index).orElse(-1);
        return i -> h.userIndex(i) == index;
    }

    private IntPredicate sectionMatcher(int sectionId) {
        History h = world.history();
        return i -> h.item(i).sectionId() == sectionId;
    }

    /** A rating key matches its own plays and those of its children and grandchildren (show, season, ...). */
    private IntPredicate itemMatcher(int ratingKey) {
        History h = world.history();
        return i -> {
            Item it = h.item(i);
            return it.ratingKey() == ratingKey || it.parentRatingKey() == ratingKey
                    || it.grandparentRatingKey() == ratingKey;
        };
    }

    private Object watchTime(Args a, String idParam,
            Function<Integer, IntPredicate> matcherFor) {
        int id = Args.parseInt(idParam, a.required(idParam));
        List<Integer> days = a.intList("query_days");
        if (days == null) {
            days = List.of(1, 7, 30, 0);
        }
        IntPredicate match = matcherFor.apply(id);
        History h = world.history();
        long now = clock.instant().getEpochSecond();
        List<Object> out = new ArrayList<>();
        for (int d : days) {
            long[] acc = new long[2];
            IntConsumer add = i -> {
                if (match.test(i)) {
                    acc[0]++;
                    acc[1] += h.duration(i);
                }
            };
            if (d == 0) {
                for (int i = 0; i < h.size(); i++) {
                    add.accept(i);
                }
            } else {
                h.forEachStoppedSince(now - d * 86400L, add);
            }
            out.add(map("query_days", d, "total_time", acc[1], "total_plays", acc[0]));
        }
        return out;
    }

    private Object userStats(Args a, String idParam,
            Function<Integer, IntPredicate> matcherFor) {
        int id = Args.parseInt(idParam, a.required(idParam));
        IntPredicate match = matcherFor.apply(id);
        History h = world.history();
        long[][] acc = new long[world.users().size()][2];
        for (int i = 0; i < h.size(); i++) {
            if (match.test(i)) {
                acc[h.userIndex(i)][0]++;
                acc[h.userIndex(i)][1] += h.duration(i);
            }
        }
        List<User> order = new ArrayList<>(world.users());
        order.removeIf(u -> acc[u.index()][0] == 0);
        order.sort(Comparator.comparingLong((User u) -> -acc[u.index()][0]).thenComparingLong(u ->
                -acc[u.index()][1]));
        List<Object> out = new ArrayList<>();
        for (User u : order) {
            out.add(map("friendly_name", u.friendlyName(), "user_id", u.userId(), "user_thumb", u.thumb(),
                    "username", u.username(), "total_plays", acc[u.index()][0], "total_time", acc[u.index()][1]));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------- libraries

    private Object libraryNames() {
        List<Object> out = new ArrayList<>();
        for (Library l : world.libraries()) {
            out.add(map("section_id", l.sectionId(), "section_name", l.name(), "section_type", l.type(), "agent",
                    l.agent()));
        }
        return out;
    }

    /** Item counts per section: [count, parent_count, child_count] (movies have only a count). */
    long[] counts(Library l) {
        MediaType[] levels = switch (l.type()) {
            case "movie" -> new MediaType[] {MediaType.MOVIE};
            case "show" -> new MediaType[] {MediaType.SHOW, MediaType.SEASON, MediaType.EPISODE};
            default -> new MediaType[] {MediaType.ARTIST, MediaType.ALBUM, MediaType.TRACK};
        };
        long[] c = new long[levels.length];
        for (Item it : world.items()) {
            for (int k = 0; k < levels.length; k++) {
                if (it.type() == levels[k]) {
                    c[k]++;
                }
            }
        }
        return c;
    }

    private Object libraries() {
        List<Object> out = new ArrayList<>();
        for (Library l : world.libraries()) {
            long[] c = counts(l);
            Map<String, Object> row = map("section_id", String.valueOf(l.sectionId()), "section_name", l.name(),
                    "section_type", l.type(), "agent", l.agent(), "thumb", l.thumb(), "art", l.art(), "count",
                    String.valueOf(c[0]), "is_active", 1);
            if (c.length > 1) {
                row.put("parent_count", String.valueOf(c[1]));
                row.put("child_count", String.valueOf(c[2]));
            }
            out.add(row);
        }
        return out;
    }

    private Object library(Args a) {
        String raw = a.required("section_id");
        Optional<Library> lib;
        try {
            lib = world.library(Integer.parseInt(raw.trim()));
        } catch (NumberFormatException e) {
            lib = Optional.empty();
        }
        if (lib.isEmpty()) {
            return map("row_id", 0, "server_id", "", "section_id", 0, "section_name", "Local", "section_type", "",
                    "library_thumb", "interfaces/default/images/cover.png", "library_art", "", "count", 0,
                    "parent_count", 0, "child_count", 0, "is_active", 1, "do_notify", 0, "do_notify_created", 0,
                    "keep_history", 1, "deleted_section", 0);
        }
        Library l = lib.get();
        long[] c = counts(l);
        Map<String, Object> out = map("row_id", l.sectionId() + 3, "server_id", world.server().machineIdentifier(),
                "section_id", l.sectionId(), "section_name", l.name(), "section_type", l.type(), "library_thumb",
                l.thumb(), "library_art", l.art(), "count", c[0], "parent_count", c.length > 1 ? c[1] : null,
                "child_count", c.length > 1 ? c[2] : null, "is_active", 1, "do_notify", 1, "do_notify_created", 1,
                "keep_history", 1, "deleted_section", 0);
        if (a.flag("include_last_accessed", false)) {
            long last = lastStarted(i -> world.history().item(i).sectionId() == l.sectionId());
            out.put("last_accessed", last < 0 ? null : last);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------- activity

    private Object activity(Args a) {
        List<LiveSession> live = sessions.list();
        String key = a.str("session_key");
        String id = a.str("session_id");
        if (key != null || id != null) {
            for (LiveSession s : live) {
                if ((key != null && s.sessionKey().equals(key)) || (key == null && s.sessionId().equals(id))) {
                    return renderers.session(s);
                }
            }
            return map();
        }
        List<Object> rendered = new ArrayList<>();
        int direct = 0;
        int copy = 0;
        int transcode = 0;
        long lan = 0;
        long wan = 0;
        for (LiveSession s : live) {
            rendered.add(renderers.session(s));
            switch (s.transcodeDecision()) {
                case TRANSCODE -> transcode++;
                case COPY -> copy++;
                default -> direct++;
            }
            if (s.wan()) {
                wan += s.bandwidth();
            } else {
                lan += s.bandwidth();
            }
        }
        return map("stream_count", String.valueOf(live.size()), "sessions", rendered, "stream_count_direct_play",
                direct, "stream_count_direct_stream", copy, "stream_count_transcode", transcode, "total_bandwidth",
                lan + wan, "lan_bandwidth", lan, "wan_bandwidth", wan);
    }

    private Object terminate(Args a) {
        String key = a.str("session_key");
        String id = a.str("session_id");
        String message = a.str("message", "The server owner has ended the stream.");
        if (key == null && id == null) {
            throw new ApiErrors.CommandError("Failed to terminate session: Missing session_id.");
        }
        Optional<LiveSession> s = key != null ? sessions.get(key) : sessions.bySessionId(id);
        if (s.isEmpty()) {
            throw new ApiErrors.CommandError("Failed to terminate session: Invalid session_key ("
                    + (key == null ? "None" : key) + ") or session_id (" + (id == null ? "None" : id) + ").");
        }
        try {
            sessions.terminate(s.get().sessionKey(), message);
        } catch (NoSuchElementException e) {
            // ended by itself in between
            throw new ApiErrors.CommandError("Failed to terminate session: Invalid session_key ("
                    + (key == null ? "None" : key) + ") or session_id (" + (id == null ? "None" : id) + ").");
        }
        return new Outcome(true, "Session terminated.", map());
    }

    // ---------------------------------------------------------------------------------------- metadata

    private Object metadata(Args a) {
        String key = a.str("rating_key");
        if (key == null) {
            if (a.has("sync_id")) {
                return map();
            }
            throw new ApiErrors.NoResult("rating_key or sync_id required");
        }
        try {
            return world.item(Integer.parseInt(key.trim())).map(renderers::metadata).map(m -> (Object) m)
                    .orElse(map());
        } catch (NumberFormatException e) {
            return map(); // Plex answers 404, Tautulli an empty success
        }
    }

    private Object recentlyAdded(Args a) {
        int count = Args.parseInt("count", a.required("count"));
        int start = a.intArg("start", 0);
        String type = a.str("media_type");
        Integer section = a.intOrNull("section_id");
        // Plex's recently-added hubs group episodes into seasons and tracks into albums
        List<Item> candidates = new ArrayList<>();
        for (Item it : world.items()) {
            MediaType t = it.type();
            boolean top = t == MediaType.MOVIE || t == MediaType.SEASON || t == MediaType.ALBUM;
            if (!top) {
                continue;
            }
            if (section != null && it.sectionId() != section) {
                continue;
            }
            if (type != null) {
                boolean ok = switch (type) {
                    case "movie" -> t == MediaType.MOVIE;
                    case "show" -> t == MediaType.SEASON;
                    case "artist" -> t == MediaType.ALBUM;
                    default -> false;
                };
                if (!ok) {
                    continue;
                }
            }
            candidates.add(it);
        }
        candidates.sort(Comparator.comparingLong(Item::addedAt).reversed().thenComparing(Item::ratingKey,
                Comparator.reverseOrder()));
        List<Object> rows = new ArrayList<>();
        for (int i = Math.max(0, start); i < Math.min(candidates.size(), Math.max(0, start) + count); i++) {
            rows.add(renderers.recentlyAdded(candidates.get(i)));
        }
        return map("recently_added", rows);
    }

    /** Known command names, sorted (for callers that want to probe). */
    public static List<String> commands() {
        return COMMANDS;
    }
}
