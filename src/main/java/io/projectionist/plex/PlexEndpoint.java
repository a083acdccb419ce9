package io.projectionist.plex;

import java.util.Set;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Read from and manage a Plex Media Server: multi-get metadata by rating key, list sections and their items, read
 * on-deck, recently added, continue watching, play history and current sessions, manage collections and the
 * home-screen hubs of "Manage Recommendations", and terminate sessions. Read operations can also be polled
 * ({@code from: plex:sessions} emits one snapshot per poll, every 10 s unless {@code delay} says otherwise).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "plex", title = "Plex", syntax = "plex:operation",
             category = { Category.API }, headersClass = PlexConstants.class)
public class PlexEndpoint extends ScheduledPollEndpoint {

    /** Actions of collections/hubs that only read, so a consumer may poll them. */
    private static final Set<String> READ_ACTIONS = Set.of("list", "get", "items");

    @UriParam
    private final PlexConfiguration configuration;
    private final PlexOperation operation;
    private volatile PlexClient client;

    PlexEndpoint(String uri, PlexComponent component, PlexConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        this.operation = PlexOperation.of(configuration.getOperation());
        // Plex is a home server: poll gently unless told otherwise
        setDelay(10_000);
    }

    @Override
    public PlexComponent getComponent() {
        return (PlexComponent) super.getComponent();
    }

    public PlexConfiguration getConfiguration() {
        return configuration;
    }

    PlexOperation getOperation() {
        return operation;
    }

    /** The endpoint's client, built on first use from the configuration (and the token file, if any). */
    public PlexClient getClient() {
        PlexClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = getComponent().createClient(configuration);
                    client = c;
                }
            }
        }
        return c;
    }

    @Override
    public Producer createProducer() {
        return new PlexProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        String action = configuration.getAction() == null ? "list" : configuration.getAction();
        if (!operation.readOnly && !(operation != PlexOperation.TERMINATE && READ_ACTIONS.contains(action))) {
            throw new IllegalArgumentException("plex:" + operation.uriName + (operation == PlexOperation.TERMINATE
                    ? "" : "?action=" + action) + " changes the server and cannot be polled; use it in to:");
        }
        PlexConsumer consumer = new PlexConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getClient(); // a bad token file fails the route at start, with the file named
    }
}
