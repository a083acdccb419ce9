package io.projectionist.ops;

import io.projectionist.plex.PlexException;
import io.projectionist.support.RetryAfterDelay;
import io.projectionist.tautulli.TautulliException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Shared error handling for routes that call Tautulli, Plex or webhooks ({@code routeConfigurationId:
 * upstream-retries}): failures the upstream marks as retryable (5xx, 429, timeouts, refused connections) are
 * redelivered with exponential back-off and jitter, waiting exactly the server's {@code Retry-After} when it sends
 * one; client errors (a bad key, 404) fail at once.
 */
public class UpstreamErrorHandling extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("upstream-retries")
                .onException(PlexException.class, TautulliException.class)
                    .onWhen(simple("${exception.retryable}"))
                    .maximumRedeliveries("{{projectionist.upstream.retries}}")
                    .redeliveryDelay("{{projectionist.upstream.retry-delay}}")
                    .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                    .maximumRedeliveryDelay("{{projectionist.upstream.max-retry-delay}}")
                    .onExceptionOccurred(new RetryAfterDelay())
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end()
                .onException(HttpOperationFailedException.class)
                    .onWhen(simple("${exception.statusCode} == 429 || ${exception.statusCode} >= 500"))
                    .maximumRedeliveries("{{projectionist.upstream.retries}}")
                    .redeliveryDelay("{{projectionist.upstream.retry-delay}}")
                    .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                    .maximumRedeliveryDelay("{{projectionist.upstream.max-retry-delay}}")
                    .onExceptionOccurred(new RetryAfterDelay())
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end()
                .onException(java.io.IOException.class)
                    .maximumRedeliveries("{{projectionist.upstream.retries}}")
                    .redeliveryDelay("{{projectionist.upstream.retry-delay}}")
                    .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                    .maximumRedeliveryDelay("{{projectionist.upstream.max-retry-delay}}")
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end();
    }
}
