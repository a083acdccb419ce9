package io.projectionist.ops;

import io.projectionist.plex.PlexException;
import io.projectionist.support.RetryAfterDelay;
import io.projectionist.support.UpstreamRetry;
import io.projectionist.tautulli.TautulliException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.io.IOException;

/**
 * Shared error handling for routes that call Tautulli, Plex or webhooks ({@code routeConfigurationId:
 * upstream-retries}): failures {@link UpstreamRetry#retryable} calls transient (5xx, 429, timeouts, refused
 * connections) are redelivered with exponential back-off and jitter, waiting exactly the server's
 * {@code Retry-After} when it sends one; client errors (a bad key, 404) fail at once. Calls made outside a route
 * use {@link UpstreamRetry} with the same settings.
 */
public class UpstreamErrorHandling extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        // one redelivery block for the three kinds of upstream failure
        routeConfiguration("upstream-retries")
                .onException(PlexException.class, TautulliException.class, HttpOperationFailedException.class,
                        IOException.class)
                    .onWhen(exchange -> UpstreamRetry.retryable(failure(exchange)))
                    .maximumRedeliveries("{{" + UpstreamRetry.RETRIES + "}}")
                    .redeliveryDelay("{{" + UpstreamRetry.DELAY + "}}")
                    .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                    .maximumRedeliveryDelay("{{" + UpstreamRetry.MAX_DELAY + "}}")
                    .onExceptionOccurred(new RetryAfterDelay(UpstreamRetry.MAX_RETRY_AFTER_MILLIS))
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end();
    }

    private static Throwable failure(Exchange exchange) {
        Throwable t = exchange.getException();
        return t != null ? t : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
