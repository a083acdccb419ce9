package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.PlexFormat;
import io.projectionist.plex.PlexNotFoundException;
import io.projectionist.plex.model.ManagedHub;
import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.world.MediaType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The managed-hub state machine of plex-api.md §3, and the browse hubs it drives. */
class PlexHubsTest extends PlexSimSupport {

    static final List<String> MOVIE_DEFAULTS = List.of("movie.recentlyadded", "movie.recentlyreleased",
            "movie.genre", "movie.topunwatched");

    CollectionInfo collection(String title, int n) {
        List<Integer> keys = world.itemsOfType(MediaType.MOVIE).subList(0, n).stream().map(i -> i.ratingKey())
                .toList();
        return plex.state().create(1, title, 1, keys);
    }

    static List<String> ids(List<ManagedHub> hubs) {
        return hubs.stream().map(ManagedHub::identifier).toList();
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void stateMachine(PlexFormat format) {
        PlexClient c = client(format);
        List<ManagedHub> defaults = c.managedHubs("1");
        assertThat(ids(defaults)).containsExactlyElementsOf(MOVIE_DEFAULTS);
        assertThat(defaults).allMatch(ManagedHub::builtIn).allMatch(h -> h.deletable() == null);
        assertThat(defaults.get(0).homeVisibility()).isEqualTo("all");

        String a = String.valueOf(collection("Alpha", 3).ratingKey());
        String b = String.valueOf(collection("Beta", 2).ratingKey());
        String ida = "custom.collection.1." + a;
        String idb = "custom.collection.1." + b;

        // unmanaged lookup: empty container, not 404
        assertThat(c.managedHub("1", a)).isEmpty();
        Reply raw = get("/hubs/sections/1/manage?metadataItemId=" + a, false);
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).contains("<MediaContainer size=\"0\"");

        // add: appended at the end with the flags sent
        c.addManagedHub("1", a, true, false, true);
        c.addManagedHub("1", b, false, true, false);
        List<ManagedHub> after = c.managedHubs("1");
        assertThat(ids(after)).endsWith(ida, idb).hasSize(6);
        ManagedHub ha = c.managedHub("1", a).orElseThrow();
        assertThat(ha.identifier()).isEqualTo(ida);
        assertThat(ha.title()).isEqualTo("Alpha");
        assertThat(ha.deletable()).isTrue();
        assertThat(ha.promotedToRecommended()).isTrue();
        assertThat(ha.promotedToOwnHome()).isFalse();
        assertThat(ha.homeVisibility()).isEqualTo("shared");
        assertThat(ha.recommendationsVisibility()).isEqualTo("all");
        assertThat(c.managedHub("1", b).orElseThrow().homeVisibility()).isEqualTo("admin");

        // POST on an existing hub updates its flags (Kometa), order unchanged
        c.addManagedHub("1", a, true, true, true);
        assertThat(c.managedHub("1", a).orElseThrow().homeVisibility()).isEqualTo("all");
        assertThat(ids(c.managedHubs("1"))).endsWith(ida, idb);

        // promote / demote, also a built-in; all off keeps the hub
        c.promoteHub("1", "movie.genre", true, null, null);
        assertThat(c.managedHubs("1").get(2).promotedToRecommended()).isTrue();
        c.promoteHub("1", ida, false, false, false);
        ManagedHub off = c.managedHub("1", a).orElseThrow();
        assertThat(off.homeVisibility()).isEqualTo("none");
        assertThat(off.recommendationsVisibility()).isEqualTo("none");
        assertThat(ids(c.managedHubs("1"))).contains(ida);

        // move: no after → first; after=X → right after X
        c.moveHub("1", idb, null);
        assertThat(ids(c.managedHubs("1")).get(0)).isEqualTo(idb);
        c.moveHub("1", idb, "movie.genre");
        assertThat(ids(c.managedHubs("1"))).containsExactly("movie.recentlyadded", "movie.recentlyreleased",
                "movie.genre", idb, "movie.topunwatched", ida);

        // remove: built-in → 400; custom → gone; twice → 404; move of an unmanaged hub → 400
        assertThatThrownBy(() -> c.removeHub("1", "movie.genre"))
                .isInstanceOfSatisfying(PlexException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
        c.removeHub("1", idb);
        assertThat(ids(c.managedHubs("1"))).doesNotContain(idb);
        assertThatThrownBy(() -> c.removeHub("1", idb)).isInstanceOf(PlexNotFoundException.class);
        assertThatThrownBy(() -> c.moveHub("1", idb, null))
                .isInstanceOfSatisfying(PlexException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThat(c.managedHub("1", b)).isEmpty();

        // reset: defaults back, custom hubs gone
        c.resetHubs("1");
        List<ManagedHub> reset = c.managedHubs("1");
        assertThat(ids(reset)).containsExactlyElementsOf(MOVIE_DEFAULTS);
        assertThat(reset.get(2).promotedToRecommended()).isFalse();
    }

    @Test
    void addRules() {
        CollectionInfo col = collection("Gamma", 2);
        String movie = String.valueOf(world.itemsOfType(MediaType.MOVIE).get(0).ratingKey());
        assertThat(call("POST", "/hubs/sections/1/manage?metadataItemId=" + movie, admin(), false).status())
                .isEqualTo(400);
        assertThat(call("POST", "/hubs/sections/1/manage?metadataItemId=987654321", admin(), false).status())
                .isEqualTo(404);
        assertThat(call("POST", "/hubs/sections/1/manage", admin(), false).status()).isEqualTo(400);
        assertThat(call("PUT", "/hubs/sections/1/manage/custom.collection.1.5?promotedToOwnHome=1", admin(), false)
                .status()).isEqualTo(404);
        // flags absent on POST default to off
        assertThat(call("POST", "/hubs/sections/1/manage?metadataItemId=" + col.ratingKey(), admin(), false).status())
                .isEqualTo(200);
        Optional<PlexState.HubInfo> h = plex.state().managedHub(1, col.ratingKey());
        assertThat(h).hasValueSatisfying(x -> assertThat(x.homeVisibility()).isEqualTo("none"));
        // the spec's move form also works
        assertThat(call("PUT", "/hubs/sections/1/manage/move?identifier=custom.collection.1." + col.ratingKey(),
                admin(), false).status()).isEqualTo(200);
        assertThat(plex.state().managedHubs(1).get(0).identifier()).isEqualTo("custom.collection.1."
                + col.ratingKey());
        // JSON typing: booleans
        JsonNode hub = PlexReadTest.json(get("/hubs/sections/1/manage", true).body()).path("Hub").get(0);
        assertThat(hub.path("promotedToRecommended").isBoolean()).isTrue();
        assertThat(hub.path("deletable").isBoolean()).isTrue();
        JsonNode builtIn = PlexReadTest.json(get("/hubs/sections/1/manage", true).body()).path("Hub").get(1);
        assertThat(builtIn.has("deletable")).isFalse();
        // deleting the collection takes its hub along
        plex.state().deleteCollection(col.ratingKey());
        assertThat(plex.state().managedHubs(1)).extracting(PlexState.HubInfo::identifier)
                .containsExactlyElementsOf(MOVIE_DEFAULTS);
    }

    @Test
    void managementIsAdminOnly() {
        CollectionInfo col = collection("Delta", 1);
        for (String[] mp : new String[][] {{"GET", "/hubs/sections/1/manage"},
            {"POST", "/hubs/sections/1/manage?metadataItemId=" + col.ratingKey()},
            {"PUT", "/hubs/sections/1/manage/movie.genre?promotedToOwnHome=1"},
            {"PUT", "/hubs/sections/1/manage/movie.genre/move"},
            {"DELETE", "/hubs/sections/1/manage/movie.genre"}, {"DELETE", "/hubs/sections/1/manage"}}) {
            Reply r = call(mp[0], mp[1], shared(), true);
            assertThat(r.status()).as(mp[0] + " " + mp[1]).isEqualTo(403);
            assertThat(r.contentType()).startsWith("text/html");
        }
        assertThat(ids(client(PlexFormat.xml).managedHubs("1"))).containsExactlyElementsOf(MOVIE_DEFAULTS);
    }

    @Test
    void promotedCollectionsShowOnHomeAndRecommended() {
        CollectionInfo own = collection("Owner Row", 3);
        CollectionInfo shared = collection("Shared Row", 2);
        plex.state().addHub(1, String.valueOf(own.ratingKey()), true, true, false);
        plex.state().addHub(1, String.valueOf(shared.ratingKey()), false, false, true);

        JsonNode adminHome = PlexReadTest.json(get("/hubs", true).body());
        List<String> adminIds = adminHome.path("Hub").findValuesAsText("hubIdentifier");
        String ownId = "custom.collection.1." + own.ratingKey() + "." + own.ratingKey();
        String sharedId = "custom.collection.1." + shared.ratingKey() + "." + shared.ratingKey();
        assertThat(adminIds).contains(ownId, "home.movies.recent").doesNotContain(sharedId);
        JsonNode ownHub = null;
        for (JsonNode h : adminHome.path("Hub")) {
            if (h.path("hubIdentifier").asText().equals(ownId)) {
                ownHub = h;
            }
        }
        assertThat(ownHub.path("key").asText()).isEqualTo("/library/collections/" + own.ratingKey() + "/children");
        assertThat(ownHub.path("context").asText()).isEqualTo("hub.custom.collection");
        assertThat(ownHub.path("Metadata")).hasSize(3);
        assertThat(ownHub.path("promoted").isBoolean()).isTrue();

        Reply sharedHome = call("GET", "/hubs", shared(), true);
        assertThat(PlexReadTest.json(sharedHome.body()).path("Hub").findValuesAsText("hubIdentifier"))
                .contains(sharedId).doesNotContain(ownId);

        String section = get("/hubs/sections/1", false).body();
        assertThat(section).contains("hubIdentifier=\"" + ownId + "\"").doesNotContain(sharedId)
                .contains("hubIdentifier=\"movie.recentlyadded.1\"");
        assertThat(get("/hubs/sections/9", false).status()).isEqualTo(400);
        assertThat(get("/hubs/sections/9/manage", false).status()).isEqualTo(404);
    }
}
