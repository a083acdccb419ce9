package io.projectionist.ops;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Feeds {@link OpsMetrics} from Camel's exchange events, so no route needs to know about metrics (the stream gauges
 * subscribe to the activity feed instead, {@link OpsMetrics#activitySubscriber()}, and Plex requests are counted by
 * the plex component's clients, see OpsConfiguration): every exchange that a
 * {@code delivery-<destination>} route finishes counts as a delivery (delivered, dead_letter or failed); a
 * completed {@code history-ingest} poll sets the history poll time.
 */
public class OpsEventNotifier extends EventNotifierSupport {

    private final OpsMetrics metrics;

    public OpsEventNotifier(OpsMetrics metrics) {
        this.metrics = metrics;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            String route = exchange.getFromRouteId();
            if (route == null) {
                return;
            }
            if (route.startsWith("delivery-")) {
                String outcome = exchange.isFailed() ? "failed"
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null ? "dead_letter" : "delivered";
                metrics.delivery(route.substring("delivery-".length()), outcome);
            } else if (route.equals("history-ingest") && !exchange.isFailed()) {
                metrics.polled("history");
            }
        }
    }
}
