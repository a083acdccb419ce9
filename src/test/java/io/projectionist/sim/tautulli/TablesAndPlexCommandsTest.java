package io.projectionist.sim.tautulli;

import static io.projectionist.sim.SimTestSupport.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions.StartOptions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.PlayRow;
import io.projectionist.sim.world.TranscodeDecision;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import io.projectionist.support.Json;
import io.projectionist.tautulli.model.LibraryMediaInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands that used to answer an empty {@code {}}: v2.17.2's keys and value types, and values that agree
 * with get_history, get_library, get_activity and the world the simulated Plex serves.
 */
class TablesAndPlexCommandsTest {

    static Simulator sim;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimTestSupport.options(1500), SimClock.fixed(SimTestSupport.ANCHOR));
        world = sim.world();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    static void datatablesEnvelope(JsonNode d) {
        assertThat(keys(d)).startsWith("recordsFiltered", "recordsTotal", "data", "draw");
        assertThat(d.path("recordsFiltered").isInt()).isTrue();
        assertThat(d.path("recordsTotal").isInt()).isTrue();
        assertThat(d.path("data").isArray()).isTrue();
        assertThat(d.path("draw").asInt()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------- users table

    @Test
    void usersTableRowsHaveTheRealKeysAndAgreeWithHistory() {
        JsonNode d = api(sim, "cmd", "get_users_table", "length", "-1").data();
        datatablesEnvelope(d);
        assertThat(d.path("recordsTotal").asInt()).isEqualTo(world.users().size() + 1); // + Local
        JsonNode rows = d.path("data");
        assertThat(rows).hasSize(world.users().size() + 1);
        long plays = 0;
        History h = world.history();
        for (JsonNode r : rows) {
            assertThat(keys(r)).containsExactly("row_id", "user_id", "username", "friendly_name", "title", "email",
                    "user_thumb", "plays", "duration", "last_seen", "last_played", "history_row_id", "ip_address",
                    "platform", "player", "rating_key", "media_type", "thumb", "parent_title", "year",
                    "media_index", "parent_media_index", "live", "originally_available_at", "guid",
                    "transcode_decision", "do_notify", "keep_history", "allow_guest", "is_active");
            plays += r.path("plays").asLong();
            if (r.path("user_id").asInt() == 0) {
                assertThat(r.path("username").asText()).isEqualTo("Local");
                assertThat(r.path("plays").asInt()).isZero();
                assertThat(r.path("last_seen").isNull()).isTrue();
                continue;
            }
            User u = world.userById(r.path("user_id").asInt()).orElseThrow();
            List<PlayRow> mine = h.stream().filter(p -> p.user().equals(u)).toList();
            assertThat(r.path("plays").asInt()).isEqualTo(mine.size());
            assertThat(r.path("duration").asLong()).isEqualTo(mine.stream().mapToLong(PlayRow::duration).sum());
            long last = mine.stream().mapToLong(PlayRow::started).max().orElseThrow();
            assertThat(r.path("last_seen").asLong()).isEqualTo(last);
            assertThat(r.path("rating_key").isInt()).isTrue();
            assertThat(r.path("year").isInt()).isTrue();
            // the history row it names is that user's latest play, as get_history serves it
            JsonNode hist = api(sim, "cmd", "get_history", "user_id", String.valueOf(u.userId()), "length", "1")
                    .data().path("data").get(0);
            assertThat(r.path("history_row_id").asInt()).isEqualTo(hist.path("row_id").asInt());
            assertThat(r.path("last_played").asText()).isEqualTo(hist.path("full_title").asText());
            assertThat(r.path("thumb").asText()).isEqualTo(hist.path("thumb").asText());
        }
        assertThat(plays).isEqualTo(h.size());
    }

    @Test
    void usersTableOrdersSearchesAndPages() {
        JsonNode byName = api(sim, "cmd", "get_users_table", "length", "-1").data().path("data");
        List<String> names = new ArrayList<>();
        byName.forEach(r -> names.add(r.path("friendly_name").asText()));
        List<String> desc = new ArrayList<>(names);
        desc.sort(Comparator.reverseOrder());
        assertThat(names).isEqualTo(desc); // build_datatables_json defaults to friendly_name desc

        JsonNode byPlays = api(sim, "cmd", "get_users_table", "order_column", "plays", "order_dir", "asc",
                "length", "-1").data().path("data");
        assertThat(byPlays.get(0).path("user_id").asInt()).isZero();
        for (int i = 1; i < byPlays.size(); i++) {
            assertThat(byPlays.get(i).path("plays").asLong())
                    .isGreaterThanOrEqualTo(byPlays.get(i - 1).path("plays").asLong());
        }

        User u = world.users().get(1);
        JsonNode found = api(sim, "cmd", "get_users_table", "search", u.friendlyName()).data();
        assertThat(found.path("recordsFiltered").asInt()).isEqualTo(1);
        assertThat(found.path("recordsTotal").asInt()).isEqualTo(world.users().size() + 1);
        assertThat(found.path("data").get(0).path("user_id").asInt()).isEqualTo(u.userId());

        JsonNode page = api(sim, "cmd", "get_users_table", "start", "1", "length", "2").data().path("data");
        assertThat(page).hasSize(2);
        assertThat(page.get(0).path("friendly_name").asText()).isEqualTo(names.get(1));

        // an unknown column is ignored: no ORDER BY, row id order
        JsonNode natural = api(sim, "cmd", "get_users_table", "order_column", "nope", "length", "-1").data()
                .path("data");
        assertThat(natural.get(0).path("user_id").asInt()).isZero();
        for (int i = 1; i < natural.size(); i++) {
            assertThat(natural.get(i).path("row_id").asInt()).isGreaterThan(natural.get(i - 1).path("row_id").asInt());
        }
        // comma lists pair columns and directions
        JsonNode two = api(sim, "cmd", "get_users_table", "order_column", "is_active,plays", "order_dir",
                "asc,desc", "length", "-1").data().path("data");
        assertThat(two.get(0).path("plays").asLong()).isEqualTo(world.users().stream()
                .mapToLong(x -> world.history().stream().filter(p -> p.user().equals(x)).count()).max()
                .orElseThrow());
    }

    // ---------------------------------------------------------------------------------------- libraries table

    @Test
    void librariesTableAgreesWithGetLibraryAndHistory() {
        JsonNode d = api(sim, "cmd", "get_libraries_table").data();
        datatablesEnvelope(d);
        assertThat(d.path("recordsTotal").asInt()).isEqualTo(world.libraries().size());
        long plays = 0;
        for (JsonNode r : d.path("data")) {
            assertThat(keys(r)).containsExactly("row_id", "server_id", "section_id", "section_name",
                    "section_type", "count", "parent_count", "child_count", "library_thumb", "library_art", "plays",
                    "duration", "last_accessed", "history_row_id", "last_played", "rating_key", "media_type",
                    "thumb", "parent_title", "year", "media_index", "parent_media_index", "content_rating",
                    "labels", "live", "originally_available_at", "guid", "do_notify", "do_notify_created",
                    "keep_history", "is_active");
            String id = r.path("section_id").asText();
            assertThat(r.path("section_id").isInt()).isTrue();
            JsonNode lib = api(sim, "cmd", "get_library", "section_id", id, "include_last_accessed", "1").data();
            for (String k : List.of("row_id", "server_id", "section_name", "section_type", "count",
                    "parent_count", "child_count", "library_thumb", "library_art", "last_accessed")) {
                assertThat(r.path(k)).as(k).isEqualTo(lib.path(k));
            }
            int sectionId = r.path("section_id").asInt();
            long expected = world.history().stream().filter(p -> p.item().sectionId() == sectionId).count();
            assertThat(r.path("plays").asLong()).isEqualTo(expected);
            assertThat(r.path("labels").isArray()).isTrue();
            plays += r.path("plays").asLong();
        }
        assertThat(plays).isEqualTo(world.history().size());
        List<String> names = new ArrayList<>();
        d.path("data").forEach(r -> names.add(r.path("section_name").asText()));
        assertThat(names).isEqualTo(world.libraries().stream().map(Library::name)
                .sorted(Comparator.reverseOrder()).toList());
    }

    @Test
    void userIpsGroupTheUsersPlaysByAddress() {
        User u = world.users().get(0);
        JsonNode d = api(sim, "cmd", "get_user_ips", "user_id", String.valueOf(u.userId()), "length", "-1").data();
        datatablesEnvelope(d);
        List<PlayRow> mine = world.history().stream().filter(p -> p.user().equals(u)).toList();
        long ips = mine.stream().map(PlayRow::ipAddress).distinct().count();
        assertThat(d.path("recordsTotal").asLong()).isEqualTo(ips);
        int plays = 0;
        for (JsonNode r : d.path("data")) {
            assertThat(keys(r)).containsExactly("history_row_id", "last_seen", "first_seen", "ip_address",
                    "play_count", "platform", "player", "last_played", "rating_key", "thumb", "media_type",
                    "parent_title", "year", "media_index", "parent_media_index", "live", "originally_available_at",
                    "guid", "transcode_decision", "friendly_name", "user_id");
            String ip = r.path("ip_address").asText();
            assertThat(r.path("play_count").asLong())
                    .isEqualTo(mine.stream().filter(p -> p.ipAddress().equals(ip)).count());
            assertThat(r.path("first_seen").asLong()).isLessThanOrEqualTo(r.path("last_seen").asLong());
            plays += r.path("play_count").asInt();
        }
        assertThat(plays).isEqualTo(mine.size());
    }

    // ---------------------------------------------------------------------------------------- stream data

    static final List<String> STREAM_KEYS = List.of("bitrate", "video_full_resolution", "optimized_version",
            "optimized_version_profile", "optimized_version_title", "synced_version", "synced_version_profile",
            "container", "video_codec", "video_bitrate", "video_width", "video_height", "video_framerate",
            "video_dynamic_range", "aspect_ratio", "audio_codec", "audio_bitrate", "audio_channels",
            "audio_language", "audio_language_code", "subtitle_codec", "subtitle_forced", "subtitle_language",
            "stream_bitrate", "stream_video_full_resolution", "quality_profile", "stream_container_decision",
            "stream_container", "stream_video_decision", "stream_video_codec", "stream_video_bitrate",
            "stream_video_width", "stream_video_height", "stream_video_framerate", "stream_video_dynamic_range",
            "stream_audio_decision", "stream_audio_codec", "stream_audio_bitrate", "stream_audio_channels",
            "stream_audio_language", "stream_audio_language_code", "subtitles", "stream_subtitle_decision",
            "stream_subtitle_codec", "stream_subtitle_forced", "stream_subtitle_language", "transcode_hw_decoding",
            "transcode_hw_encoding", "video_decision", "audio_decision", "media_type", "title",
            "grandparent_title", "original_title", "current_session", "pre_tautulli");

    @Test
    void streamDataOfAHistoryRowMatchesItsMediaAndDecision() {
        History h = world.history();
        int row = -1;
        for (int i = 0; i < h.size() && row < 0; i++) {
            if (h.item(i).type() == MediaType.MOVIE && h.transcodeDecision(i) == TranscodeDecision.TRANSCODE) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        PlayRow p = h.row(row);
        JsonNode d = api(sim, "cmd", "get_stream_data", "row_id", String.valueOf(p.id())).data();
        assertThat(keys(d)).containsExactlyElementsOf(STREAM_KEYS);
        for (String k : List.of("bitrate", "video_bitrate", "video_width", "video_height", "audio_bitrate",
                "audio_channels", "stream_bitrate", "stream_video_bitrate", "stream_video_width",
                "stream_video_height", "stream_audio_bitrate", "stream_audio_channels", "optimized_version",
                "subtitles", "current_session")) {
            assertThat(d.path(k).isInt()).as(k).isTrue();
        }
        assertThat(d.path("container").asText()).isEqualTo(p.item().media().container());
        assertThat(d.path("bitrate").asInt()).isEqualTo(p.item().media().bitrate());
        assertThat(d.path("video_width").asInt()).isEqualTo(p.item().media().width());
        assertThat(d.path("video_decision").asText()).isEqualTo("transcode");
        assertThat(d.path("stream_bitrate").asInt()).isLessThanOrEqualTo(p.item().media().bitrate());
        assertThat(d.path("title").asText()).isEqualTo(p.item().title());
        assertThat(d.path("media_type").asText()).isEqualTo("movie");
        assertThat(d.path("current_session").asInt()).isZero();

        int track = -1;
        for (int i = 0; i < h.size() && track < 0; i++) {
            if (h.item(i).type() == MediaType.TRACK) {
                track = i;
            }
        }
        JsonNode audio = api(sim, "cmd", "get_stream_data", "row_id", String.valueOf(track + 1)).data();
        assertThat(keys(audio)).containsExactlyElementsOf(STREAM_KEYS);
        assertThat(audio.path("media_type").asText()).isEqualTo("track");
        assertThat(audio.path("audio_codec").asText()).isEqualTo(h.item(track).media().audioCodec());
        assertThat(audio.path("stream_video_codec").asText()).isEmpty();

        SimTestSupport.Reply unknown = api(sim, "cmd", "get_stream_data", "row_id", "99999999");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(api(sim, "cmd", "get_stream_data").status()).isEqualTo(400);
    }

    @Test
    void streamDataOfALiveSessionMatchesGetActivity() {
        Item movie = world.itemsOfType(MediaType.MOVIE).get(3);
        LiveSession s = sim.sessions().start(world.users().get(1).userId(), movie.ratingKey(),
                StartOptions.defaults().withDecision(TranscodeDecision.TRANSCODE));
        try {
            JsonNode d = api(sim, "cmd", "get_stream_data", "session_key", s.sessionKey()).data();
            JsonNode act = api(sim, "cmd", "get_activity", "session_key", s.sessionKey()).data();
            assertThat(keys(d)).containsExactlyElementsOf(STREAM_KEYS);
            assertThat(d.path("current_session").asInt()).isEqualTo(1);
            assertThat(d.path("stream_bitrate").asInt()).isEqualTo(act.path("stream_bitrate").asInt());
            assertThat(d.path("stream_video_full_resolution").asText())
                    .isEqualTo(act.path("stream_video_full_resolution").asText());
            assertThat(d.path("quality_profile").asText()).isEqualTo(act.path("quality_profile").asText());
            assertThat(d.path("video_decision").asText()).isEqualTo(act.path("video_decision").asText());
        } finally {
            sim.sessions().stop(s.sessionKey());
        }
    }

    // ---------------------------------------------------------------------------------------- search, children

    @Test
    void searchFindsItemsByTitleGroupedByType() {
        Item movie = world.itemsOfType(MediaType.MOVIE).get(0);
        String word = movie.title().split(" ")[0];
        JsonNode d = api(sim, "cmd", "search", "query", word, "limit", "50").data();
        assertThat(keys(d)).containsExactly("results_count", "results_list");
        JsonNode lists = d.path("results_list");
        assertThat(keys(lists)).containsExactly("movie", "show", "season", "episode", "artist", "album", "track",
                "collection");
        int total = 0;
        boolean foundMovie = false;
        for (String type : keys(lists)) {
            for (JsonNode r : lists.path(type)) {
                assertThat(r.path("media_type").asText()).isEqualTo(type);
                assertThat(r.path("title").asText().toLowerCase()).contains(word.toLowerCase());
                assertThat(r.path("rating_key").isTextual()).isTrue();
                foundMovie |= r.path("rating_key").asText().equals(String.valueOf(movie.ratingKey()));
                total++;
            }
        }
        assertThat(foundMovie).isTrue();
        assertThat(d.path("results_count").asInt()).isEqualTo(total);
        // a search result is the item's get_metadata
        JsonNode meta = api(sim, "cmd", "get_metadata", "rating_key", String.valueOf(movie.ratingKey())).data();
        JsonNode hit = null;
        for (JsonNode r : lists.path("movie")) {
            if (r.path("rating_key").asText().equals(String.valueOf(movie.ratingKey()))) {
                hit = r;
            }
        }
        assertThat(hit).isEqualTo(meta);
        JsonNode limited = api(sim, "cmd", "search", "query", "e", "limit", "2").data().path("results_list");
        for (String type : keys(limited)) {
            assertThat(limited.path(type).size()).isLessThanOrEqualTo(2);
        }
        assertThat(api(sim, "cmd", "search").status()).isEqualTo(400);
    }

    @Test
    void childrenMetadataListsTheWorldsChildren() {
        Item show = world.itemsOfType(MediaType.SHOW).get(0);
        JsonNode d = api(sim, "cmd", "get_children_metadata", "rating_key", String.valueOf(show.ratingKey()),
                "media_type", "show").data();
        assertThat(keys(d)).containsExactly("children_count", "children_type", "title", "children_list");
        List<Item> seasons = world.children(show.ratingKey());
        assertThat(d.path("children_count").asText()).isEqualTo(String.valueOf(seasons.size()));
        assertThat(d.path("children_count").isTextual()).isTrue();
        assertThat(d.path("children_type").asText()).isEqualTo("season");
        assertThat(d.path("title").asText()).isEqualTo(show.title());
        List<String> keys = new ArrayList<>();
        d.path("children_list").forEach(c -> keys.add(c.path("rating_key").asText()));
        assertThat(keys).isEqualTo(seasons.stream().map(s -> String.valueOf(s.ratingKey())).toList());
        JsonNode first = d.path("children_list").get(0);
        assertThat(first.path("media_type").asText()).isEqualTo("season");
        assertThat(first.path("parent_rating_key").asText()).isEqualTo(String.valueOf(show.ratingKey()));
        assertThat(first.path("genres").isArray()).isTrue();

        Item season = seasons.get(0);
        JsonNode eps = api(sim, "cmd", "get_children_metadata", "rating_key", String.valueOf(season.ratingKey()),
                "media_type", "season").data();
        assertThat(eps.path("children_type").asText()).isEqualTo("episode");
        assertThat(eps.path("children_list")).hasSize(world.children(season.ratingKey()).size());
        Item album = world.itemsOfType(MediaType.ALBUM).get(0);
        JsonNode tracks = api(sim, "cmd", "get_children_metadata", "rating_key", String.valueOf(album.ratingKey()),
                "media_type", "album").data();
        assertThat(tracks.path("children_type").asText()).isEqualTo("track");
        assertThat(tracks.path("children_list").get(0).path("parent_rating_key").asText())
                .isEqualTo(String.valueOf(album.ratingKey()));
        assertThat(api(sim, "cmd", "get_children_metadata", "rating_key", "987654321").data().isArray()).isTrue();
    }

    @Test
    void ratingKeysAreTheTreeUnderAShow() {
        Item show = world.itemsOfType(MediaType.SHOW).get(1);
        for (String cmd : List.of("get_new_rating_keys", "get_old_rating_keys")) {
            JsonNode d = api(sim, "cmd", cmd, "rating_key", String.valueOf(show.ratingKey()), "media_type", "show")
                    .data();
            assertThat(keys(d)).containsExactly("0", "section_id", "library_name");
            assertThat(d.path("0").path("rating_key").asInt()).isEqualTo(show.ratingKey());
            assertThat(d.path("section_id").asText()).isEqualTo(String.valueOf(show.sectionId()));
            for (Item season : world.children(show.ratingKey())) {
                JsonNode s = d.path("0").path("children").path(String.valueOf(season.index()));
                assertThat(s.path("rating_key").asInt()).isEqualTo(season.ratingKey());
                for (Item ep : world.children(season.ratingKey())) {
                    assertThat(s.path("children").path(String.valueOf(ep.index())).path("rating_key").asInt())
                            .isEqualTo(ep.ratingKey());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------- server

    @Test
    void serverCommandsNameTheSimulatedServer() {
        JsonNode identity = api(sim, "cmd", "get_server_identity").data();
        String id = identity.path("machine_identifier").asText();
        JsonNode list = api(sim, "cmd", "get_server_list").data();
        assertThat(list).hasSize(1);
        assertThat(keys(list.get(0))).containsExactly("clientIdentifier", "httpsRequired", "ip", "label", "local",
                "port", "value");
        assertThat(list.get(0).path("clientIdentifier").asText()).isEqualTo(id);
        assertThat(list.get(0).path("port").isTextual()).isTrue();
        String host = list.get(0).path("ip").asText();
        String port = list.get(0).path("port").asText();
        assertThat(api(sim, "cmd", "get_server_id", "hostname", host, "port", port).data()
                .path("identifier").asText()).isEqualTo(id);
        assertThat(api(sim, "cmd", "get_server_id", "hostname", "10.9.9.9", "port", port).status())
                .isEqualTo(400);
        assertThat(api(sim, "cmd", "get_server_pref", "pref", "FriendlyName").data().asText())
                .isEqualTo(api(sim, "cmd", "get_server_friendly_name").data().asText());
    }

    // ---------------------------------------------------------------------------------------- nothing configured

    @Test
    void nothingConfiguredAnswersEmptyListsAndTables() {
        for (String cmd : List.of("get_notifiers", "get_newsletters", "get_synced_items", "get_logs")) {
            SimTestSupport.Reply r = api(sim, "cmd", cmd);
            assertThat(r.result()).as(cmd).isEqualTo("success");
            assertThat(r.data().isArray()).as(cmd).isTrue();
            assertThat(r.data()).as(cmd).isEmpty();
        }
        for (String cmd : List.of("get_notification_log", "get_newsletter_log", "get_exports_table")) {
            JsonNode d = api(sim, "cmd", cmd).data();
            datatablesEnvelope(d);
            assertThat(d.path("recordsTotal").asInt()).as(cmd).isZero();
        }
        datatablesEnvelope(api(sim, "cmd", "get_user_logins", "user_id",
                String.valueOf(world.users().get(0).userId())).data());
        datatablesEnvelope(api(sim, "cmd", "get_collections_table", "section_id", "1").data());
        datatablesEnvelope(api(sim, "cmd", "get_playlists_table", "section_id", "1").data());
        assertThat(api(sim, "cmd", "get_notifier_config", "notifier_id", "1").status()).isEqualTo(400);
        assertThat(api(sim, "cmd", "get_date_formats").data().path("date_format").asText())
                .isEqualTo("YYYY-MM-DD");
        assertThat(api(sim, "cmd", "get_pms_update").data().path("update_available").isBoolean()).isTrue();
        assertThat(api(sim, "cmd", "get_plex_log").data().path("data").isArray()).isTrue();
    }

    // ---------------------------------------------------------------------------------------- media info

    @Test
    void mediaInfoCopiesPlexsFileSizeStringAndHasLastRefreshed() {
        JsonNode d = api(sim, "cmd", "get_library_media_info", "section_id", "1", "length", "3").data();
        assertThat(keys(d)).containsExactly("recordsFiltered", "recordsTotal", "data", "draw", "last_refreshed",
                "filtered_file_size", "total_file_size");
        assertThat(d.path("last_refreshed").asLong()).isEqualTo(SimTestSupport.ANCHOR.getEpochSecond());
        for (JsonNode r : d.path("data")) {
            Item it = world.item(r.path("rating_key").asText()).orElseThrow();
            assertThat(r.path("file_size").isTextual()).isTrue();
            assertThat(r.path("file_size").asText()).isEqualTo(String.valueOf(it.media().fileSize()));
        }
        assertThat(d.path("total_file_size").isIntegralNumber()).isTrue();
        // the product's model still reads the real (string) form
        LibraryMediaInfo page = Json.snakeCase().convertValue(d, LibraryMediaInfo.class);
        Item first = world.item(d.path("data").get(0).path("rating_key").asText()).orElseThrow();
        assertThat(page.data().get(0).fileSize()).isEqualTo(first.media().fileSize());
    }
}
