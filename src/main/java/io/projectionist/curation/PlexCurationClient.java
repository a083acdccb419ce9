package io.projectionist.curation;

import io.projectionist.curation.CurationConfig.Flags;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.PlexException.Kind;
import io.projectionist.plex.PlexFormat;
import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSection;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@link CurationPlex} over the project's {@link PlexClient}, counting every request. The client has no call for
 * collection preferences, so {@link #setSort} sends {@code PUT /library/collections/{rk}/prefs?collectionSort=} itself
 * with the same headers (token as a header only).
 */
public final class PlexCurationClient implements CurationPlex {

    private final CountingHttpClient http;
    private final PlexClient plex;
    private final String baseUrl;
    private final String token;
    private final String clientIdentifier;
    private final Duration requestTimeout;
    private final Settings settings;

    /** Connection settings, as in {@code plex.*}. */
    public record Settings(String baseUrl, String token, PlexFormat format, Duration connectTimeout,
            Duration requestTimeout) {
    }

    public PlexCurationClient(Settings s) {
        this.settings = s;
        this.http = new CountingHttpClient(HttpClient.newBuilder().connectTimeout(s.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build());
        this.plex = client(0);
        String u = s.baseUrl().strip();
        this.baseUrl = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        this.token = s.token();
        this.clientIdentifier = plex.clientIdentifier();
        this.requestTimeout = s.requestTimeout();
    }

    private PlexClient client(int maxResults) {
        return PlexClient.builder().httpClient(http).baseUrl(settings.baseUrl()).token(settings.token())
                .format(settings.format() == null ? PlexFormat.xml : settings.format())
                .requestTimeout(settings.requestTimeout()).maxResults(maxResults).build();
    }

    @Override
    public List<PlexSection> sections() {
        return plex.sections();
    }

    @Override
    public List<PlexCollection> collections(String sectionId) {
        return plex.collections(sectionId);
    }

    @Override
    public List<String> collectionItems(String collectionKey) {
        return plex.collectionItems(collectionKey).stream().map(PlexItem::ratingKey).toList();
    }

    @Override
    public List<ManagedHub> managedHubs(String sectionId) {
        return plex.managedHubs(sectionId);
    }

    @Override
    public Map<String, PlexItem> metadata(Collection<String> ratingKeys) {
        return plex.metadata(ratingKeys);
    }

    @Override
    public List<PlexItem> items(String sectionId, PlexItemType type, String sort, int max) {
        return (max > 0 ? client(max) : plex).items(sectionId, type, sort);
    }

    @Override
    public String createCollection(String sectionId, String title, PlexItemType itemType, List<String> ratingKeys) {
        PlexCollection c = plex.createCollection(sectionId, title, itemType, ratingKeys);
        if (c != null && c.ratingKey() != null) {
            return c.ratingKey();
        }
        // a server that answers without the new collection: find it by title
        return plex.collections(sectionId).stream().filter(x -> title.equals(x.title())).map(PlexCollection::ratingKey)
                .reduce((a, b) -> b).orElseThrow(() -> new PlexException("Plex did not create the collection '" + title
                        + "'", "collections.create", "POST", "/library/collections", 200, Kind.BAD_RESPONSE, false,
                        null, null));
    }

    @Override
    public void addItems(String collectionKey, List<String> ratingKeys) {
        plex.addToCollection(collectionKey, ratingKeys);
    }

    @Override
    public void removeItems(String collectionKey, List<String> ratingKeys) {
        plex.removeFromCollection(collectionKey, ratingKeys);
    }

    @Override
    public void moveItem(String collectionKey, String itemKey, String after) {
        plex.moveCollectionItem(collectionKey, itemKey, after);
    }

    @Override
    public void setSort(String collectionKey, int collectionSort) {
        String path = "/library/collections/" + URLEncoder.encode(collectionKey, StandardCharsets.UTF_8) + "/prefs";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path + "?collectionSort=" + collectionSort))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .header("X-Plex-Product", PlexClient.DEFAULT_PRODUCT)
                .header("X-Plex-Version", PlexClient.DEFAULT_VERSION)
                .header("X-Plex-Client-Identifier", clientIdentifier);
        if (token != null && !token.isBlank()) {
            b.header("X-Plex-Token", token);
        }
        if (requestTimeout != null && !requestTimeout.isZero()) {
            b.timeout(requestTimeout);
        }
        int status;
        try {
            status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new PlexException("PUT " + path + " failed: " + e.getClass().getSimpleName(), "collections.prefs",
                    "PUT", path, 0, Kind.CONNECTION, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlexException("interrupted during PUT " + path, "collections.prefs", "PUT", path, 0,
                    Kind.CONNECTION, false, null, e);
        }
        if (status < 200 || status >= 300) {
            boolean retryable = status == 429 || status >= 500;
            throw new PlexException("Plex answered PUT " + path + "?collectionSort=" + collectionSort + " with HTTP "
                    + status, "collections.prefs", "PUT", path, status, status == 404 ? Kind.NOT_FOUND
                            : status == 401 ? Kind.UNAUTHORIZED : status == 403 ? Kind.FORBIDDEN
                                    : retryable ? (status == 429 ? Kind.RATE_LIMITED : Kind.SERVER_ERROR)
                                            : Kind.BAD_REQUEST, retryable, null, null);
        }
    }

    @Override
    public void setVisibility(String sectionId, String collectionKey, String identifier, Flags flags, boolean create) {
        if (create) {
            plex.addManagedHub(sectionId, collectionKey, flags.recommended(), flags.home(), flags.shared());
        } else {
            plex.promoteHub(sectionId, identifier, flags.recommended(), flags.home(), flags.shared());
        }
    }

    @Override
    public void moveHub(String sectionId, String identifier, String after) {
        plex.moveHub(sectionId, identifier, after);
    }

    @Override
    public int reads() {
        return http.reads();
    }

    @Override
    public int writes() {
        return http.writes();
    }
}
