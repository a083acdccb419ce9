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

    @Metadata(defaultValue = "http://localhost:32400", description = "Base URL of the Plex Media Server")
    private String baseUrl = "http://localhost:32400";
    @Metadata(label = "security", secret = true, description = "Plex token (X-Plex-Token), sent as a header only")
    private String token;
    @Metadata(label = "security", description = "File holding the token (mode 0600), used when token is blank")
    private String tokenFile;
    @Metadata(label = "advanced", description = "X-Plex-Client-Identifier; default: stable per host and user")
    private String clientIdentifier;
    @Metadata(label = "advanced", defaultValue = "Projectionist", description = "X-Plex-Product")
    private String product = PlexClient.DEFAULT_PRODUCT;
    @Metadata(defaultValue = "xml", enums = "xml,json", description = "Wire format to ask for: xml or json")
    private PlexFormat format = PlexFormat.xml;
    @Metadata(label = "advanced", defaultValue = "10000", description = "Connect timeout in milliseconds")
    private int connectTimeout = 10_000;
    @Metadata(label = "advanced", defaultValue = "30000", description = "Default request timeout in milliseconds")
    private int requestTimeout = 30_000;

    /** Registry name of a listener told of every request of this component's clients (the Plex request metric). */
    public static final String REQUEST_LISTENER = "plexRequestListener";

    private HttpClient httpClient;
    private PlexClient client;
    /** Told of every request of every client of this component (the Plex request metric). */
    private final List<HttpTransport.Listener> requestListeners = HttpTransport.listeners();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PlexOperation.of(remaining); // fail on a misspelt operation when the route is built, not on first message
        PlexConfiguration conf = new PlexConfiguration();
        conf.setOperation(remaining);
        conf.setBaseUrl(baseUrl);
        conf.setToken(token);
        conf.setTokenFile(tokenFile);
        conf.setClientIdentifier(clientIdentifier);
        conf.setProduct(product);
        conf.setFormat(format);
        conf.setRequestTimeout(requestTimeout);
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
            PlexConfiguration conf = new PlexConfiguration();
            conf.setBaseUrl(baseUrl);
            conf.setToken(token);
            conf.setTokenFile(tokenFile);
            conf.setClientIdentifier(clientIdentifier);
            conf.setProduct(product);
            conf.setFormat(format);
            conf.setRequestTimeout(requestTimeout);
            client = createClient(conf);
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

    public int getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(int requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
