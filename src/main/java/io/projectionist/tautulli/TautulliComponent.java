package io.projectionist.tautulli;

import io.projectionist.support.HttpTransport;
import io.projectionist.support.SecretFiles;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.PropertiesHelper;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code tautulli:} component: calls and polls Tautulli's API v2. Connection settings are set once here
 * ({@code camel.component.tautulli.base-url}, {@code api-key} / {@code api-key-file}) and can be overridden per
 * endpoint. One HTTP client is shared by all endpoints.
 */
@Component("tautulli")
public class TautulliComponent extends DefaultComponent {

    /** The endpoints' defaults: each endpoint starts from a copy, then its URI options apply. */
    @Metadata(description = "The endpoints' defaults (baseUrl, apiKey, apiKeyFile, requestTimeout, httpMethod)")
    private final TautulliConfiguration configuration = new TautulliConfiguration();
    @Metadata(label = "advanced", defaultValue = "10000", description = "Connect timeout in milliseconds")
    private long connectTimeout = 10_000;

    private volatile HttpClient httpClient;
    private volatile TautulliClient client;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TautulliConfiguration endpointConfiguration = configuration.copy();
        Map<String, Object> extra = PropertiesHelper.extractProperties(parameters, "param.");
        endpointConfiguration.getParams().putAll(extra);
        // API options bind to the configuration; scheduler and consumer options stay for the endpoint
        setProperties(endpointConfiguration, parameters);
        return new TautulliEndpoint(uri, this, remaining, endpointConfiguration);
    }

    /**
     * The component's own client, built once from its options: what reports, curation and the readiness probe use,
     * so they share the connection pool and the endpoints' validation.
     *
     * @throws IllegalArgumentException when the URL or the key is missing or malformed (the message names the setting)
     */
    public TautulliClient client() {
        TautulliClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = createClient(configuration.copy(), "Tautulli calls");
                }
                c = client;
            }
        }
        return c;
    }

    /** A client for a configuration, validated; {@code use} says what needs it in the messages. */
    TautulliClient createClient(TautulliConfiguration configuration, String use) {
        String url = configuration.getBaseUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("tautulli.url (TAUTULLI_URL) is not set: Tautulli's base URL is needed"
                    + " for " + use);
        }
        try {
            URI u = URI.create(url.strip());
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tautulli.url (TAUTULLI_URL) '" + url + "' is not a valid"
                    + " http(s) URL", e);
        }
        String key = configuration.getApiKey();
        if (key == null || key.isBlank()) {
            String file = configuration.getApiKeyFile();
            if (file == null || file.isBlank()) {
                throw new IllegalArgumentException("tautulli.api-key (TAUTULLI_API_KEY) is not set, nor"
                        + " tautulli.api-key-file");
            }
            key = SecretFiles.read(Path.of(file), "tautulli.api-key-file");
        }
        boolean get = "GET".equals(configuration.getHttpMethod().toUpperCase(Locale.ROOT));
        return new TautulliClient(httpClient(), url, key.strip(), Duration.ofMillis(configuration.getRequestTimeout()),
                get);
    }

    HttpClient httpClient() {
        HttpClient client = httpClient;
        if (client == null) {
            synchronized (this) {
                if (httpClient == null) {
                    httpClient = HttpTransport.httpClient(Duration.ofMillis(connectTimeout));
                }
                client = httpClient;
            }
        }
        return client;
    }

    // camel.component.tautulli.* bind through these; the values live in the configuration the endpoints copy
    public String getBaseUrl() { return configuration.getBaseUrl(); }
    public void setBaseUrl(String baseUrl) { configuration.setBaseUrl(baseUrl); }
    public String getApiKey() { return configuration.getApiKey(); }
    public void setApiKey(String apiKey) { configuration.setApiKey(apiKey); }
    public String getApiKeyFile() { return configuration.getApiKeyFile(); }
    public void setApiKeyFile(String apiKeyFile) { configuration.setApiKeyFile(apiKeyFile); }
    public long getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(long connectTimeout) { this.connectTimeout = connectTimeout; }
    public long getRequestTimeout() { return configuration.getRequestTimeout(); }
    public void setRequestTimeout(long requestTimeout) { configuration.setRequestTimeout(requestTimeout); }
    public String getHttpMethod() { return configuration.getHttpMethod(); }
    public void setHttpMethod(String httpMethod) { configuration.setHttpMethod(httpMethod); }
}
