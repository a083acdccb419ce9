package io.projectionist.support;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The one Retry-After reader of Tautulli, Plex, plex.tv and the webhooks (their tests moved here). */
class RetryAfterDelayTest {

    /** Was PayloadsAndConfigTest.retryAfterInSecondsOrHttpDate (delivery's own parser). */
    @Test
    void retryAfterInSecondsOrHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:27:58Z"), ZoneOffset.UTC);
        assertThat(RetryAfterDelay.parse("3", clock)).isEqualTo(Duration.ofMillis(3000L));
        assertThat(RetryAfterDelay.parse("0.25", clock)).isEqualTo(Duration.ofMillis(250L));
        assertThat(RetryAfterDelay.parse("Wed, 21 Oct 2015 07:28:00 GMT", clock)).isEqualTo(Duration.ofMillis(2000L));
        assertThat(RetryAfterDelay.parse("soon", clock)).isNull();
    }

    /** Was PlexTvClientTest.retryAfterReadsSecondsAndHttpDates. */
    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfterDelay.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfterDelay.parse(" 0 ", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfterDelay.parse("Sat, 01 Mar 2025 12:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfterDelay.parse("Sat, 01 Mar 2025 11:59:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfterDelay.parse("soon", clock)).isNull();
        assertThat(RetryAfterDelay.parse(null, clock)).isNull();
    }

    /** Was TautulliClientErrorTest.retryAfterAsHttpDate. */
    @Test
    void retryAfterAsHttpDate() {
        String in5 = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5));
        Duration d = RetryAfterDelay.parse(in5);
        assertThat(d).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6));
        assertThat(RetryAfterDelay.parse("soon")).isNull();
        assertThat(RetryAfterDelay.parse("12")).isEqualTo(Duration.ofSeconds(12));
    }
}
