package io.projectionist.tautulli;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of a {@code tautulli:} endpoint. Connection options default to the component's
 * ({@code camel.component.tautulli.*}); the API parameter options map to Tautulli's snake_case parameter names
 * ({@code timeRange} → {@code time_range}); any other parameter can be given as {@code param.<name>=<value>}.
 */
@UriParams
public class TautulliConfiguration implements Cloneable {

    @UriParam(description = "Tautulli's base URL including any HTTP root, e.g. http://nas:8181 (the API path /api/v2 is added)")
    private String baseUrl;
    @UriParam(label = "security", secret = true, description = "The API key (Tautulli: Settings > Web Interface > API)")
    private String apiKey;
    @UriParam(label = "security", description = "A file holding the API key, readable by its owner only (mode 0600); used when apiKey is blank")
    private String apiKeyFile;
    @UriParam(label = "advanced", defaultValue = "30000", description = "How long to wait for an answer, in milliseconds")
    private long requestTimeout = 30_000;
    @UriParam(label = "advanced", defaultValue = "POST", enums = "POST,GET",
              description = "POST sends the key in the form body; GET puts it in the URL (only for proxies that refuse POST)")
    private String httpMethod = "POST";

    @UriParam(label = "consumer", defaultValue = "1",
              description = "tautulli:history: days re-read before the first day not fully read (late plays, time zones)")
    private int overlapDays = 1;
    @UriParam(label = "consumer",
              description = "tautulli:history: Tautulli server's time zone for its local dates (default: this machine's)")
    private String timeZone;

    @UriParam(label = "parameter", description = "time_range: days for stats and graphs (months for get_plays_per_month)")
    private Integer timeRange;
    @UriParam(label = "parameter", description = "stat_id: one home-stats card, e.g. top_movies, popular_tv, top_users")
    private String statId;
    @UriParam(label = "parameter", description = "stats_type: plays or duration")
    private String statsType;
    @UriParam(label = "parameter", description = "stats_count: rows per home-stats card (Tautulli's default is 10)")
    private Integer statsCount;
    @UriParam(label = "parameter", description = "stats_start: row offset within each home-stats card")
    private Integer statsStart;
    @UriParam(label = "parameter", description = "y_axis: plays or duration, for graph commands")
    private String yAxis;
    @UriParam(label = "parameter", description = "query_days: comma list of day windows for watch-time stats, e.g. 1,7,30,0")
    private String queryDays;
    @UriParam(label = "parameter", description = "grouping: 0 or 1 (history and stats); use 0 for one row per session segment")
    private Integer grouping;
    @UriParam(label = "parameter", description = "start: row offset for paged commands")
    private Integer start;
    @UriParam(label = "parameter", description = "length: rows per page for paged commands (never -1: Tautulli then drops the last row)")
    private Integer length;
    @UriParam(label = "parameter", description = "order_column for get_history / get_library_media_info")
    private String orderColumn;
    @UriParam(label = "parameter", description = "order_dir: asc or desc")
    private String orderDir;
    @UriParam(label = "parameter", description = "search: substring filter for get_history")
    private String search;
    @UriParam(label = "parameter", description = "after: YYYY-MM-DD, inclusive, Tautulli server's local date (get_history)")
    private String after;
    @UriParam(label = "parameter", description = "before: YYYY-MM-DD, inclusive, Tautulli server's local date (get_history)")
    private String before;
    @UriParam(label = "parameter", description = "start_date: YYYY-MM-DD, exact local date (get_history)")
    private String startDate;
    @UriParam(label = "parameter", description = "section_id: library section id (comma list where Tautulli accepts one)")
    private String sectionId;
    @UriParam(label = "parameter", description = "user_id: Tautulli user id (comma list where Tautulli accepts one)")
    private String userId;
    @UriParam(label = "parameter", description = "user: username filter for get_history")
    private String user;
    @UriParam(label = "parameter", description = "rating_key: Plex rating key")
    private String ratingKey;
    @UriParam(label = "parameter", description = "media_type: movie, episode, track, live (history) or movie, show, artist (recently added)")
    private String mediaType;
    @UriParam(label = "parameter", description = "transcode_decision: direct play, copy or transcode (get_history)")
    private String transcodeDecision;
    @UriParam(label = "parameter", description = "count: items for get_recently_added")
    private Integer count;
    @UriParam(label = "parameter", description = "session_key: one session (get_activity, terminate_session)")
    private String sessionKey;
    @UriParam(label = "parameter", description = "session_id: one session (get_activity, terminate_session)")
    private String sessionId;
    @UriParam(label = "parameter", description = "message: shown to the viewer by terminate_session")
    private String message;
    @UriParam(label = "parameter", prefix = "param.", multiValue = true,
              description = "Any other API parameter: param.<name>=<value>, e.g. param.include_activity=0")
    @Metadata(javaType = "java.util.Map<String, Object>")
    private Map<String, Object> params = new LinkedHashMap<>();

    public TautulliConfiguration copy() {
        try {
            TautulliConfiguration copy = (TautulliConfiguration) clone();
            copy.params = new LinkedHashMap<>(params);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The API parameters these options set, by Tautulli's names. */
    public Map<String, String> apiParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "time_range", timeRange);
        put(p, "stat_id", statId);
        put(p, "stats_type", statsType);
        put(p, "stats_count", statsCount);
        put(p, "stats_start", statsStart);
        put(p, "y_axis", yAxis);
        put(p, "query_days", queryDays);
        put(p, "grouping", grouping);
        put(p, "start", start);
        put(p, "length", length);
        put(p, "order_column", orderColumn);
        put(p, "order_dir", orderDir);
        put(p, "search", search);
        put(p, "after", after);
        put(p, "before", before);
        put(p, "start_date", startDate);
        put(p, "section_id", sectionId);
        put(p, "user_id", userId);
        put(p, "user", user);
        put(p, "rating_key", ratingKey);
        put(p, "media_type", mediaType);
        put(p, "transcode_decision", transcodeDecision);
        put(p, "count", count);
        put(p, "session_key", sessionKey);
        put(p, "session_id", sessionId);
        put(p, "message", message);
        params.forEach((k, v) -> put(p, k, v));
        return p;
    }

    private static void put(Map<String, String> p, String name, Object value) {
        if (value != null) {
            p.put(name, String.valueOf(value));
        }
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getApiKeyFile() { return apiKeyFile; }
    public void setApiKeyFile(String apiKeyFile) { this.apiKeyFile = apiKeyFile; }
    public long getRequestTimeout() { return requestTimeout; }
    public void setRequestTimeout(long requestTimeout) { this.requestTimeout = requestTimeout; }
    public String getHttpMethod() { return httpMethod; }
    public void setHttpMethod(String httpMethod) { this.httpMethod = httpMethod; }
    public int getOverlapDays() { return overlapDays; }
    public void setOverlapDays(int overlapDays) { this.overlapDays = overlapDays; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public Integer getTimeRange() { return timeRange; }
    public void setTimeRange(Integer timeRange) { this.timeRange = timeRange; }
    public String getStatId() { return statId; }
    public void setStatId(String statId) { this.statId = statId; }
    public String getStatsType() { return statsType; }
    public void setStatsType(String statsType) { this.statsType = statsType; }
    public Integer getStatsCount() { return statsCount; }
    public void setStatsCount(Integer statsCount) { this.statsCount = statsCount; }
    public Integer getStatsStart() { return statsStart; }
    public void setStatsStart(Integer statsStart) { this.statsStart = statsStart; }
    public String getYAxis() { return yAxis; }
    public void setYAxis(String yAxis) { this.yAxis = yAxis; }
    public String getQueryDays() { return queryDays; }
    public void setQueryDays(String queryDays) { this.queryDays = queryDays; }
    public Integer getGrouping() { return grouping; }
    public void setGrouping(Integer grouping) { this.grouping = grouping; }
    public Integer getStart() { return start; }
    public void setStart(Integer start) { this.start = start; }
    public Integer getLength() { return length; }
    public void setLength(Integer length) { this.length = length; }
    public String getOrderColumn() { return orderColumn; }
    public void setOrderColumn(String orderColumn) { this.orderColumn = orderColumn; }
    public String getOrderDir() { return orderDir; }
    public void setOrderDir(String orderDir) { this.orderDir = orderDir; }
    public String getSearch() { return search; }
    public void setSearch(String search) { this.search = search; }
    public String getAfter() { return after; }
    public void setAfter(String after) { this.after = after; }
    public String getBefore() { return before; }
    public void setBefore(String before) { this.before = before; }
    public String getStartDate() { return startDate; }
    public void setStartDate(String startDate) { this.startDate = startDate; }
    public String getSectionId() { return sectionId; }
    public void setSectionId(String sectionId) { this.sectionId = sectionId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getRatingKey() { return ratingKey; }
    public void setRatingKey(String ratingKey) { this.ratingKey = ratingKey; }
    public String getMediaType() { return mediaType; }
    public void setMediaType(String mediaType) { this.mediaType = mediaType; }
    public String getTranscodeDecision() { return transcodeDecision; }
    public void setTranscodeDecision(String transcodeDecision) { this.transcodeDecision = transcodeDecision; }
    public Integer getCount() { return count; }
    public void setCount(Integer count) { this.count = count; }
    public String getSessionKey() { return sessionKey; }
    public void setSessionKey(String sessionKey) { this.sessionKey = sessionKey; }
    public String getSessionId() { return sessionId; }
    public void setSessionId(String sessionId) { this.sessionId = sessionId; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public Map<String, Object> getParams() { return params; }
    public void setParams(Map<String, Object> params) { this.params = new LinkedHashMap<>(params); }
}
