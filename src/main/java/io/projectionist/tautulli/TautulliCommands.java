package io.projectionist.tautulli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.ActivitySession;
import io.projectionist.tautulli.model.CommandResult;
import io.projectionist.tautulli.model.GraphData;
import io.projectionist.tautulli.model.HistoryPage;
import io.projectionist.tautulli.model.HomeStat;
import io.projectionist.tautulli.model.Library;
import io.projectionist.tautulli.model.LibraryMediaInfo;
import io.projectionist.tautulli.model.Metadata;
import io.projectionist.tautulli.model.PlayerStat;
import io.projectionist.tautulli.model.RecentlyAdded;
import io.projectionist.tautulli.model.ServerStatus;
import io.projectionist.tautulli.model.User;
import io.projectionist.tautulli.model.WatchTimeStat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code data} of a successful response into the record type of its command. Commands without a
 * record pass through as a Jackson {@link JsonNode} tree, so every one of Tautulli's 125 commands can be called.
 */
public final class TautulliCommands {

    /** Short names accepted in endpoint URIs ({@code tautulli:activity}) for the API command names. */
    private static final Map<String, String> ALIASES = Map.of(
            "activity", "get_activity",
            "history", "get_history",
            "home_stats", "get_home_stats",
            "libraries", "get_libraries",
            "users", "get_users",
            "metadata", "get_metadata",
            "terminate", "terminate_session");

    private static final TypeReference<List<HomeStat>> HOME_STATS = new TypeReference<>() {
    };
    private static final TypeReference<List<Library>> LIBRARIES = new TypeReference<>() {
    };
    private static final TypeReference<List<WatchTimeStat>> WATCH_TIME = new TypeReference<>() {
    };
    private static final TypeReference<List<User>> USERS = new TypeReference<>() {
    };
    private static final TypeReference<List<PlayerStat>> PLAYER_STATS = new TypeReference<>() {
    };

    private TautulliCommands() {
    }

    /** The API command for an endpoint path: an alias, or the command itself, lower-cased. */
    public static String resolve(String name) {
        String cmd = name.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(cmd, cmd);
    }

    /** True when the command's result is mapped onto a record rather than passed through as a tree. */
    public static boolean isTyped(String command) {
        return switch (command) {
            case "get_activity", "server_status", "terminate_session", "status", "get_home_stats", "get_libraries",
                 "get_library_names", "get_library", "get_library_watch_time_stats", "get_user_watch_time_stats",
                 "get_item_watch_time_stats", "get_library_media_info", "get_recently_added", "get_users",
                 "get_user", "get_user_player_stats", "get_history", "get_metadata", "arnold" -> true;
            default -> isGraph(command);
        };
    }

    static boolean isGraph(String command) {
        return command.startsWith("get_plays_by_") || command.equals("get_plays_per_month")
                || command.startsWith("get_stream_type_by_") || command.equals("get_concurrent_streams_by_stream_type");
    }

    /**
     * Decodes a successful response.
     *
     * @param params the parameters sent; {@code get_activity} with a session filter answers one session
     * @return the record, list of records, String, or JsonNode; {@code null} where Tautulli answers {@code {}} for
     *         "not found" (get_metadata, get_activity for one session)
     */
    static Object decode(ObjectMapper mapper, String command, Map<String, String> params, String message,
                         JsonNode data) throws IOException {
        if (isGraph(command)) {
            return mapper.treeToValue(data, GraphData.class);
        }
        return switch (command) {
            case "get_activity" -> decodeActivity(mapper, params, data);
            case "server_status" -> mapper.treeToValue(data, ServerStatus.class);
            case "terminate_session", "status" -> new CommandResult(command, message);
            // a list of cards, or one card when the request named a stat_id
            case "get_home_stats" -> data.isArray() ? mapper.convertValue(data, HOME_STATS)
                    : mapper.treeToValue(data, HomeStat.class);
            case "get_libraries", "get_library_names" -> mapper.convertValue(data, LIBRARIES);
            case "get_library" -> isEmpty(data) ? null : mapper.treeToValue(data, Library.class);
            case "get_library_watch_time_stats", "get_user_watch_time_stats", "get_item_watch_time_stats" ->
                    mapper.convertValue(data, WATCH_TIME);
            case "get_library_media_info" -> mapper.treeToValue(data, LibraryMediaInfo.class);
            case "get_recently_added" -> mapper.treeToValue(data, RecentlyAdded.class);
            case "get_users" -> mapper.convertValue(data, USERS);
            case "get_user" -> mapper.treeToValue(data, User.class);
            case "get_user_player_stats" -> mapper.convertValue(data, PLAYER_STATS);
            case "get_history" -> mapper.treeToValue(data, HistoryPage.class);
            case "get_metadata" -> isEmpty(data) ? null : mapper.treeToValue(data, Metadata.class);
            case "arnold" -> data.asText();
            default -> data;
        };
    }

    private static Object decodeActivity(ObjectMapper mapper, Map<String, String> params, JsonNode data)
            throws IOException {
        boolean oneSession = params.containsKey("session_key") || params.containsKey("session_id");
        if (oneSession) {
            return isEmpty(data) ? null : mapper.treeToValue(data, ActivitySession.class);
        }
        // {} is what Tautulli answers when it has no Plex connection: nothing is playing that we can see
        return isEmpty(data) ? Activity.idle() : mapper.treeToValue(data, Activity.class);
    }

    private static boolean isEmpty(JsonNode data) {
        return data == null || data.isNull() || (data.isContainerNode() && data.isEmpty());
    }
}
