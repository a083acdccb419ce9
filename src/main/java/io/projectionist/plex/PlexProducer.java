package io.projectionist.plex;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Runs the endpoint's operation for each message (see {@link PlexDispatcher} for inputs and outputs). */
public class PlexProducer extends DefaultProducer {

    public PlexProducer(PlexEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public PlexEndpoint getEndpoint() {
        return (PlexEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        PlexDispatcher.execute(getEndpoint(), exchange.getMessage());
    }
}
