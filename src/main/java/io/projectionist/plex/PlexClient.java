package io.projectionist.plex;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.projectionist.plex.PlexException.Kind;
import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexHistoryEntry;
import io.projectionist.plex.model.PlexIdentity;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.plex.model.PlexServer;
import io.projectionist.plex.model.PlexSession;
import io.projectionist.support.HttpTransport;
import io.projectionist.support.ResponseBodies;

/**
 * A small, faithful client for the Plex Media Server HTTP API (plain Java, no Camel types). Requests follow what
 * python-plexapi and Kometa send to real servers: the token only as the {@code X-Plex-Token} header, the client
 * headers on every call, values fully percent-encoded, paging with {@code X-Plex-Container-Start/Size}. XML (the
 * server's default) and JSON ({@code format=json}) parse into the same records. Thread-safe.
 */
public final class PlexClient {

    private static final Logger LOG = LoggerFactory.getLogger(PlexClient.class);

    /** Version sent as {@code X-Plex-Version}: the jar's, or 0.1.0 when run from classes. */
    public static final String DEFAULT_VERSION = Optional.ofNullable(PlexClient.class.getPackage().getImplementationVersion())
            .orElse("0.1.0");
    public static final String DEFAULT_PRODUCT = "Projectionist";
    private static final String LIBRARY = "com.plexapp.plugins.library";
    private static final Set<String> HUB = Set.of("Hub");
    private static final Set<String> DIRECTORY = Set.of("Directory");

    private final HttpTransport transport;
    private final String baseUrl;
    private final String token;
    private final String clientIdentifier;
    private final String product;
    private final String version;
    private final PlexFormat format;
    private final Duration requestTimeout;
    private final int batchSize;
    private final int pageSize;
    private final int maxResults;
    private volatile String machineIdentifier;

    private PlexClient(Builder b) {
        this.baseUrl = stripSlash(Objects.requireNonNull(b.baseUrl, "baseUrl"));
        this.token = b.token == null || b.token.isBlank() ? null : b.token.strip();
        if (token != null && token.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            // the JDK would reject the header with the value in its message: say so without the token
            throw new IllegalArgumentException("the Plex token contains a space, line break or other character a"
                    + " token cannot have; check plex.token / PLEX_TOKEN / plex.token-file (value not shown)");
        }
        this.clientIdentifier = b.clientIdentifier == null || b.clientIdentifier.isBlank()
                ? defaultClientIdentifier() : b.clientIdentifier;
        this.product = b.product == null || b.product.isBlank() ? DEFAULT_PRODUCT : b.product;
        this.version = b.version == null || b.version.isBlank() ? DEFAULT_VERSION : b.version;
        this.format = b.format == null ? PlexFormat.xml : b.format;
        this.requestTimeout = b.requestTimeout;
        this.batchSize = Math.max(1, b.batchSize);
        this.pageSize = Math.max(1, b.pageSize);
        this.maxResults = Math.max(0, b.maxResults);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Plex-Product", product);
        headers.put("X-Plex-Version", version);
        headers.put("X-Plex-Client-Identifier", clientIdentifier);
        if (token != null) {
            headers.put("X-Plex-Token", token); // a header only: URLs end up in logs and proxies
        }
        if (format == PlexFormat.json) {
            headers.put("Accept", "application/json");
        }
        this.transport = HttpTransport.of(b.httpClient != null ? b.httpClient : HttpTransport.httpClient(b.connectTimeout),
                headers, requestTimeout, b.listeners);
    }

    private PlexClient(PlexClient src, HttpTransport transport, int maxResults) {
        this.transport = transport;
        this.baseUrl = src.baseUrl;
        this.token = src.token;
        this.clientIdentifier = src.clientIdentifier;
        this.product = src.product;
        this.version = src.version;
        this.format = src.format;
        this.requestTimeout = transport.requestTimeout();
        this.batchSize = src.batchSize;
        this.pageSize = src.pageSize;
        this.maxResults = Math.max(0, maxResults);
        this.machineIdentifier = src.machineIdentifier;
    }

    /** This client with paged listings stopped after {@code max} items (0 = all); same connections and listeners. */
    public PlexClient withMaxResults(int max) {
        return new PlexClient(this, transport, max);
    }

    /** This client with another request timeout (a quick probe); same connections and listeners. */
    public PlexClient withRequestTimeout(Duration timeout) {
        return new PlexClient(this, transport.withRequestTimeout(timeout), maxResults);
    }

    /** This client also telling {@code listener} of each request it sends (not the original's requests). */
    public PlexClient withListener(HttpTransport.Listener listener) {
        return new PlexClient(this, transport.withListener(listener), maxResults);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client identifier that stays the same across restarts on one host and user, so the server's device list
     * does not fill with a new device per start.
     */
    public static String defaultClientIdentifier() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        String seed = "projectionist|" + host + "|" + System.getProperty("user.name", "");
        return "projectionist-" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The request timeout; null = none. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public String clientIdentifier() {
        return clientIdentifier;
    }

    @Override
    public String toString() {
        return "PlexClient[" + baseUrl + ", format=" + format + ", token=" + (token == null ? "none" : "****") + "]";
    }

    // ---- server ------------------------------------------------------------------------------------------------

    /** {@code GET /identity}. */
    public PlexIdentity identity() {
        PlexIdentity id = PlexMapping.identity(get("identity", "/identity", Map.of()));
        if (id.machineIdentifier() != null) {
            machineIdentifier = id.machineIdentifier();
        }
        return id;
    }

    /** The server's machineIdentifier, read once from {@code /identity} and cached (it never changes). */
    public String machineIdentifier() {
        String mid = machineIdentifier;
        if (mid == null) {
            mid = identity().machineIdentifier();
            if (mid == null) {
                throw new PlexException("Plex answered GET /identity without a machineIdentifier", "identity", "GET",
                        "/identity", 200, Kind.BAD_RESPONSE, false, null, null);
            }
        }
        return mid;
    }

    /** {@code GET /}. */
    public PlexServer server() {
        return PlexMapping.server(get("server", "/", Map.of()));
    }

    /** {@code GET /library/sections}. */
    public List<PlexSection> sections() {
        return get("sections", "/library/sections", Map.of()).children(DIRECTORY).stream()
                .map(PlexMapping::section).toList();
    }

    // ---- items -------------------------------------------------------------------------------------------------

    /**
     * Multi-get {@code GET /library/metadata/k1,k2,…} in batches of {@code batchSize}. The server answers a partial
     * hit with only the found items and a 404 when none of a batch exists, so a missing key is simply absent from
     * the result. Results are matched by ratingKey (the server's order is undocumented) and returned in request
     * order.
     */
    public Map<String, PlexItem> metadata(Collection<String> ratingKeys) {
        List<String> keys = distinctKeys(ratingKeys);
        Map<String, PlexItem> found = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i += batchSize) {
            List<String> batch = keys.subList(i, Math.min(keys.size(), i + batchSize));
            String path = "/library/metadata/" + batch.stream().map(PlexClient::segment).collect(Collectors.joining(","));
            PlexNode c;
            try {
                c = get("metadata", path, Map.of());
            } catch (PlexNotFoundException e) {
                continue; // none of this batch exists: not an error
            }
            Set<String> wanted = Set.copyOf(batch);
            String sid = c.attr("librarySectionID");
            for (PlexNode n : PlexMapping.items(c)) {
                PlexItem item = PlexMapping.item(n, sid);
                if (item.ratingKey() != null && wanted.contains(item.ratingKey())) {
                    found.put(item.ratingKey(), item);
                }
            }
        }
        Map<String, PlexItem> ordered = new LinkedHashMap<>();
        for (String k : keys) {
            if (found.containsKey(k)) {
                ordered.put(k, found.get(k));
            }
        }
        return ordered;
    }

    /** {@code GET /library/sections/{sid}/all?includeGuids=1[&type=][&sort=]}, all pages. */
    public List<PlexItem> items(String sectionId, PlexItemType type, String sort) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("includeGuids", "1");
        if (type != null) {
            q.put("type", String.valueOf(type.number()));
        }
        if (sort != null && !sort.isBlank()) {
            q.put("sort", sort);
        }
        return paged("items", "/library/sections/" + segment(required(sectionId, "sectionId")) + "/all", q,
                PlexMapping.ITEM_ELEMENTS, PlexMapping::item);
    }

    /** {@code GET /library/onDeck}, or {@code /library/sections/{sid}/onDeck} for one section. */
    public List<PlexItem> onDeck(String sectionId) {
        String path = blank(sectionId) ? "/library/onDeck" : "/library/sections/" + segment(sectionId) + "/onDeck";
        return itemsOf(get("onDeck", path, Map.of()));
    }

    /** {@code GET /library/recentlyAdded[?sectionID=][&type=]}, all pages (bounded by maxResults). */
    public List<PlexItem> recentlyAdded(String sectionId, PlexItemType type) {
        Map<String, String> q = new LinkedHashMap<>();
        if (!blank(sectionId)) {
            q.put("sectionID", sectionId);
        }
        if (type != null) {
            q.put("type", String.valueOf(type.number()));
        }
        return paged("recentlyAdded", "/library/recentlyAdded", q, PlexMapping.ITEM_ELEMENTS, PlexMapping::item);
    }

    /** {@code GET /hubs/continueWatching/items}, or {@code /hubs/sections/{sid}/continueWatching/items}. */
    public List<PlexItem> continueWatching(String sectionId) {
        String path = blank(sectionId) ? "/hubs/continueWatching/items"
                : "/hubs/sections/" + segment(sectionId) + "/continueWatching/items";
        return itemsOf(get("continueWatching", path, Map.of()));
    }

    /**
     * {@code GET /status/sessions/history/all?sort=viewedAt:desc[&accountID][&librarySectionID][&metadataItemID]
     * [&viewedAt>=]}, newest first, all pages (bounded by maxResults).
     *
     * @param viewedSince epoch seconds, inclusive
     */
    public List<PlexHistoryEntry> history(String accountId, String sectionId, String ratingKey, Long viewedSince) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sort", "viewedAt:desc");
        if (!blank(accountId)) {
            q.put("accountID", accountId);
        }
        if (!blank(sectionId)) {
            q.put("librarySectionID", sectionId);
        }
        if (!blank(ratingKey)) {
            q.put("metadataItemID", ratingKey);
        }
        if (viewedSince != null) {
            q.put("viewedAt>=", String.valueOf(viewedSince));
        }
        return paged("history", "/status/sessions/history/all", q, PlexMapping.ITEM_ELEMENTS, PlexMapping::history);
    }

    /** {@code GET /status/sessions}: what is playing now. */
    public List<PlexSession> sessions() {
        return PlexMapping.items(get("sessions", "/status/sessions", Map.of())).stream()
                .map(PlexMapping::session).toList();
    }

    /** {@code GET /status/sessions/terminate?sessionId=&reason=} (GET as python-plexapi sends it). */
    public void terminate(String sessionId, String reason) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sessionId", required(sessionId, "sessionId (Session.id of the session)"));
        q.put("reason", reason == null ? "" : reason);
        send("terminate", "GET", "/status/sessions/terminate", q);
    }

    // ---- collections -------------------------------------------------------------------------------------------

    /** {@code GET /library/sections/{sid}/all?type=18}, all pages. Listings never carry Label children. */
    public List<PlexCollection> collections(String sectionId) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("type", String.valueOf(PlexItemType.COLLECTION.number()));
        return paged("collections.list", "/library/sections/" + segment(required(sectionId, "sectionId")) + "/all", q,
                PlexMapping.ITEM_ELEMENTS, PlexMapping::collection);
    }

    /**
     * {@code POST /library/collections?sectionId=&smart=0&title=&type={itemType}&uri=server://{mid}/…/library/metadata/k1,k2}.
     * {@code type} is the type of the items (movie 1, show 2, artist 8, album 9, track 10), never 18; when null it is
     * taken from the section's type. No keys creates an empty collection (Kometa's form).
     *
     * @return the new collection (the response's first child), or null when the server answered without one
     */
    public PlexCollection createCollection(String sectionId, String title, PlexItemType itemType,
            Collection<String> ratingKeys) {
        required(sectionId, "sectionId");
        required(title, "title");
        if (itemType == PlexItemType.COLLECTION) {
            throw new IllegalArgumentException("itemType must be the type of the collection's items (movie, show, "
                    + "artist, album, track), not collection (18)");
        }
        PlexItemType type = itemType != null ? itemType : sectionItemType(sectionId);
        List<String> keys = distinctKeys(ratingKeys);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sectionId", sectionId);
        q.put("smart", "0");
        q.put("title", title);
        q.put("type", String.valueOf(type.number()));
        q.put("uri", metadataUri(keys));
        HttpResponse<String> rsp = send("collections.create", "POST", "/library/collections", q);
        if (blank(rsp.body())) {
            return null;
        }
        PlexNode c = parse("collections.create", "POST", "/library/collections", rsp);
        List<PlexNode> items = PlexMapping.items(c);
        return items.isEmpty() ? null : PlexMapping.collection(items.get(0), sectionId);
    }

    /** {@code GET /library/collections/{rk}/children}, all pages. */
    public List<PlexItem> collectionItems(String collectionKey) {
        return paged("collections.items",
                "/library/collections/" + segment(required(collectionKey, "collection")) + "/children", Map.of(),
                PlexMapping.ITEM_ELEMENTS, PlexMapping::item);
    }

    /** {@code PUT /library/collections/{rk}/prefs?collectionSort=} (0 release date, 1 title, 2 custom). */
    public void setCollectionSort(String collectionKey, int collectionSort) {
        send("collections.prefs", "PUT", "/library/collections/" + segment(required(collectionKey, "collection"))
                + "/prefs", Map.of("collectionSort", String.valueOf(collectionSort)));
    }

    /** {@code PUT /library/collections/{rk}/items?uri=server://…/library/metadata/k1,k2}, in batches of batchSize. */
    public void addToCollection(String collectionKey, Collection<String> ratingKeys) {
        String path = "/library/collections/" + segment(required(collectionKey, "collection")) + "/items";
        List<String> keys = requiredKeys(ratingKeys);
        for (int i = 0; i < keys.size(); i += batchSize) {
            send("collections.add", "PUT", path, Map.of("uri", metadataUri(keys.subList(i, Math.min(keys.size(), i + batchSize)))));
        }
    }

    /** {@code DELETE /library/collections/{rk}/items/{itemRk}}, one call per item (what works on real servers). */
    public void removeFromCollection(String collectionKey, Collection<String> ratingKeys) {
        String base = "/library/collections/" + segment(required(collectionKey, "collection")) + "/items/";
        for (String k : requiredKeys(ratingKeys)) {
            send("collections.remove", "DELETE", base + segment(k), Map.of());
        }
    }

    /** {@code PUT /library/collections/{rk}/items/{itemRk}/move[?after={otherRk}]}; no after = first. */
    public void moveCollectionItem(String collectionKey, String itemKey, String after) {
        String path = "/library/collections/" + segment(required(collectionKey, "collection")) + "/items/"
                + segment(required(itemKey, "ratingKey (the item to move)")) + "/move";
        send("collections.move", "PUT", path, blank(after) ? Map.of() : Map.of("after", after));
    }

    /**
     * {@code PUT /library/sections/{sid}/all?type=18&id={rk}&title.value=&title.locked=1&summary.value=&summary.locked=1}.
     * {@code id} is always sent: without it Plex would edit every collection of the section. When sectionId is null
     * it is read from the collection's metadata.
     */
    public void editCollection(String sectionId, String collectionKey, String title, String summary) {
        required(collectionKey, "collection");
        if (title == null && summary == null) {
            throw new IllegalArgumentException("collections edit needs a title or a summary");
        }
        String sid = sectionId;
        if (blank(sid)) {
            PlexItem c = metadata(List.of(collectionKey)).get(collectionKey);
            if (c == null || c.librarySectionID() == null) {
                throw new PlexNotFoundException("Plex has no collection " + collectionKey + " to edit", "collections.edit",
                        "GET", "/library/metadata/" + collectionKey);
            }
            sid = c.librarySectionID();
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("type", String.valueOf(PlexItemType.COLLECTION.number()));
        q.put("id", collectionKey);
        if (title != null) {
            q.put("title.value", title);
            q.put("title.locked", "1");
        }
        if (summary != null) {
            q.put("summary.value", summary);
            q.put("summary.locked", "1");
        }
        send("collections.edit", "PUT", "/library/sections/" + segment(sid) + "/all", q);
    }

    /** {@code DELETE /library/collections/{rk}}. */
    public void deleteCollection(String collectionKey) {
        send("collections.delete", "DELETE", "/library/collections/" + segment(required(collectionKey, "collection")), Map.of());
    }

    // ---- managed hubs ------------------------------------------------------------------------------------------

    /** {@code GET /hubs/sections/{sid}/manage}: every managed hub of the section in on-screen order. */
    public List<ManagedHub> managedHubs(String sectionId) {
        return get("hubs.list", manage(sectionId), Map.of()).children(HUB).stream().map(PlexMapping::managedHub).toList();
    }

    /**
     * {@code GET /hubs/sections/{sid}/manage?metadataItemId={rk}}. A collection without a hub is answered with an
     * empty container (not 404): then empty.
     */
    public Optional<ManagedHub> managedHub(String sectionId, String collectionKey) {
        List<PlexNode> hubs = get("hubs.get", manage(sectionId),
                Map.of("metadataItemId", required(collectionKey, "collection"))).children(HUB);
        return hubs.isEmpty() ? Optional.empty() : Optional.of(PlexMapping.managedHub(hubs.get(0)));
    }

    /**
     * {@code POST /hubs/sections/{sid}/manage?metadataItemId=&promotedToRecommended=&promotedToOwnHome=&promotedToSharedHome=}.
     * Creates the collection's hub (appended last) or updates its flags. All three flags are sent, as Kometa does;
     * a null flag keeps the hub's current value (false for a new hub), read first with {@link #managedHub}.
     */
    public void addManagedHub(String sectionId, String collectionKey, Boolean recommended, Boolean ownHome,
            Boolean sharedHome) {
        required(collectionKey, "collection");
        ManagedHub current = null;
        if (recommended == null || ownHome == null || sharedHome == null) {
            current = managedHub(sectionId, collectionKey).orElse(ManagedHub.unmanaged(sectionId, collectionKey));
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("metadataItemId", collectionKey);
        putFlags(q, current, recommended, ownHome, sharedHome);
        send("hubs.add", "POST", manage(sectionId), q);
    }

    /**
     * {@code PUT /hubs/sections/{sid}/manage/{identifier}?promotedToRecommended=&promotedToOwnHome=&promotedToSharedHome=}.
     * All three are always sent (the server's handling of a missing one is undocumented); null flags carry over the
     * current values, read from the managed list.
     *
     * @throws PlexNotFoundException when a flag must be carried over and the hub is not managed
     */
    public void promoteHub(String sectionId, String identifier, Boolean recommended, Boolean ownHome,
            Boolean sharedHome) {
        required(identifier, "identifier");
        ManagedHub current = null;
        if (recommended == null || ownHome == null || sharedHome == null) {
            current = managedHubs(sectionId).stream().filter(h -> identifier.equals(h.identifier())).findFirst()
                    .orElseThrow(() -> new PlexNotFoundException("hub " + identifier + " is not managed in section "
                            + sectionId + " (add it first)", "hubs.promote", "GET", manage(sectionId)));
        }
        Map<String, String> q = new LinkedHashMap<>();
        putFlags(q, current, recommended, ownHome, sharedHome);
        send("hubs.promote", "PUT", manage(sectionId) + "/" + segment(identifier), q);
    }

    /** {@code PUT /hubs/sections/{sid}/manage/{identifier}/move[?after={other}]}; no after = first. */
    public void moveHub(String sectionId, String identifier, String after) {
        send("hubs.move", "PUT", manage(sectionId) + "/" + segment(required(identifier, "identifier")) + "/move",
                blank(after) ? Map.of() : Map.of("after", after));
    }

    /** {@code DELETE /hubs/sections/{sid}/manage/{identifier}}: custom hubs only (400 for a built-in). */
    public void removeHub(String sectionId, String identifier) {
        send("hubs.remove", "DELETE", manage(sectionId) + "/" + segment(required(identifier, "identifier")), Map.of());
    }

    /** {@code DELETE /hubs/sections/{sid}/manage}: default order, custom hubs removed. */
    public void resetHubs(String sectionId) {
        send("hubs.reset", "DELETE", manage(sectionId), Map.of());
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private static String manage(String sectionId) {
        return "/hubs/sections/" + segment(required(sectionId, "sectionId")) + "/manage";
    }

    private static void putFlags(Map<String, String> q, ManagedHub current, Boolean rec, Boolean own, Boolean shared) {
        q.put("promotedToRecommended", flag(rec != null ? rec : current.promotedToRecommended()));
        q.put("promotedToOwnHome", flag(own != null ? own : current.promotedToOwnHome()));
        q.put("promotedToSharedHome", flag(shared != null ? shared : current.promotedToSharedHome()));
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    private PlexItemType sectionItemType(String sectionId) {
        for (PlexSection s : sections()) {
            if (sectionId.equals(s.key())) {
                return PlexItemType.ofSectionType(s.type());
            }
        }
        throw new PlexNotFoundException("Plex has no library section " + sectionId, "collections.create", "GET",
                "/library/sections");
    }

    private String metadataUri(List<String> keys) {
        String base = "server://" + machineIdentifier() + "/" + LIBRARY + "/library/metadata";
        return keys.isEmpty() ? base : base + "/" + String.join(",", keys);
    }

    private List<PlexItem> itemsOf(PlexNode c) {
        String sid = c.attr("librarySectionID");
        return PlexMapping.items(c).stream().map(n -> PlexMapping.item(n, sid)).toList();
    }

    /**
     * Reads every page: {@code X-Plex-Container-Start/Size} headers, looping on {@code totalSize} (falling back to
     * the total-size header, then {@code size}); stops on an empty page or at maxResults. The server may ignore the
     * requested size, so the offset advances by what actually came back.
     */
    private <T> List<T> paged(String op, String path, Map<String, String> query, Set<String> elements,
            BiFunction<PlexNode, String, T> mapper) {
        List<T> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int size = maxResults > 0 ? Math.min(pageSize, maxResults - out.size()) : pageSize;
            HttpResponse<String> rsp = send(op, "GET", path, query, Map.of(
                    "X-Plex-Container-Start", String.valueOf(start), "X-Plex-Container-Size", String.valueOf(size)));
            PlexNode c = parse(op, "GET", path, rsp);
            List<PlexNode> page = c.children(elements);
            String sid = c.attr("librarySectionID");
            for (PlexNode n : page) {
                if (maxResults > 0 && out.size() >= maxResults) {
                    break;
                }
                out.add(mapper.apply(n, sid));
            }
            if (page.isEmpty() || (maxResults > 0 && out.size() >= maxResults)) {
                return out;
            }
            start += page.size();
            Long total = c.longAttr("totalSize");
            if (total == null) {
                total = rsp.headers().firstValue("X-Plex-Container-Total-Size").map(PlexClient::parseLong).orElse(null);
            }
            if (total == null) {
                total = c.longAttr("size");
            }
            if (total == null || start >= total) {
                return out;
            }
        }
    }

    private PlexNode get(String op, String path, Map<String, String> query) {
        return parse(op, "GET", path, send(op, "GET", path, query));
    }

    private HttpResponse<String> send(String op, String method, String path, Map<String, String> query) {
        return send(op, method, path, query, Map.of());
    }

    private HttpResponse<String> send(String op, String method, String path, Map<String, String> query,
            Map<String, String> headers) {
        URI uri = URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + encodeQuery(query)));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        long t0 = System.nanoTime();
        HttpResponse<String> rsp;
        try {
            rsp = transport.send(op, b, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTransport.NoAnswerException e) {
            Throwable cause = e.getCause();
            throw switch (e.failure()) {
                case CONNECT_TIMEOUT -> failure(op, method, path, Kind.TIMEOUT, "could not connect to Plex at " + baseUrl
                        + " within the connect timeout", cause);
                case TIMEOUT -> failure(op, method, path, Kind.TIMEOUT, "Plex did not answer within "
                        + describe(requestTimeout), cause);
                case REFUSED -> failure(op, method, path, Kind.CONNECTION, "could not connect to Plex at " + baseUrl
                        + " (connection refused; is the server running and the URL right?)", cause);
                case IO -> failure(op, method, path, Kind.CONNECTION, "connection to Plex at " + baseUrl + " failed ("
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                        : ": " + redact(cause.getMessage())) + ")", cause);
                case INTERRUPTED -> new PlexException("interrupted during " + method + " " + shortPath(path), op,
                        method, path, 0, Kind.CONNECTION, false, null, cause);
            };
        }
        LOG.debug("{} {} -> {} in {} ms", method, shortPath(path), rsp.statusCode(), (System.nanoTime() - t0) / 1_000_000);
        if (HttpTransport.Status.of(rsp.statusCode()) == HttpTransport.Status.SUCCESS) {
            return rsp;
        }
        throw statusError(op, method, path, rsp);
    }

    private PlexException failure(String op, String method, String path, Kind kind, String what, Throwable cause) {
        return new PlexException(what + " for " + method + " " + shortPath(path), op, method, path, 0, kind, true, null, cause);
    }

    private PlexException statusError(String op, String method, String path, HttpResponse<String> rsp) {
        int status = rsp.statusCode();
        String call = method + " " + shortPath(path);
        String body = redact(ResponseBodies.describe(rsp.body()));
        Duration retryAfter = transport.retryAfter(rsp);
        return switch (status) {
            case 401 -> new PlexException((token == null
                    ? "Plex requires a token (HTTP 401) for " + call + " and none is configured"
                    : "Plex rejected the token (HTTP 401) for " + call)
                    + ": run `projectionist login` or set PLEX_TOKEN", op, method, path, status, Kind.UNAUTHORIZED, false, null, null);
            case 403 -> new PlexException("Plex refused " + call + " (HTTP 403): the token is not the server owner's "
                    + "(admin) token; hub management, collection edits and terminating sessions need the owner's token",
                    op, method, path, status, Kind.FORBIDDEN, false, null, null);
            case 404 -> new PlexNotFoundException("Plex has nothing at " + call + " (HTTP 404)", op, method, path);
            case 408 -> new PlexException("Plex timed out the request (HTTP 408) for " + call, op, method, path, status,
                    Kind.TIMEOUT, true, retryAfter, null);
            case 429 -> new PlexException("Plex is rate limiting (HTTP 429) " + call
                    + (retryAfter == null ? "" : "; retry after " + describe(retryAfter)), op, method, path, status,
                    Kind.RATE_LIMITED, true, retryAfter, null);
            default -> status >= 500
                    ? new PlexException("Plex failed (HTTP " + status + ") for " + call + " and answered with " + body
                            + (retryAfter == null ? "" : "; retry after " + describe(retryAfter)), op, method, path,
                            status, Kind.SERVER_ERROR, true, retryAfter, null)
                    : new PlexException("Plex rejected the request (HTTP " + status + ") " + call + " and answered with "
                            + body, op, method, path, status, Kind.BAD_REQUEST, false, null, null);
        };
    }

    /** Parses a MediaContainer, turning anything else into an error that names the call. */
    private PlexNode parse(String op, String method, String path, HttpResponse<String> rsp) {
        String body = rsp.body();
        String call = method + " " + shortPath(path);
        if (body == null || body.isBlank()) {
            throw new PlexException("Plex answered " + call + " with an empty body instead of a MediaContainer", op,
                    method, path, rsp.statusCode(), Kind.BAD_RESPONSE, true, null, null);
        }
        if (ResponseBodies.looksLikeHtml(body)) {
            // something in front of Plex (a proxy login page, a captive portal): retrying will not help
            throw new PlexException("Plex answered " + call + " with " + redact(ResponseBodies.describe(body))
                    + " instead of a MediaContainer; is the base URL (" + baseUrl + ") the Plex server itself?", op,
                    method, path, rsp.statusCode(), Kind.BAD_RESPONSE, false, null, null);
        }
        try {
            return PlexNode.parseContainer(body);
        } catch (PlexNode.MalformedException e) {
            throw new PlexException("Plex answered " + call + " with " + e.getMessage() + " (" + body.length()
                    + " characters) instead of a MediaContainer", op, method, path, rsp.statusCode(), Kind.BAD_RESPONSE,
                    true, null, null);
        }
    }

    private String redact(String s) {
        return token == null || s == null ? s : s.replace(token, "****");
    }

    /** python-plexapi's encoding: every value fully percent-encoded ({@code : / , space}). */
    static String encodeQuery(Map<String, String> query) {
        return query.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One path segment (a ratingKey, a hub identifier), encoded so it cannot break out of its place. */
    static String segment(String s) {
        return encode(s.strip());
    }

    private static String shortPath(String path) {
        return ResponseBodies.abbreviate(path, 120);
    }

    private static String describe(Duration d) {
        return d == null ? "the request timeout" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> distinctKeys(Collection<String> keys) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (keys != null) {
            for (String k : keys) {
                if (k != null && !k.isBlank()) {
                    out.add(k.strip());
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<String> requiredKeys(Collection<String> keys) {
        List<String> out = distinctKeys(keys);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no rating keys given");
        }
        return out;
    }

    private static String required(String value, String name) {
        if (blank(value)) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String stripSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** Settings for a {@link PlexClient}; only baseUrl is required. */
    public static final class Builder {
        private String baseUrl;
        private String token;
        private String clientIdentifier;
        private String product = DEFAULT_PRODUCT;
        private String version = DEFAULT_VERSION;
        private PlexFormat format = PlexFormat.xml;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int batchSize = 50;
        private int pageSize = 100;
        private int maxResults;
        private HttpClient httpClient;
        private List<HttpTransport.Listener> listeners = HttpTransport.listeners();

        public Builder baseUrl(String v) {
            baseUrl = v;
            return this;
        }

        public Builder token(String v) {
            token = v;
            return this;
        }

        public Builder clientIdentifier(String v) {
            clientIdentifier = v;
            return this;
        }

        public Builder product(String v) {
            product = v;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder format(PlexFormat v) {
            format = v;
            return this;
        }

        /** Used only when no shared {@link #httpClient(HttpClient)} is given. */
        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        /** Rating keys per multi-get (default 50: keeps URLs short). */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Items per page for paged listings (default 100, as python-plexapi). */
        public Builder pageSize(int v) {
            pageSize = v;
            return this;
        }

        /** Stop paged listings after this many items (0 = all). */
        public Builder maxResults(int v) {
            maxResults = v;
            return this;
        }

        public Builder httpClient(HttpClient v) {
            httpClient = v;
            return this;
        }

        /** Told of every request (the list is shared, not copied: listeners added later are told too). */
        public Builder listeners(List<HttpTransport.Listener> v) {
            listeners = Objects.requireNonNull(v, "listeners");
            return this;
        }

        public PlexClient build() {
            return new PlexClient(this);
        }
    }
}
