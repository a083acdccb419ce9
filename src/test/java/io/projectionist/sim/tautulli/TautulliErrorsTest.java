package io.projectionist.sim.tautulli;

import static io.projectionist.sim.SimTestSupport.api;
import static io.projectionist.sim.SimTestSupport.fixture;
import static io.projectionist.sim.SimTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.SimTestSupport.Reply;
import io.projectionist.sim.Simulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request checks and error forms of Tautulli v2.17.2, over real HTTP. */
class TautulliErrorsTest {

    static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimTestSupport.options(300), SimClock.fixed(SimTestSupport.ANCHOR));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Reply raw(Map<String, String> params) {
        return get(sim.tautulliUrl(), "/api/v2", params);
    }

    @Test
    void missingApikey() {
        Reply r = raw(Map.of("cmd", "arnold"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("application/json;charset=UTF-8");
        assertThat(r.json()).isEqualTo(fixture("error_missing_apikey.json"));
        // status needs the key too
        assertThat(raw(Map.of("cmd", "status")).status()).isEqualTo(400);
    }

    @Test
    void invalidApikeyIs400Not401() {
        Reply r = raw(Map.of("apikey", "0123456789abcdef0123456789abcdef", "cmd", "arnold"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).isEqualTo(fixture("error_invalid_apikey.json"));
    }

    @Test
    void missingAndUnknownCommandListTheRealCommands() {
        Reply missing = raw(Map.of("apikey", sim.tautulliApiKey()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json()).isEqualTo(fixture("error_missing_cmd.json"));
        Reply unknown = api(sim, "cmd", "foo");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json()).isEqualTo(fixture("error_unknown_cmd.json"));
        // check order: an unknown command with a wrong key reports the command
        Reply both = raw(Map.of("apikey", "wrong", "cmd", "foo"));
        assertThat(both.message().asText()).startsWith("Unknown command: foo.");
        // a missing cmd is reported before a wrong key
        assertThat(raw(Map.of("apikey", "wrong")).message().asText()).startsWith("Parameter cmd is required.");
    }

    @Test
    void missingRequiredParameter() {
        Reply r = api(sim, "cmd", "get_user");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).isEqualTo(fixture("error_missing_param.json"));
        assertThat(r.body()).isEqualTo("{\"response\": {\"result\": \"error\", \"message\": null, \"data\": {}}}");
        assertThat(api(sim, "cmd", "get_recently_added").status()).isEqualTo(400);
        assertThat(api(sim, "cmd", "get_library").status()).isEqualTo(400);
    }

    @Test
    void exceptionIs500AndDebugGivesCherryPyBody() {
        Reply r = api(sim, "cmd", "get_history", "start", "abc");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json()).isEqualTo(fixture("error_exception_500.json"));
        Reply d = api(sim, "cmd", "get_history", "start", "abc", "debug", "1");
        assertThat(d.status()).isEqualTo(500);
        assertThat(d.contentType()).isEqualTo("application/json");
        assertThat(d.json()).isEqualTo(fixture("error_exception_500_debug.json"));
        assertThat(d.body()).hasSize(513);
    }

    @Test
    void otherPathsAnswer200WithAnError() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("apikey", sim.tautulliApiKey());
        p.put("cmd", "arnold");
        Reply v1 = get(sim.tautulliUrl(), "/api/v1", p);
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.json()).isEqualTo(fixture("error_api_v1.json"));
        assertThat(get(sim.tautulliUrl(), "/", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void successEnvelopesPostAndUnknownParams() {
        Reply status = api(sim, "cmd", "status", "bogus_param", "1");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json()).isEqualTo(fixture("status.json"));
        assertThat(api(sim, "cmd", "status", "check", "database").json()).isEqualTo(fixture("status_db.json"));
        Reply post = SimTestSupport.post(sim.tautulliUrl(), "/api/v2",
                Map.of("apikey", sim.tautulliApiKey(), "cmd", "arnold"));
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.result()).isEqualTo("success");
        assertThat(post.data().isTextual()).isTrue();
        assertThat(api(sim, "cmd", "get_tautulli_info").data().path("tautulli_version").asText())
                .isEqualTo("v2.17.2");
        // a known command the simulator does not model answers an empty success (get_notifiers, used here
        // before, now answers [] as a Tautulli with no notifiers does)
        Reply other = api(sim, "cmd", "get_notifier_parameters");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.data().isObject()).isTrue();
    }

    @Test
    void pythonStyleBodyJsonpAndXml() {
        Reply r = api(sim, "cmd", "status");
        assertThat(r.body()).isEqualTo("{\"response\": {\"result\": \"success\", \"message\": \"Ok\", \"data\": {}}}");
        Reply jsonp = api(sim, "cmd", "status", "callback", "pong");
        assertThat(jsonp.contentType()).startsWith("application/javascript");
        assertThat(jsonp.body()).isEqualTo("pong(" + r.body() + ");");
        assertThat(api(sim, "cmd", "status", "callback", "1bad()").status()).isEqualTo(400);
        Reply xml = api(sim, "cmd", "get_history", "length", "1", "out_type", "xml");
        assertThat(xml.contentType()).isEqualTo("application/xml;charset=UTF-8");
        assertThat(xml.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response>\n\t<result>success"
                + "</result>\n\t<message></message>\n\t<data>\n\t\t<recordsFiltered>");
        assertThat(xml.body()).contains("<state></state>");
    }
}
