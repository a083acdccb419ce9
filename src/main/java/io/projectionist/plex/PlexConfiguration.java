package io.projectionist.plex;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * Options of a {@code plex:} endpoint: copied from the component's settings, then overridden by URI options.
 */
@UriParams
public class PlexConfiguration implements Cloneable {

    @UriPath(enums = "metadata,sections,items,onDeck,recentlyAdded,continueWatching,history,sessions,identity,server,"
            + "collections,hubs,terminate", description = "What to do: metadata (multi-get by rating key), sections, "
            + "items (a section's items), onDeck, recentlyAdded, continueWatching, history, sessions (now playing), "
            + "identity, server, collections and hubs (with an action), terminate (stop a session)")
    @Metadata(required = true)
    private String operation;

    @UriParam(label = "common", defaultValue = "http://localhost:32400", description = "Base URL of the Plex Media Server")
    private String baseUrl = "http://localhost:32400";
    @UriParam(label = "security", secret = true, description = "Plex token (X-Plex-Token), sent as a header only; "
            + "the owner's token for hubs, collection edits and terminate")
    private String token;
    @UriParam(label = "security", description = "File holding the token (mode 0600), used when token is blank")
    private String tokenFile;
    @UriParam(label = "advanced", description = "X-Plex-Client-Identifier; default: stable per host and user")
    private String clientIdentifier;
    @UriParam(label = "advanced", defaultValue = "Projectionist", description = "X-Plex-Product")
    private String product = PlexClient.DEFAULT_PRODUCT;
    @UriParam(defaultValue = "xml", enums = "xml,json", description = "Wire format to ask for: xml (the server's "
            + "default) or json (Accept: application/json); both parse into the same records")
    private PlexFormat format = PlexFormat.xml;
    @UriParam(label = "advanced", defaultValue = "30000", description = "Request timeout in milliseconds")
    private int requestTimeout = 30_000;

    @UriParam(description = "Library section id (items, collections, hubs; optional filter for onDeck, "
            + "recentlyAdded, continueWatching, history)")
    private String sectionId;
    @UriParam(description = "Comma-separated rating keys for metadata and collections create/add/remove "
            + "(else the CamelPlexRatingKeys header or the body)")
    private String ratingKeys;
    @UriParam(description = "One rating key: the item to move (collections move) or the item whose history to read")
    private String ratingKey;
    @UriParam(description = "Collection rating key for collections items/add/remove/move/edit/delete and hubs "
            + "get/add (and to derive a hub identifier)")
    private String collection;
    @UriParam(defaultValue = "50", description = "Rating keys per multi-get or collection add request")
    private int batchSize = 50;
    @UriParam(defaultValue = "100", description = "Items per page (X-Plex-Container-Size) for paged listings")
    private int pageSize = 100;
    @UriParam(defaultValue = "0", description = "Stop paged listings (items, recentlyAdded, history, collections) "
            + "after this many records; 0 reads all")
    private int maxResults;
    @UriParam(enums = "list,get,create,items,add,remove,move,edit,delete,promote,reset", defaultValue = "list",
              description = "Action for collections (list, create, items, add, remove, move, edit, delete) and hubs "
                            + "(list, get, add, promote, move, remove, reset)")
    private String action;
    @UriParam(description = "Managed hub identifier for hubs promote/move/remove; derived from sectionId and "
            + "collection when absent")
    private String identifier;
    @UriParam(description = "Move target: place after this collection item rating key or hub identifier; absent "
            + "means first")
    private String after;
    @UriParam(description = "Collection title (collections create/edit)")
    private String title;
    @UriParam(description = "Collection summary (collections edit)")
    private String summary;
    @UriParam(description = "Item type as a number or a name (movie, show, season, episode, artist, album, track): "
            + "the items filter for items/recentlyAdded, the items' type for collections create (default: the "
            + "section's type)")
    private String itemType;
    @UriParam(description = "Sort for items, e.g. addedAt:desc or titleSort")
    private String sort;
    @UriParam(description = "Hub flag: show on the library's Recommended tab (unset keeps the current value)")
    private Boolean promotedToRecommended;
    @UriParam(description = "Hub flag: show on the owner's Home (unset keeps the current value)")
    private Boolean promotedToOwnHome;
    @UriParam(description = "Hub flag: show on shared users' Home (unset keeps the current value)")
    private Boolean promotedToSharedHome;
    @UriParam(description = "Session id (Session.id) to terminate; else the header or a PlexSession body")
    private String sessionId;
    @UriParam(description = "Reason shown to the viewer when terminating a session")
    private String message;
    @UriParam(description = "History: only this Plex account id")
    private String accountId;
    @UriParam(description = "History: only views at or after this time (epoch seconds)")
    private Long viewedSince;

    public PlexConfiguration copy() {
        try {
            return (PlexConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        // never the token
        return "PlexConfiguration[operation=" + operation + ", baseUrl=" + baseUrl + ", format=" + format + "]";
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(String tokenFile) {
        this.tokenFile = tokenFile;
    }

    public String getClientIdentifier() {
        return clientIdentifier;
    }

    public void setClientIdentifier(String clientIdentifier) {
        this.clientIdentifier = clientIdentifier;
    }

    public String getProduct() {
        return product;
    }

    public void setProduct(String product) {
        this.product = product;
    }

    public PlexFormat getFormat() {
        return format;
    }

    public void setFormat(PlexFormat format) {
        this.format = format;
    }

    public int getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(int requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public String getSectionId() {
        return sectionId;
    }

    public void setSectionId(String sectionId) {
        this.sectionId = sectionId;
    }

    public String getRatingKeys() {
        return ratingKeys;
    }

    public void setRatingKeys(String ratingKeys) {
        this.ratingKeys = ratingKeys;
    }

    public String getRatingKey() {
        return ratingKey;
    }

    public void setRatingKey(String ratingKey) {
        this.ratingKey = ratingKey;
    }

    public String getCollection() {
        return collection;
    }

    public void setCollection(String collection) {
        this.collection = collection;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getMaxResults() {
        return maxResults;
    }

    public void setMaxResults(int maxResults) {
        this.maxResults = maxResults;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getIdentifier() {
        return identifier;
    }

    public void setIdentifier(String identifier) {
        this.identifier = identifier;
    }

    public String getAfter() {
        return after;
    }

    public void setAfter(String after) {
        this.after = after;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public String getItemType() {
        return itemType;
    }

    public void setItemType(String itemType) {
        this.itemType = itemType;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public Boolean getPromotedToRecommended() {
        return promotedToRecommended;
    }

    public void setPromotedToRecommended(Boolean promotedToRecommended) {
        this.promotedToRecommended = promotedToRecommended;
    }

    public Boolean getPromotedToOwnHome() {
        return promotedToOwnHome;
    }

    public void setPromotedToOwnHome(Boolean promotedToOwnHome) {
        this.promotedToOwnHome = promotedToOwnHome;
    }

    public Boolean getPromotedToSharedHome() {
        return promotedToSharedHome;
    }

    public void setPromotedToSharedHome(Boolean promotedToSharedHome) {
        this.promotedToSharedHome = promotedToSharedHome;
    }

    public String getSessionId() {
        return sessionId;
    }

    public void setSessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public Long getViewedSince() {
        return viewedSince;
    }

    public void setViewedSince(Long viewedSince) {
        this.viewedSince = viewedSince;
    }
}
