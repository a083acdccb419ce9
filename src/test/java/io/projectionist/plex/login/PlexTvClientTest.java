package io.projectionist.plex.login;

import io.projectionist.sim.SimClock;
import io.projectionist.sim.plextv.PlexTvServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlexTvClientTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private PlexTvServer sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void authUrlPutsTheParametersInTheFragment() {
        assertThat(PlexTvClient.authUrl("projectionist-abc", "k9x2", "Projectionist"))
                .isEqualTo("https://app.plex.tv/auth#?clientID=projectionist-abc&code=k9x2"
                        + "&context%5Bdevice%5D%5Bproduct%5D=Projectionist");
        assertThat(PlexTvClient.authUrl("a b&c", "x", "My App")).isEqualTo(
                "https://app.plex.tv/auth#?clientID=a%20b%26c&code=x&context%5Bdevice%5D%5Bproduct%5D=My%20App");
    }

    @Test
    void createsAndChecksPinsAgainstTheSimulator() throws Exception {
        SimClock clock = SimClock.fixed(T0);
        sim = PlexTvServer.builder().clock(clock).authorizeAfter(Duration.ofSeconds(4))
                .minPollInterval(Duration.ofSeconds(1)).retryAfter(PlexTvServer.RetryAfterStyle.HTTP_DATE)
                .token("tok-1").start("127.0.0.1", 0);
        PlexTvClient client = PlexTvClient.builder().baseUrl(sim.url() + "/").clientIdentifier("cid-1").clock(clock).build();

        Pin pin = client.createPin();
        assertThat(pin.id()).isPositive();
        assertThat(pin.code()).hasSize(25);
        assertThat(pin.clientIdentifier()).isEqualTo("cid-1");
        assertThat(pin.createdAt()).isEqualTo(T0);
        assertThat(pin.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(pin.isAuthorized()).isFalse();
        assertThat(sim.pinView(pin.id()).orElseThrow().strong()).isTrue();
        assertThat(sim.pinView(pin.id()).orElseThrow().product()).isEqualTo("Projectionist");

        assertThat(client.checkPin(pin.id()).isAuthorized()).isFalse();
        assertThatThrownBy(() -> client.checkPin(pin.id())).isInstanceOfSatisfying(PlexTvException.class, e -> {
            assertThat(e.getKind()).isEqualTo(PlexTvException.Kind.RATE_LIMITED);
            assertThat(e.getStatusCode()).isEqualTo(429);
            assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(2)); // HTTP date: 1 s rounded up, +1 s
            assertThat(e.isRetryable()).isTrue();
        });
        clock.advance(Duration.ofSeconds(5));
        Pin done = client.checkPin(pin.id());
        assertThat(done.authToken()).isEqualTo("tok-1");
        assertThat(done.toString()).doesNotContain("tok-1");

        assertThat(client.checkToken("tok-1")).isEqualTo(PlexTvClient.TokenStatus.VALID);
        assertThat(client.checkToken("nope")).isEqualTo(PlexTvClient.TokenStatus.INVALID);

        sim.expire(pin.id());
        assertThatThrownBy(() -> client.checkPin(pin.id())).isInstanceOfSatisfying(PlexTvException.class,
                e -> assertThat(e.getKind()).isEqualTo(PlexTvException.Kind.NOT_FOUND));
    }

    @Test
    void connectionFailuresAreRetryableAndTokenStatusUnknown() throws Exception {
        sim = PlexTvServer.builder().start("127.0.0.1", 0);
        String url = sim.url();
        sim.close();
        sim = null;
        PlexTvClient client = PlexTvClient.builder().baseUrl(url).clientIdentifier("cid").build();
        assertThatThrownBy(client::createPin).isInstanceOfSatisfying(PlexTvException.class, e -> {
            assertThat(e.getKind()).isEqualTo(PlexTvException.Kind.CONNECTION);
            assertThat(e.isRetryable()).isTrue();
        });
        assertThat(client.checkToken("x")).isEqualTo(PlexTvClient.TokenStatus.UNKNOWN);
    }
}
