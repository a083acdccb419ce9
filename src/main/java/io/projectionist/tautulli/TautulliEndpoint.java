package io.projectionist.tautulli;

import io.projectionist.support.UpstreamRetry;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.ScheduledPollEndpoint;


/**
 * Call or poll one Tautulli API v2 command, e.g. {@code tautulli:get_home_stats?timeRange=7} as a producer or
 * {@code tautulli:activity} as a consumer (one snapshot per poll). Typed results for the commands Projectionist
 * uses, a JSON tree for the others.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "tautulli", title = "Tautulli", syntax = "tautulli:command",
             category = {Category.API, Category.MONITORING}, headersClass = TautulliConstants.class)
public class TautulliEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "The API v2 command (get_history, get_home_stats, …) or a short name: activity, history,"
            + " home_stats, libraries, users, metadata, terminate")
    @Metadata(required = true)
    private final String command;

    @UriParam
    private final TautulliConfiguration configuration;

    @UriParam(label = "consumer", description = "tautulli:history: where the read position is kept (a bean"
            + " reference such as #historyWatermark); in memory when not set")
    private HistoryWatermark watermark;

    @UriParam(label = "consumer", defaultValue = "-1", description = "How many times a poll retries a transient"
            + " failure before it gives up until the next poll; -1 takes projectionist.upstream.retries; keep a"
            + " frequent poll's retries within its interval")
    private int pollRetries = -1;

    private volatile TautulliClient client;
    private volatile UpstreamRetry retry;

    public TautulliEndpoint(String uri, TautulliComponent component, String command,
                            TautulliConfiguration configuration) {
        super(uri, component);
        this.command = TautulliCommands.resolve(command);
        this.configuration = configuration;
    }

    @Override
    public TautulliComponent getComponent() {
        return (TautulliComponent) super.getComponent();
    }

    /** Polls every 10 s unless told otherwise: Tautulli's own activity cache refreshes no faster. */
    @Override
    public long getDefaultDelay() {
        return 10_000;
    }

    @Override
    public Producer createProducer() {
        return new TautulliProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ScheduledPollConsumer consumer = "get_history".equals(command)
                ? new TautulliHistoryConsumer(this, processor) : new TautulliConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = createClient();
    }

    private TautulliClient createClient() {
        return getComponent().createClient(configuration, command);
    }

    public String getCommand() {
        return command;
    }

    public HistoryWatermark getWatermark() {
        if (watermark == null) {
            watermark = HistoryWatermark.inMemory();
        }
        return watermark;
    }

    public void setWatermark(HistoryWatermark watermark) {
        this.watermark = watermark;
    }

    public int getPollRetries() {
        return pollRetries;
    }

    public void setPollRetries(int pollRetries) {
        this.pollRetries = pollRetries;
    }

    public TautulliConfiguration getConfiguration() {
        return configuration;
    }

    /** The back-off a consumer retries a failed poll's call with ({@code projectionist.upstream.*}). */
    public UpstreamRetry getRetry() {
        UpstreamRetry r = retry;
        if (r == null) {
            r = UpstreamRetry.from(getCamelContext().getPropertiesComponent()::resolveProperty);
            if (pollRetries >= 0) {
                r = r.withRetries(pollRetries);
            }
            retry = r;
        }
        return r;
    }

    public TautulliClient getClient() {
        TautulliClient c = client;
        if (c == null) {
            c = createClient();
            client = c;
        }
        return c;
    }
}
