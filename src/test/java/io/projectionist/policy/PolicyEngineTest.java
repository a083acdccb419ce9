package io.projectionist.policy;

import io.projectionist.ops.ConfigurationException;
import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.ActivitySession;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.time.ZoneId;

/** The rules on hand-made snapshots: what matches, once per session, stream limits, paused time; config errors. */
class PolicyEngineTest {

    static ActivitySession session(String key, long userId, String user, String state, String decision,
                                   String resolution, String location, long streamBitrate, String mediaType) {
        return new ActivitySession(key, "sid-" + key, state, null, userId, user, user, user, null, null, "Player "
                + key, null, null, null, null, null, "10.0.0." + key, null, location, null, null, null,
                streamBitrate, null, "r" + key, null, null, null, mediaType, "Title " + key, null, null, "Title " +
                key, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, decision, decision, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, resolution, null, null,
                null, null, null, streamBitrate, null, null, null, null, null, null);
    }

    static Activity activity(ActivitySession... sessions) {
        return new Activity(sessions.length, List.of(sessions), 0, 0, 0, 0L, 0L, 0L);
    }

    static PolicyConfig config(Map<String, String> settings) {
        return PolicyConfig.load(k -> Optional.ofNullable(settings.get(k)), settings.keySet());
    }

    static final ActivitySession MOVIE_4K_WAN = session("1", 1, "bob", "playing", "transcode", "4k", "wan", 7842,
            "movie");
    static final ActivitySession EPISODE_LAN = session("2", 2, "erin", "playing", "direct play", "1080", "lan", 9000,
            "episode");

    @Test
    void fourKTranscodeRuleEndsOnlyTheTranscodeAndOnlyOnce() {
        PolicyConfig c = config(Map.of("projectionist.policy.mode", "enforce",
                "projectionist.policy.rules", "no-4k",
                "projectionist.policy.rules.no-4k.transcode", "true",
                "projectionist.policy.rules.no-4k.source-resolution", "4K",
                "projectionist.policy.rules.no-4k.message", "No 4K transcodes, {user} ({title} on {player})."));
        assertThat(c.mode()).isEqualTo(PolicyConfig.Mode.ENFORCE);
        assertThat(c.rules().get(0).via()).isEqualTo(PolicyConfig.Via.TAUTULLI);
        PolicyEngine engine = new PolicyEngine(c.rules(), Clock.systemUTC());
        List<PolicyEngine.Violation> v = engine.evaluate(activity(MOVIE_4K_WAN, EPISODE_LAN));
        assertThat(v).hasSize(1);
        assertThat(v.get(0).session().sessionKey()).isEqualTo("1");
        assertThat(v.get(0).message()).isEqualTo("No 4K transcodes, bob (Title 1 on Player 1).");
        assertThat(v.get(0).reason()).contains("transcoding").contains("4k source");
        // the next snapshots: the same session is not acted on again
        assertThat(engine.evaluate(activity(MOVIE_4K_WAN, EPISODE_LAN))).isEmpty();
        // a failed termination that may be retried is released
        engine.release(MOVIE_4K_WAN);
        assertThat(engine.evaluate(activity(MOVIE_4K_WAN))).hasSize(1);
    }

    @Test
    void streamLimitEndsTheNewestBeyondIt() {
        PolicyConfig c = config(Map.of("projectionist.policy.mode", "dry-run",
                "projectionist.policy.rules", "two",
                "projectionist.policy.rules.two.max-streams-per-user", "2",
                "projectionist.policy.rules.two.message", "{streams} streams; the limit is {limit}."));
        PolicyEngine engine = new PolicyEngine(c.rules(), Clock.systemUTC());
        ActivitySession a = session("7", 5, "carol", "playing", "direct play", "1080", "lan", 5000, "movie");
        ActivitySession b = session("12", 5, "carol", "playing", "direct play", "1080", "lan", 5000, "episode");
        ActivitySession d = session("9", 5, "carol", "paused", "direct play", "1080", "lan", 5000, "episode");
        List<PolicyEngine.Violation> v = engine.evaluate(activity(b, a, d, EPISODE_LAN));
        assertThat(v).extracting(x -> x.session().sessionKey()).containsExactly("12");
        assertThat(v.get(0).message()).isEqualTo("3 streams; the limit is 2.");
    }

    @Test
    void wanBitrateAndPausedTime() {
        AtomicLong now = new AtomicLong(1_000_000);
        Clock clock = new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        Map<String, String> s = new HashMap<>(Map.of("projectionist.policy.mode", "enforce",
                "projectionist.policy.rules", "wan-cap,idle",
                "projectionist.policy.rules.wan-cap.location", "wan",
                "projectionist.policy.rules.wan-cap.bitrate-above-kbps", "8000",
                "projectionist.policy.rules.wan-cap.message", "Too much for the uplink.",
                "projectionist.policy.rules.idle.paused-minutes", "30",
                "projectionist.policy.rules.idle.via", "plex",
                "projectionist.policy.rules.idle.message", "Paused over {paused_minutes} min."));
        PolicyEngine engine = new PolicyEngine(config(s).rules(), clock);
        ActivitySession wanLow = session("3", 3, "dan", "playing", "transcode", "1080", "wan", 7842, "movie");
        ActivitySession wanHigh = session("4", 4, "fay", "playing", "direct play", "1080", "wan", 20000, "movie");
        ActivitySession paused = session("5", 6, "gus", "paused", "direct play", "1080", "lan", 3000, "episode");
        assertThat(engine.evaluate(activity(wanLow, wanHigh, paused))).extracting(x -> x.rule().name() + ":"
                + x.session().sessionKey()).containsExactly("wan-cap:4");
        now.addAndGet(29 * 60_000L);
        assertThat(engine.evaluate(activity(wanLow, paused))).isEmpty();
        now.addAndGet(60_000L);
        List<PolicyEngine.Violation> v = engine.evaluate(activity(wanLow, paused));
        assertThat(v).extracting(x -> x.rule().name() + ":" + x.session().sessionKey()).containsExactly("idle:5");
        assertThat(v.get(0).rule().via()).isEqualTo(PolicyConfig.Via.PLEX);
        assertThat(v.get(0).message()).isEqualTo("Paused over 30 min.");
        // resumed and paused again: the clock starts over
        ActivitySession resumed = session("6", 7, "hal", "paused", "direct play", "1080", "lan", 3000, "episode");
        engine.evaluate(activity(resumed));
        now.addAndGet(31 * 60_000L);
        engine.evaluate(activity(session("6", 7, "hal", "playing", "direct play", "1080", "lan", 3000, "episode")));
        assertThat(engine.evaluate(activity(resumed))).isEmpty();
    }

    @Test
    void offByDefaultAndExceptUsers() {
        assertThat(config(Map.of()).active()).isFalse();
        assertThat(config(Map.of()).mode()).isEqualTo(PolicyConfig.Mode.OFF);
        PolicyConfig c = config(Map.of("projectionist.policy.mode", "enforce", "projectionist.policy.rules", "x",
                "projectionist.policy.rules.x.transcode", "true", "projectionist.policy.rules.x.except-users", "Bob",
                "projectionist.policy.rules.x.message", "m"));
        assertThat(new PolicyEngine(c.rules(), Clock.systemUTC()).evaluate(activity(MOVIE_4K_WAN))).isEmpty();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> config(Map.of("projectionist.policy.mode", "on")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("projectionist.policy.mode (PROJECTIONIST_POLICY_MODE) must be off, dry-run or"
                        + " enforce, not 'on'");
        assertThatThrownBy(() -> config(Map.of("projectionist.policy.rules", "all",
                "projectionist.policy.rules.all.message", "bye")))
                .hasMessageContaining("projectionist.policy.rules.all (PROJECTIONIST_POLICY_RULES_ALL) has no condition");
        assertThatThrownBy(() -> config(Map.of("projectionist.policy.rules", "r",
                "projectionist.policy.rules.r.transcode", "yes",
                "projectionist.policy.rules.r.bitrate-above", "100",
                "projectionist.policy.rules.q.message", "x")))
                .hasMessageContaining("projectionist.policy.rules.r.transcode (PROJECTIONIST_POLICY_RULES_R_TRANSCODE)"
                        + " must be true or false, not 'yes'")
                .hasMessageContaining("projectionist.policy.rules.r.message (PROJECTIONIST_POLICY_RULES_R_MESSAGE) is"
                        + " not set")
                .hasMessageContaining("projectionist.policy.rules.r.bitrate-above (PROJECTIONIST_POLICY_RULES_R_BITRATE_ABOVE):"
                        + " unknown rule setting")
                .hasMessageContaining("rule 'q' is not listed");
        assertThat(Set.of("max-streams-per-user", "paused-minutes")).isSubsetOf(PolicyConfig.RULE_KEYS);
    }
}
