package io.projectionist.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;

import java.util.List;

/**
 * Cross-cutting error handling of the event routes, as route configurations:
 * <ul>
 *   <li>{@value #DELIVERY}: every destination route. Retries with exponential back-off and jitter on 5xx,
 *       timeouts and connection failures; waits exactly the {@code Retry-After} of a 429/503 ({@link RetryAfter});
 *       other 4xx answers are not retried; after the last attempt the original event goes to
 *       {@code direct:projectionist-dead-letter} (the dead-letter folder). Redelivery is synchronous, so a
 *       destination's events stay in order.</li>
 * </ul>
 * (Failed activity polls reach the event routes on {@code ActivityFeed.FAILURES}, not through an error handler.)
 */
public class DeliveryRouteConfigurations extends RouteConfigurationBuilder {

    public static final String DELIVERY = "projectionist-delivery";

    @Override
    public void configuration() {
        DeliveryRuntime rt = DeliveryRuntime.of(getCamelContext());
        var delivery = routeConfiguration(DELIVERY);
        delivery.errorHandler(retries(deadLetterChannel(DeliveryRoutes.DEAD_LETTER).useOriginalMessage(), rt));
        delivery.onException(HttpOperationFailedException.class).onWhen(DeliveryRouteConfigurations::permanent)
                .useOriginalMessage().maximumRedeliveries(0);
    }

    /** The retry policy shared by delivery and replay. */
    static <T extends DefaultErrorHandlerDefinition> T retries(T handler, DeliveryRuntime rt) {
        return retries(handler, rt, rt.config().maxRetries());
    }

    /** As {@link #retries(DefaultErrorHandlerDefinition, DeliveryRuntime)} with another number of retries. */
    public static <T extends DefaultErrorHandlerDefinition> T retries(T handler, DeliveryRuntime rt, int maxRetries) {
        DeliveryConfig c = rt.config();
        handler.maximumRedeliveries(maxRetries)
                .redeliveryDelay(c.retryDelayMillis())
                .useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(c.maxRetryDelayMillis())
                .useCollisionAvoidance()
                .logRetryAttempted(false).logExhausted(false).logStackTrace(false)
                .onExceptionOccurred(new RetryAfter(rt.clock(), c.maxRetryAfterMillis(), maxRetries));
        return handler;
    }

    /** A 4xx other than 408 (timeout), 425 (too early) and 429 (rate limit) will fail the same way again. */
    static boolean permanent(Exchange exchange) {
        Throwable t = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (t instanceof HttpOperationFailedException http) {
            int s = http.getStatusCode();
            return s >= 400 && s < 500 && !List.of(408, 425, 429).contains(s);
        }
        return false;
    }
}
