package io.projectionist.tautulli;

import org.apache.camel.Exchange;
import org.apache.camel.support.ScheduledPollConsumer;

import java.util.Map;
import org.apache.camel.Processor;

/**
 * Polls one command and emits its result as one exchange per poll; for {@code tautulli:activity} that is one
 * {@link io.projectionist.tautulli.model.Activity} snapshot, which the activity capability diffs into events.
 * A failed poll throws, so Camel's poll strategy logs it and applies {@code backoffErrorThreshold}, or, with
 * {@code bridgeErrorHandler=true}, the route's error handler receives it.
 */
public class TautulliConsumer extends ScheduledPollConsumer {

    public TautulliConsumer(TautulliEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public TautulliEndpoint getEndpoint() {
        return (TautulliEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        TautulliEndpoint endpoint = getEndpoint();
        Map<String, String> params = endpoint.getConfiguration().apiParameters();
        long polledAt = System.currentTimeMillis();
        // a transient failure is retried within this poll (shared back-off, Retry-After honoured), not a poll later
        TautulliClient.Response rsp = endpoint.getRetry().call("tautulli:" + endpoint.getCommand() + " poll",
                () -> endpoint.getClient().call(endpoint.getCommand(), params));
        if (!isRunAllowed()) {
            return 0; // stopped while the call was in flight: do not hand a snapshot to a stopping route
        }
        Exchange exchange = createExchange(true);
        try {
            exchange.getMessage().setHeader(TautulliConstants.RESULT_COMMAND, endpoint.getCommand());
            exchange.getMessage().setHeader(TautulliConstants.MESSAGE, rsp.message());
            exchange.getMessage().setHeader(TautulliConstants.POLLED_AT, polledAt);
            exchange.getMessage().setBody(endpoint.getClient().decode(rsp, params));
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing " + endpoint.getCommand() + " snapshot",
                        exchange, exchange.getException());
            }
        } finally {
            releaseExchange(exchange, true);
        }
        return 1;
    }
}
