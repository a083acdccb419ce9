package io.projectionist.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.activity.ActivityEvent;
import io.projectionist.ops.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadsAndConfigTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Map<String, Object> event() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event", "playback.started");
        p.put("event_id", "1:abc:42|playback.started");
        p.put("user", "bob");
        p.put("friendly_name", "Bob");
        p.put("title", "The \"Quoted\" Title\\ with {braces}\nand a newline");
        p.put("full_title", "The \"Quoted\" Title");
        p.put("media_type", "movie");
        p.put("year", 2019);
        p.put("player", "Roku Ultra");
        p.put("transcode_decision", "transcode");
        p.put("video_resolution", "4k");
        p.put("stream_video_resolution", "1080");
        p.put("progress_percent", 12);
        p.put("session_key", "1");
        p.put("library_name", "Movies");
        return p;
    }

    @Test
    void templateIsRenderedSafely() throws Exception {
        PayloadTemplate t = PayloadTemplate.parse("""
                {"content": "{user} started {title}", "n": 1, "ok": true, "nested": {"{media_type}": ["{year}", 2]},
                 "literal": "{{not a parameter}}", "missing": "[{rating_key}]"}""",
                ActivityEvent.PARAMETER_NAMES, "projectionist.webhooks.x.template");
        JsonNode out = JSON.readTree(t.render(event()));
        assertThat(out.path("content").asText()).isEqualTo("bob started " + event().get("title"));
        assertThat(out.path("n").isInt()).isTrue();
        assertThat(out.path("ok").asBoolean()).isTrue();
        assertThat(out.path("nested").path("movie").get(0).asText()).isEqualTo("2019");
        assertThat(out.path("literal").asText()).isEqualTo("{not a parameter}");
        assertThat(out.path("missing").asText()).isEqualTo("[]");
    }

    @Test
    void badTemplatesNameTheSetting() {
        assertThatThrownBy(() -> PayloadTemplate.parse("{\"a\": \"{user}\"", ActivityEvent.PARAMETER_NAMES,
                "projectionist.webhooks.x.template")).hasMessageStartingWith("projectionist.webhooks.x.template is not valid JSON");
        assertThatThrownBy(() -> PayloadTemplate.parse("{\"a\": \"{usr}\"}", ActivityEvent.PARAMETER_NAMES,
                "projectionist.webhooks.x.template")).hasMessageContaining("unknown parameter(s) {usr}");
    }

    @Test
    void discordAndSlackBodies() throws Exception {
        JsonNode discord = JSON.readTree(Payloads.discord(event()));
        JsonNode embed = discord.path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("Bob started The \"Quoted\" Title (2019) on Roku Ultra");
        assertThat(embed.path("fields").toString()).contains("Transcode 4k → 1080", "12%", "Roku Ultra");
        JsonNode slack = JSON.readTree(Payloads.slack(event()));
        assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("section");
        assertThat(slack.path("text").asText()).startsWith("Bob started");
    }

    @Test
    void signatureIsHmacSha256OfTheBody() {
        // RFC 4231 test case 2
        assertThat(Payloads.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void destinationsAreReadWithTheirFilters() throws Exception {
        Path secret = dir.resolve("hook.secret");
        Files.writeString(secret, "s3cret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> p = Map.of(
                "projectionist.webhooks", "hook, disc",
                "projectionist.webhooks.hook.url", "https://example.org/in?token=abc",
                "projectionist.webhooks.hook.users", "Bob",
                "projectionist.webhooks.hook.events", "playback.*",
                "projectionist.webhooks.hook.secret-file", secret.toString(),
                "projectionist.webhooks.disc.type", "discord",
                "projectionist.webhooks.disc.url", "https://discord.com/api/webhooks/1/tok",
                "projectionist.load.streams.high", "3");
        DeliveryConfig c = DeliveryConfig.load(k -> Optional.ofNullable(p.get(k)), p.keySet());
        Destination hook = c.destination("hook").orElseThrow();
        assertThat(hook.secret()).isEqualTo("s3cret");
        assertThat(hook.toString()).doesNotContain("s3cret", "token");
        assertThat(hook.accepts(event())).isTrue();
        Map<String, Object> alice = new LinkedHashMap<>(event());
        alice.put("user", "alice");
        alice.put("friendly_name", "Alice");
        assertThat(hook.accepts(alice)).isFalse();
        assertThat(hook.accepts(Map.of("event", "load.high"))).as("user filter: no server events").isFalse();
        Destination disc = c.destination("disc").orElseThrow();
        assertThat(disc.throttle()).isEqualTo(5);
        assertThat(disc.throttlePeriodMillis()).isEqualTo(2000);
        assertThat(disc.accepts(Map.of("event", "load.high"))).isTrue();
        assertThat(c.thresholds()).singleElement().satisfies(t -> assertThat(t.normal()).isEqualTo(2));
    }

    @Test
    void mistakesStopStartUpNamingEverySetting() throws Exception {
        Path open = dir.resolve("open.secret");
        Files.writeString(open, "x");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> p = Map.of(
                "projectionist.webhooks", "a,b,Bad_Name",
                "projectionist.webhooks.a.type", "teams",
                "projectionist.webhooks.b.events", "playback.strated",
                "projectionist.webhooks.b.secret-file", open.toString(),
                "projectionist.webhooks.b.throttel", "5",
                "projectionist.webhooks.c.url", "http://x",
                "projectionist.events.watched-percent", "185",
                "projectionist.load.streams.high", "3",
                "projectionist.load.streams.normal", "3");
        assertThatThrownBy(() -> DeliveryConfig.load(k -> Optional.ofNullable(p.get(k)), p.keySet()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("projectionist.webhooks.a.type (PROJECTIONIST_WEBHOOKS_A_TYPE) must be webhook, discord,"
                        + " slack or file, not 'teams'")
                .hasMessageContaining("projectionist.webhooks.b.url (PROJECTIONIST_WEBHOOKS_B_URL) is not set")
                .hasMessageContaining("'playback.strated' is not an event")
                .hasMessageContaining("it must be readable by its owner only")
                .hasMessageContaining("projectionist.webhooks.b.throttel (PROJECTIONIST_WEBHOOKS_B_THROTTEL) is not a destination setting")
                .hasMessageContaining("projectionist.webhooks.c.url (PROJECTIONIST_WEBHOOKS_C_URL) is set but 'c' is not listed")
                .hasMessageContaining("'Bad_Name' must be lower-case")
                .hasMessageContaining("projectionist.events.watched-percent (PROJECTIONIST_EVENTS_WATCHED_PERCENT) must be between 1 and 100")
                .hasMessageContaining("projectionist.load.streams.normal (PROJECTIONIST_LOAD_STREAMS_NORMAL) must be below")
                .message().doesNotContain("x\n");
        assertThat(Set.of()).isEmpty();
    }
}
