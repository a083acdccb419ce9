package io.projectionist.plex;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * Polls a read operation and emits one exchange per poll holding the whole result (for {@code sessions}: the
 * current snapshot, empty when nothing plays, so downstream can see sessions end). A failed call is thrown from
 * {@link #poll()}, so the scheduler's backoff options apply.
 */
public class PlexConsumer extends ScheduledPollConsumer {

    public PlexConsumer(PlexEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public PlexEndpoint getEndpoint() {
        return (PlexEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        Exchange exchange = createExchange(false);
        try {
            PlexDispatcher.execute(getEndpoint(), exchange.getMessage());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing plex: poll", exchange, exchange.getException());
            }
            return 1;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
