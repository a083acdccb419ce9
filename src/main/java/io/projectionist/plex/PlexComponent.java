package io.projectionist.plex;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import io.projectionist.support.HttpTransport;
import io.projectionist.support.SecretFiles;

/**
 * The {@code plex:} component. Its options ({@code camel.component.plex.*}) are the defaults of every endpoint; it
 * owns one {@link HttpClient} (connection pool) shared by all of them.
 */
@Component("plex")
public class PlexComponent extends DefaultComponent {

    /** The endpoints' defaults: each endpoint starts from a copy, then its URI options apply. */
    @Metadata(description = "The endpoints' defaults (baseUrl, token, tokenFile, clientIdentifier, product, format,"
            + " requestTimeout)")
    private final PlexConfiguration configuration = new PlexConfiguration();
    @Metadata(label = "advanced", defaultValue = "10000", description = "Connect timeout in milliseconds")
    private int connectTimeout = 10_000;

    /** Registry name of a listener told of every request of this component's clients (the Plex request metric). */
    public static final String REQUEST_LISTENER = "plexRequestListener";

    private HttpClient httpClient;
    private PlexClient client;
    /** Told of every request of every client of this component (the Plex request metric). */
    private final List<HttpTransport.Listener> requestListeners = HttpTransport.listeners();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PlexOperation.of(remaining); // fail on a misspelt operation when the route is built, not on first message
        PlexConfiguration conf = configuration.copy();
        conf.setOperation(remaining);
        PlexEndpoint endpoint = new PlexEndpoint(uri, this, conf);
        // URI options override the component defaults; what is left (scheduler, delay, …) binds to the endpoint
        setProperties(conf, parameters);
        return endpoint;
    }

    /** The shared HTTP client, created on first use. */
    synchronized HttpClient httpClient() {
        if (httpClient == null) {
            httpClient = HttpTransport.httpClient(Duration.ofMillis(connectTimeout));
        }
        return httpClient;
    }

    /**
     * The component's own client, built once from its options: what reports, curation and the readiness probe use,
     * so their requests share the connection pool and count in the request listeners like the endpoints' do.
     */
    public synchronized PlexClient client() {
        if (client == null) {
            client = createClient(configuration.copy());
        }
        return client;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        HttpTransport.Listener listener = getCamelContext().getRegistry().lookupByNameAndType(REQUEST_LISTENER,
                HttpTransport.Listener.class);
        if (listener != null) {
            requestListeners.add(listener);
        }
    }

    /** Builds the client for one endpoint; the token comes from {@code token} or else {@code tokenFile}. */
    PlexClient createClient(PlexConfiguration c) {
        String tok = c.getToken();
        if ((tok == null || tok.isBlank()) && c.getTokenFile() != null && !c.getTokenFile().isBlank()) {
            tok = SecretFiles.read(Path.of(c.getTokenFile()), "camel.component.plex.tokenFile");
        }
        return PlexClient.builder()
                .httpClient(httpClient())
                .listeners(requestListeners)
                .baseUrl(c.getBaseUrl())
                .token(tok)
                .clientIdentifier(c.getClientIdentifier())
                .product(c.getProduct())
                .format(c.getFormat())
                .requestTimeout(Duration.ofMillis(c.getRequestTimeout()))
                .batchSize(c.getBatchSize())
                .pageSize(c.getPageSize())
                .maxResults(c.getMaxResults())
                .build();
    }

    // camel.component.plex.* bind through these; the values live in the configuration the endpoints copy
    public String getBaseUrl() {
        return configuration.getBaseUrl();
    }

    public void setBaseUrl(String baseUrl) {
        configuration.setBaseUrl(baseUrl);
    }

    public String getToken() {
        return configuration.getToken();
    }

    public void setToken(String token) {
        configuration.setToken(token);
    }

    public String getTokenFile() {
        return configuration.getTokenFile();
    }

    public void setTokenFile(String tokenFile) {
        configuration.setTokenFile(tokenFile);
    }

    public String getClientIdentifier() {
        return configuration.getClientIdentifier();
    }

    public void setClientIdentifier(String clientIdentifier) {
        configuration.setClientIdentifier(clientIdentifier);
    }

    public String getProduct() {
        return configuration.getProduct();
    }

    public void setProduct(String product) {
        configuration.setProduct(product);
    }

    public PlexFormat getFormat() {
        return configuration.getFormat();
    }

    public void setFormat(PlexFormat format) {
        configuration.setFormat(format);
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getRequestTimeout() {
        return configuration.getRequestTimeout();
    }

    public void setRequestTimeout(int requestTimeout) {
        configuration.setRequestTimeout(requestTimeout);
    }
}
