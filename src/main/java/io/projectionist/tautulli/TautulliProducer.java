package io.projectionist.tautulli;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import java.util.Map;

/**
 * Calls the endpoint's command (or the one in {@link TautulliConstants#COMMAND}) with the endpoint's parameters,
 * overridden by {@link TautulliConstants#PARAMS} and {@code CamelTautulliParam.*} headers; the body becomes the
 * typed result.
 */
public class TautulliProducer extends DefaultProducer {

    public TautulliProducer(TautulliEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public TautulliEndpoint getEndpoint() {
        return (TautulliEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String header = in.getHeader(TautulliConstants.COMMAND, String.class);
        String command = header != null && !header.isBlank() ? TautulliCommands.resolve(header)
                : getEndpoint().getCommand();
        Map<String, String> params = getEndpoint().getConfiguration().apiParameters();
        Map<?, ?> fromHeader = in.getHeader(TautulliConstants.PARAMS, Map.class);
        if (fromHeader != null) {
            fromHeader.forEach((k, v) -> put(params, String.valueOf(k), v));
        }
        in.getHeaders().forEach((name, value) -> {
            if (name.startsWith(TautulliConstants.PARAM_PREFIX)) {
                put(params, name.substring(TautulliConstants.PARAM_PREFIX.length()), value);
            }
        });
        TautulliClient.Response rsp = getEndpoint().getClient().call(command, params);
        in.removeHeader(TautulliConstants.COMMAND); // used up: it must not redirect the next tautulli: call
        in.setHeader(TautulliConstants.RESULT_COMMAND, command);
        in.setHeader(TautulliConstants.MESSAGE, rsp.message());
        in.setBody(getEndpoint().getClient().decode(rsp, params));
    }

    private static void put(Map<String, String> params, String name, Object value) {
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, String.valueOf(value));
        }
    }
}
