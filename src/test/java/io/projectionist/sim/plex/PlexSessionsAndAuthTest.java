package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.PlexFormat;
import io.projectionist.plex.model.PlexSession;
import io.projectionist.sim.faults.Faults;
import io.projectionist.sim.tautulli.TautulliServer;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions.StartOptions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.PlayRow;
import io.projectionist.sim.world.TranscodeDecision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.projectionist.plex.PlexNotFoundException;
import io.projectionist.sim.SimTestSupport;

/** /status/sessions from LiveSessions (and the same sessions in Tautulli), terminate, tokens, errors, faults. */
class PlexSessionsAndAuthTest extends PlexSimSupport {

    static final String UNAUTHORIZED = "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized"
            + "</h1></body></html>";

    @Override
    int plays() {
        return 500;
    }

    LiveSession transcodingMovie() {
        Item movie = world.itemsOfType(MediaType.MOVIE).stream()
                .filter(i -> i.media().videoResolution().equals("4k")).findFirst().orElseThrow();
        return sessions.start(1002, movie.ratingKey(), StartOptions.defaults()
                .withDecision(TranscodeDecision.TRANSCODE).withWan(true).withViewOffsetMs(600_000));
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void liveSessionsMatchTheWorld(PlexFormat format) {
        LiveSession m = transcodingMovie();
        Item episode = world.itemsOfType(MediaType.EPISODE).get(3);
        LiveSession e = sessions.start(1001, episode.ratingKey());
        sessions.pause(e.sessionKey());
        clock.advance(Duration.ofSeconds(30));

        List<PlexSession> got = client(format).sessions();
        assertThat(got).extracting(PlexSession::sessionKey).containsExactly(m.sessionKey(), e.sessionKey());
        PlexSession pm = got.get(0);
        LiveSession now = sessions.get(m.sessionKey()).orElseThrow();
        assertThat(pm.item().ratingKey()).isEqualTo(String.valueOf(m.item().ratingKey()));
        assertThat(pm.item().title()).isEqualTo(m.item().title());
        assertThat(pm.item().librarySectionID()).isEqualTo("1");
        assertThat(pm.viewOffset()).isEqualTo(now.viewOffsetMs()).isEqualTo(630_000L);
        assertThat(pm.user().id()).isEqualTo(String.valueOf(m.user().plexAccountId()));
        assertThat(pm.user().title()).isEqualTo(m.user().username());
        assertThat(pm.player().state()).isEqualTo("playing");
        assertThat(pm.player().title()).isEqualTo(m.device().player());
        assertThat(pm.player().machineIdentifier()).isEqualTo(m.device().machineId());
        assertThat(pm.player().product()).isEqualTo(m.device().product());
        assertThat(pm.player().platform()).isEqualTo(m.device().platform());
        assertThat(pm.player().address()).isEqualTo(m.ipAddress());
        assertThat(pm.player().local()).isFalse();
        assertThat(pm.player().secure()).isTrue();
        assertThat(pm.player().relayed()).isFalse();
        assertThat(pm.session().id()).isEqualTo(m.sessionId());
        assertThat(pm.session().location()).isEqualTo("wan");
        assertThat(pm.session().bandwidth()).isEqualTo(now.bandwidth());
        assertThat(pm.transcodeSession()).isNotNull();
        assertThat(pm.transcodeSession().videoDecision()).isEqualTo("transcode");
        assertThat(pm.item().media().get(0).selected()).isTrue();
        assertThat(pm.item().media().get(0).videoResolution()).isEqualTo(now.streamResolution());
        assertThat(pm.item().media().get(0).parts().get(0).decision()).isEqualTo("transcode");

        PlexSession pe = got.get(1);
        assertThat(pe.player().state()).isEqualTo("paused");
        assertThat(pe.player().local()).isTrue();
        assertThat(pe.session().location()).isEqualTo("lan");
        assertThat(pe.transcodeSession()).isNull();
        assertThat(pe.item().media().get(0).parts().get(0).decision()).isEqualTo("directplay");
        assertThat(pe.item().grandparentTitle()).isEqualTo(episode.grandparentTitle());
    }

    @Test
    void sessionJsonTyping() {
        transcodingMovie();
        JsonNode v = PlexReadTest.json(get("/status/sessions", true).body()).path("Metadata").get(0);
        assertThat(v.path("sessionKey").isTextual()).isTrue();
        assertThat(v.path("librarySectionID").isTextual()).isTrue();
        assertThat(v.path("ratingKey").isTextual()).isTrue();
        assertThat(v.path("viewOffset").isNumber()).isTrue();
        assertThat(v.path("User").isObject()).isTrue();
        assertThat(v.path("Player").isObject()).isTrue();
        assertThat(v.path("Player").path("local").isBoolean()).isTrue();
        assertThat(v.path("Session").isObject()).isTrue();
        assertThat(v.path("TranscodeSession").isObject()).isTrue();
        assertThat(v.path("Media").isArray()).isTrue();
        String xml = get("/status/sessions", false).body();
        assertThat(xml).contains("<Video ").contains("<Player ").contains("local=\"0\"").contains("selected=\"1\"");
    }

    @Test
    void sameSessionInTautulli() throws Exception {
        LiveSession m = transcodingMovie();
        try (TautulliServer t = TautulliServer.start(world, sessions, clock, "k", "127.0.0.1", 0, new Faults())) {
            var r = SimTestSupport.get(t.url(), "/api/v2",
                    Map.of("apikey", "k", "cmd", "get_activity"));
            JsonNode ts = r.data().path("sessions").get(0);
            PlexSession ps = client(PlexFormat.json).sessions().get(0);
            assertThat(ps.sessionKey()).isEqualTo(ts.path("session_key").asText());
            assertThat(ps.item().ratingKey()).isEqualTo(ts.path("rating_key").asText());
            assertThat(ps.session().id()).isEqualTo(ts.path("session_id").asText());
            assertThat(ps.player().state()).isEqualTo(ts.path("state").asText());
            assertThat(ps.player().title()).isEqualTo(ts.path("player").asText());
            assertThat(ps.player().machineIdentifier()).isEqualTo(ts.path("machine_id").asText());
            assertThat(ps.player().address()).isEqualTo(ts.path("ip_address").asText());
            assertThat(ps.user().title()).isEqualTo(ts.path("username").asText());
            assertThat(ps.transcodeSession().key()).isEqualTo(ts.path("transcode_key").asText());
            assertThat(String.valueOf(ps.session().bandwidth())).isEqualTo(ts.path("bandwidth").asText());
            assertThat(ts.path("transcode_decision").asText()).isEqualTo("transcode");
            assertThat(m.sessionKey()).isEqualTo(ps.sessionKey());
        }
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void terminateEndsTheSession(PlexFormat format) {
        LiveSession m = transcodingMovie();
        int before = world.history().size();
        PlexClient c = client(format);
        String id = c.sessions().get(0).sessionId();
        c.terminate(id, "Server maintenance");
        assertThat(c.sessions()).isEmpty();
        assertThat(sessions.terminationMessage(m.sessionKey())).contains("Server maintenance");
        assertThat(world.history().size()).isEqualTo(before + 1);
        PlayRow row = world.history().row(before);
        assertThat(row.item().ratingKey()).isEqualTo(m.item().ratingKey());
        // the new play is the newest history entry
        var newest = c.history(null, null, null, row.stopped());
        assertThat(newest).extracting(h -> h.ratingKey()).contains(String.valueOf(m.item().ratingKey()));

        assertThatThrownBy(() -> c.terminate(id, "again")).isInstanceOf(PlexNotFoundException.class);
        assertThat(call("POST", "/status/sessions/terminate?sessionId=&reason=x", admin(), false).status())
                .isEqualTo(400);
        assertThat(call("GET", "/status/sessions/terminate?reason=x", admin(), false).status()).isEqualTo(400);
        LiveSession other = transcodingMovie();
        assertThat(call("POST", "/status/sessions/terminate?sessionId=" + other.sessionId() + "&reason=bye",
                shared(), false).status()).isEqualTo(403);
        assertThat(sessions.get(other.sessionKey())).isPresent();
        assertThat(call("POST", "/status/sessions/terminate?sessionId=" + other.sessionId() + "&reason=bye",
                admin(), false).status()).isEqualTo(200);
        assertThat(sessions.get(other.sessionKey())).isEmpty();
    }

    @Test
    void tokens() {
        // no token: 401 with Plex's exact page, HTML even when JSON was asked for
        Reply none = call("GET", "/library/sections", null, true);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("text/html");
        assertThat(none.body()).isEqualTo(UNAUTHORIZED).hasSize(91);
        Reply wrong = call("GET", "/library/sections", "not-a-token", false);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(UNAUTHORIZED);
        Reply root = call("GET", "/", null, false);
        assertThat(root.status()).isEqualTo(401);
        assertThat(root.body()).contains("<script>").contains("<h1>401 Unauthorized</h1>");
        // identity needs none; the token also works as a query parameter
        assertThat(call("GET", "/identity", null, false).status()).isEqualTo(200);
        assertThat(call("GET", "/library/sections?X-Plex-Token=" + admin(), null, false).status()).isEqualTo(200);
        assertThatThrownBy(() -> client(PlexFormat.xml, "bad").sections())
                .isInstanceOfSatisfying(PlexException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
        // tokens are derived from the seed, deterministically
        assertThat(PlexTokens.forSeed(SEED)).isEqualTo(plex.tokens());
        assertThat(PlexTokens.forSeed(SEED + 1).admin()).isNotEqualTo(admin());
        assertThat(admin()).hasSize(20);
    }

    @Test
    void sharedUserReadsButIsRefusedAdminEndpoints() {
        transcodingMovie(); // user 1002 = the shared token's user
        Item ep = world.itemsOfType(MediaType.EPISODE).get(0);
        sessions.start(1003, ep.ratingKey());
        PlexClient s = client(PlexFormat.json, shared());
        assertThat(s.sections()).hasSize(3);
        assertThat(s.items("1", null, null)).isNotEmpty();
        // a shared user sees only their own sessions
        assertThat(s.sessions()).singleElement()
                .satisfies(x -> assertThat(x.user().id()).isEqualTo(String.valueOf(world.users().get(1)
                        .plexAccountId())));
        assertThat(client(PlexFormat.json).sessions()).hasSize(2);
        // history of all accounts: 403; their own: allowed
        Reply all = call("GET", "/status/sessions/history/all", shared(), true);
        assertThat(all.status()).isEqualTo(403);
        assertThat(all.body()).contains("<h1>403 Forbidden</h1>");
        String own = String.valueOf(world.users().get(1).plexAccountId());
        assertThat(s.history(own, null, null, null)).allMatch(h -> h.accountID().equals(own));
    }

    @Test
    void faultsApplyBeforeNormalHandling() {
        faults.rateLimitNext(1, 7).serverErrorNext(1).htmlNext(1).truncateNext(1);
        Reply limited = call("GET", "/identity", null, false);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(call("GET", "/library/sections", null, false).status()).isEqualTo(500); // before the 401
        Reply html = get("/library/sections", true);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("<form");
        Reply cut = get("/library/sections", true);
        assertThat(cut.status()).isEqualTo(200);
        assertThat(cut.body()).doesNotEndWith("}}");
        PlexClient c = client(PlexFormat.json);
        faults.rateLimitNext(1, 3);
        assertThatThrownBy(c::sections).isInstanceOfSatisfying(PlexException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(429);
            assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(c.sections()).hasSize(3);
        assertThat(get("/no/such/path", true).status()).isEqualTo(404);
    }
}
