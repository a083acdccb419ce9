package io.projectionist.support;

import io.projectionist.plex.PlexException;
import io.projectionist.tautulli.TautulliException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared back-off for calls outside a route. */
class UpstreamRetryTest {

    final List<Long> waits = new ArrayList<>();
    final UpstreamRetry retry = new UpstreamRetry(3, 100, 1_000, waits::add);

    static TautulliException rateLimited(Duration retryAfter) {
        return new TautulliException("get_history", 429, TautulliException.Kind.UNAVAILABLE, true, null, retryAfter,
                "HTTP 429", null);
    }

    @Test
    void waitsTheRetryAfterThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String r = retry.call("test", () -> {
            if (calls.incrementAndGet() == 1) {
                throw rateLimited(Duration.ofSeconds(3));
            }
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(waits).containsExactly(3_000L);
    }

    @Test
    void backsOffExponentiallyWithJitterAndGivesUpAfterTheRetries() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("test", () -> {
            calls.incrementAndGet();
            throw new PlexException("Plex failed (HTTP 503)", "sections", "GET", "/library/sections", 503,
                    PlexException.Kind.SERVER_ERROR, true, null, null);
        })).isInstanceOf(PlexException.class);
        assertThat(calls).hasValue(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(85L, 115L);
        assertThat(waits.get(1)).isBetween(170L, 230L);
        assertThat(waits.get(2)).isBetween(340L, 460L);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("test", () -> {
            calls.incrementAndGet();
            throw new TautulliException("arnold", 400, TautulliException.Kind.INVALID_API_KEY, false, "Invalid apikey",
                    null, "HTTP 400", null);
        })).isInstanceOf(TautulliException.class);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void statusClassesMatchTheRouteConfiguration() {
        assertThat(HttpTransport.Status.of(503).retryable()).isTrue();
        assertThat(HttpTransport.Status.of(429).retryable()).isTrue();
        assertThat(HttpTransport.Status.of(404).retryable()).isFalse();
        assertThat(HttpTransport.Status.of(401)).isEqualTo(HttpTransport.Status.UNAUTHORIZED);
        assertThat(HttpTransport.Status.of(204)).isEqualTo(HttpTransport.Status.SUCCESS);
    }
}
