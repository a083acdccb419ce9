package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;

import io.projectionist.sim.world.MediaType;
import org.junit.jupiter.api.Test;

/** PlexApi's routing table: which resource answers a path, HEAD as GET, and 404 for what no resource owns. */
class PlexRoutingTest extends PlexSimSupport {

    @Test
    void headIsAnsweredAsGetWithoutABody() {
        Reply get = call("GET", "/library/sections/1/all?X-Plex-Container-Size=2", admin(), false);
        Reply head = call("HEAD", "/library/sections/1/all?X-Plex-Container-Size=2", admin(), false);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("X-Plex-Container-Total-Size")).isEqualTo(get.header("X-Plex-Container-Total-Size"))
                .isNotNull();
        assertThat(call("HEAD", "/identity", null, false).status()).isEqualTo(200);
    }

    @Test
    void aLongerPathGoesToItsOwnResourceBeforeThePrefix() {
        // status/sessions/history/all is the history; the rest under status/sessions is the live sessions
        assertThat(call("GET", "/status/sessions/history/all?X-Plex-Container-Size=1", admin(), true).body())
                .contains("\"totalSize\"").doesNotContain("\"Player\"");
        assertThat(call("GET", "/status/sessions", admin(), true).status()).isEqualTo(200);
        assertThat(call("GET", "/status/sessions/history", admin(), false).status()).isEqualTo(404);
        assertThat(call("GET", "/status/sessions/history/all/x", admin(), false).status()).isEqualTo(404);
        assertThat(call("POST", "/status/sessions/history/all", admin(), false).status()).isEqualTo(404);
    }

    @Test
    void exactPathsAndUnknownPathsAre404() {
        assertThat(call("GET", "/library/onDeck", admin(), false).status()).isEqualTo(200);
        assertThat(call("GET", "/library/onDeck/x", admin(), false).status()).isEqualTo(404);
        assertThat(call("GET", "/library/recentlyAdded/x", admin(), false).status()).isEqualTo(404);
        for (String p : new String[] {"/status", "/nothing", "/library/nothing", "/hubs/nothing"}) {
            assertThat(call("GET", p, admin(), false).status()).as(p).isEqualTo(404);
        }
    }

    @Test
    void readOnlyPathsRefuseOtherMethods() {
        int movie = world.itemsOfType(MediaType.MOVIE).get(0).ratingKey();
        assertThat(call("POST", "/", admin(), false).status()).isEqualTo(404);
        assertThat(call("POST", "/hubs", admin(), false).status()).isEqualTo(404);
        assertThat(call("PUT", "/library/metadata/" + movie, admin(), false).status()).isEqualTo(404);
        assertThat(call("DELETE", "/library/metadata/" + movie, admin(), false).status()).isEqualTo(400);
    }
}
