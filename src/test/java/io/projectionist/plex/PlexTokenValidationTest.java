package io.projectionist.plex;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token pasted with a line break is refused with a message that does not repeat it. */
class PlexTokenValidationTest {

    @Test
    void tokenWithALineBreakIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> PlexClient.builder().baseUrl("http://127.0.0.1:32400").token("s3cr3tPart1\ns3cr3tPart2")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PLEX_TOKEN")
                .hasMessageNotContaining("s3cr3t");
    }
}
