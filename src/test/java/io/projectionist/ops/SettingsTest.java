package io.projectionist.ops;

import io.projectionist.curation.CurationSetup;
import io.projectionist.delivery.DeliveryConfig;
import io.projectionist.policy.PolicyConfig;
import io.projectionist.report.ReportRoutes;
import io.projectionist.report.ReportSettings;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one settings reader: typed values, one message format, and every capability reading through it. */
class SettingsTest {

    static Function<String, Optional<String>> lookup(Map<String, String> values) {
        return k -> Optional.ofNullable(values.get(k));
    }

    enum Mode { OFF, DRY_RUN, ENFORCE }

    @Test
    void readsTypedValuesWithDefaults() {
        Settings s = new Settings(lookup(Map.of("a.flag", " TRUE ", "a.n", "42", "a.blank", "  ", "a.mode", "Dry-Run",
                "a.list", "x, y,,x , z", "a.ms", "1500", "a.dir", "/tmp/x")));
        assertThat(s.bool("a.flag", false)).isTrue();
        assertThat(s.bool("a.unset", true)).isTrue();
        assertThat(s.integer("a.n", 1, 0, 100)).isEqualTo(42);
        assertThat(s.string("a.blank")).as("blank counts as unset").isEmpty();
        assertThat(s.string("a.blank", "d")).isEqualTo("d");
        assertThat(s.choice("a.mode", Mode.class, Mode.OFF)).isEqualTo(Mode.DRY_RUN);
        assertThat(s.choice("a.unset", Mode.class, Mode.OFF)).isEqualTo(Mode.OFF);
        assertThat(s.list("a.list")).containsExactly("x", "y", "z");
        assertThat(s.millis("a.ms", 1)).isEqualTo(1500);
        assertThat(s.path("a.dir", Path.of("d"))).isEqualTo(Path.of("/tmp/x"));
        assertThat(s.problems()).isEmpty();
        s.throwIfProblems();
    }

    @Test
    void everyMistakeNamesTheKeyItsVariableAndTheValueAndAllAreReportedTogether() {
        Settings s = new Settings(lookup(Map.of("a.flag", "yes", "a.n", "lots", "a.range", "101", "a.mode", "on",
                "a.ms", "0", "a.min", "0", "a.cron", "every minute")));
        assertThat(s.bool("a.flag", false)).as("the default after a problem, never a silent parse").isFalse();
        assertThat(s.integer("a.n", 7, 0, 100)).isEqualTo(7);
        s.integer("a.range", 7, 1, 100);
        s.choice("a.mode", Mode.class, Mode.OFF);
        s.millis("a.ms", 5);
        s.number("a.min", 1, 1, Long.MAX_VALUE);
        assertThat(s.required("a.missing", "what it is for")).isNull();
        assertThat(s.cron("a.cron", "0 0 * * * ?")).isEqualTo("0 0 * * * ?");
        assertThat(s.problems()).containsExactly(
                "a.flag (A_FLAG) must be true or false, not 'yes'",
                "a.n (A_N) must be a whole number, not 'lots'",
                "a.range (A_RANGE) must be between 1 and 100, not 101",
                "a.mode (A_MODE) must be off, dry-run or enforce, not 'on'",
                "a.ms (A_MS) must be a positive number of milliseconds, not '0'",
                "a.min (A_MIN) must be at least 1, not 0",
                "a.missing (A_MISSING) is not set (what it is for)",
                "a.cron (A_CRON) 'every minute' is not a Quartz cron expression (seconds minutes hours day-of-month"
                        + " month day-of-week, e.g. 0/10 * * * * ?)");
        assertThatThrownBy(s::throwIfProblems).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("a.flag (A_FLAG) must be true or false, not 'yes'; a.n (A_N)");
    }

    @Test
    void urlsNeedHttpAHostAndAPortThatExists() {
        Settings s = new Settings(lookup(Map.of("tautulli.url", "http://nas:99999", "plex.url", "http://plex:0",
                "ok.url", "https://nas:8181/tautulli", "x.url", "nas:8181",
                "hook.url", "https://discord.com:70000/api/webhooks/1/s3cret")));
        assertThat(s.httpUrl("ok.url", false)).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(8181));
        assertThat(s.httpUrl("tautulli.url", false)).isEmpty();
        assertThat(s.httpUrl("plex.url", false)).isEmpty();
        assertThat(s.httpUrl("x.url", false)).isEmpty();
        assertThat(s.httpUrl("hook.url", true)).isEmpty();
        assertThat(s.problems()).containsExactly(
                "tautulli.url (TAUTULLI_URL) 'http://nas:99999' has port 99999; a port is 1 to 65535",
                "plex.url (PLEX_URL) 'http://plex:0' has port 0; a port is 1 to 65535",
                "x.url (X_URL) 'nas:8181' is not an http(s) URL with a host",
                "hook.url (HOOK_URL) has port 70000; a port is 1 to 65535");
    }

    @Test
    void theValidatorAndTheWebhooksRefuseAPortThatDoesNotExist() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties p = new Properties();
            p.putAll(Map.of("tautulli.url", "http://nas:99999", "tautulli.api-key", "k", "plex.url", "http://plex:0",
                    "plex.token", "t"));
            context.getPropertiesComponent().setInitialProperties(p);
            assertThatThrownBy(() -> SettingsValidator.validate(context.getPropertiesComponent()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("tautulli.url (TAUTULLI_URL) 'http://nas:99999' has port 99999; a port is 1 to"
                            + " 65535")
                    .hasMessageContaining("plex.url (PLEX_URL) 'http://plex:0' has port 0");
        }
        Map<String, String> hooks = Map.of("projectionist.webhooks", "busy",
                "projectionist.webhooks.busy.type", "discord",
                "projectionist.webhooks.busy.url", "https://discord.com:99999/api/webhooks/1/s3cr3t");
        assertThatThrownBy(() -> DeliveryConfig.load(lookup(hooks), hooks.keySet()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("projectionist.webhooks.busy.url (PROJECTIONIST_WEBHOOKS_BUSY_URL) has port 99999; a port is"
                        + " 1 to 65535");
    }

    // ---- a typo in a boolean is a configuration error in every capability, never a silent false (or true) --------

    static final String BOOL = " must be true or false, not ";

    @Test
    void deliveryRejectsABooleanTypo() {
        Map<String, String> p = Map.of("projectionist.events.audit", "ture");
        assertThatThrownBy(() -> DeliveryConfig.load(lookup(p), p.keySet())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("projectionist.events.audit (PROJECTIONIST_EVENTS_AUDIT)" + BOOL + "'ture'");
    }

    @Test
    void policyRejectsABooleanTypo() {
        Map<String, String> p = Map.of("projectionist.policy.mode", "dry-run", "projectionist.policy.rules", "r",
                "projectionist.policy.rules.r.message", "m", "projectionist.policy.rules.r.transcode", "ture");
        assertThatThrownBy(() -> PolicyConfig.load(lookup(p), p.keySet())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("projectionist.policy.rules.r.transcode (PROJECTIONIST_POLICY_RULES_R_TRANSCODE)"
                        + BOOL + "'ture'");
    }

    @Test
    void curationRejectsABooleanTypo() {
        // "yes" used to mean true here (and false elsewhere): an apply nobody asked for
        assertThatThrownBy(() -> CurationSetup.from(lookup(Map.of("projectionist.curation.apply", "yes")),
                () -> { throw new AssertionError("no Plex client before the settings are read"); },
                () -> { throw new AssertionError("no Tautulli client before the settings are read"); }))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("projectionist.curation.apply (PROJECTIONIST_CURATION_APPLY)" + BOOL + "'yes'");
    }

    @Test
    void reportRejectsABooleanTypoAndANumberTypo() {
        assertThatThrownBy(() -> routes(new ReportRoutes(), Map.of("projectionist.report.on-startup", "yes")))
                .hasMessage("projectionist.report.on-startup (PROJECTIONIST_REPORT_ON_STARTUP)" + BOOL + "'yes'");
        assertThatThrownBy(() -> ReportSettings.from(lookup(Map.of("projectionist.report.top", "ten"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("projectionist.report.top (PROJECTIONIST_REPORT_TOP) must be a whole number, not 'ten'");
    }

    /** Builds a RouteBuilder against the given properties; rethrows the configuration error it stops with. */
    static void routes(RoutesBuilder builder, Map<String, String> values) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties p = new Properties();
            p.putAll(Map.of("projectionist.report.cron", "0 0 8 ? * MON", "projectionist.report.startup-delay", "1",
                    "projectionist.report.summary-uri", "direct:s"));
            p.putAll(values);
            context.getPropertiesComponent().setInitialProperties(p);
            try {
                context.addRoutes(builder);
            } catch (Exception e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof ConfigurationException c) {
                        throw c;
                    }
                }
                throw e;
            }
            throw new AssertionError("routes built: " + List.of(context.getRoutes()));
        }
    }
}
