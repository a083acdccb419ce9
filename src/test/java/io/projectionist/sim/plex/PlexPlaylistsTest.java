package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Playlists as python-plexapi drives them (plex-search.md §7), and the directories the server advertises. */
class PlexPlaylistsTest extends PlexSimSupport {

    static JsonNode json(String body) {
        return PlexReadTest.json(body);
    }

    String lib() {
        return "server://" + mid() + "/com.plexapp.plugins.library";
    }

    @Test
    void everyAdvertisedDirectoryAnswers() {
        for (String dir : List.of("/", "/library/")) {
            JsonNode root = json(get(dir.equals("/") ? "/" : "/library", true).body());
            List<String> keys = new ArrayList<>();
            root.path("Directory").forEach(d -> keys.add(d.path("key").asText()));
            assertThat(keys).isNotEmpty();
            for (String k : keys) {
                assertThat(get(dir + k, false).status()).as(dir + k).isEqualTo(200);
            }
        }
        assertThat(json(get("/", true).body()).path("Directory")).extracting(d -> d.path("key").asText())
                .contains("library", "playlists");
        assertThat(json(get("/playlists", true).body()).path("size").asInt()).isZero();
    }

    List<Integer> itemKeys(JsonNode mc) {
        List<Integer> out = new ArrayList<>();
        mc.path("Metadata").forEach(n -> out.add(Integer.parseInt(n.path("ratingKey").asText())));
        return out;
    }

    List<Integer> entryIds(JsonNode mc) {
        List<Integer> out = new ArrayList<>();
        mc.path("Metadata").forEach(n -> out.add(n.path("playlistItemID").asInt()));
        return out;
    }

    @Test
    void regularPlaylistLifecycle() {
        List<Item> movies = world.itemsOfType(MediaType.MOVIE);
        int a = movies.get(5).ratingKey();
        int b = movies.get(1).ratingKey();
        int c = movies.get(9).ratingKey();
        Reply created = call("POST", "/playlists?smart=0&title=PL&type=video&uri="
                + enc(lib() + "/library/metadata/" + a + "," + b + "," + c), admin(), true);
        assertThat(created.status()).isEqualTo(200);
        JsonNode pl = json(created.body()).path("Metadata").get(0);
        String id = pl.path("ratingKey").asText();
        assertThat(pl.path("type").asText()).isEqualTo("playlist");
        assertThat(pl.path("key").asText()).isEqualTo("/playlists/" + id + "/items");
        assertThat(pl.path("smart").asBoolean()).isFalse();
        assertThat(pl.path("playlistType").asText()).isEqualTo("video");
        assertThat(pl.path("leafCount").asInt()).isEqualTo(3);
        assertThat(pl.path("guid").asText()).startsWith("com.plexapp.agents.none://");
        long duration = movies.get(5).durationMs() + movies.get(1).durationMs() + movies.get(9).durationMs();
        assertThat(pl.path("duration").asLong()).isEqualTo(duration);

        // XML: <Playlist> in the list, filtered by type and title
        String xml = get("/playlists?playlistType=video&title=pl", false).body();
        assertThat(xml).contains("<Playlist ratingKey=\"" + id + "\"");
        assertThat(json(get("/playlists?playlistType=audio", true).body()).path("size").asInt()).isZero();

        JsonNode items = json(get("/playlists/" + id + "/items", true).body());
        assertThat(itemKeys(items)).containsExactly(a, b, c);
        assertThat(items.path("totalSize").asInt()).isEqualTo(3);
        List<Integer> entries = entryIds(items);
        assertThat(entries).doesNotHaveDuplicates();

        // add an episode (same list type), move it first, move it after b, remove a
        int ep = world.itemsOfType(MediaType.EPISODE).get(0).ratingKey();
        assertThat(call("PUT", "/playlists/" + id + "/items?uri=" + enc(lib() + "/library/metadata/" + ep), admin(),
                false).status()).isEqualTo(200);
        items = json(get("/playlists/" + id + "/items", true).body());
        assertThat(itemKeys(items)).containsExactly(a, b, c, ep);
        int epEntry = entryIds(items).get(3);
        assertThat(call("PUT", "/playlists/" + id + "/items/" + epEntry + "/move", admin(), false).status())
                .isEqualTo(200);
        assertThat(itemKeys(json(get("/playlists/" + id + "/items", true).body()))).containsExactly(ep, a, b, c);
        call("PUT", "/playlists/" + id + "/items/" + epEntry + "/move?after=" + entries.get(1), admin(), false);
        assertThat(itemKeys(json(get("/playlists/" + id + "/items", true).body()))).containsExactly(a, b, ep, c);
        assertThat(call("DELETE", "/playlists/" + id + "/items/" + entries.get(0), admin(), false).status())
                .isEqualTo(200);
        items = json(get("/playlists/" + id + "/items", true).body());
        assertThat(itemKeys(items)).containsExactly(b, ep, c);
        assertThat(entryIds(items)).containsExactly(entries.get(1), epEntry, entries.get(2)); // stable across moves
        assertThat(call("DELETE", "/playlists/" + id + "/items/" + entries.get(0), admin(), false).status())
                .isEqualTo(404);

        // edits show on reload; leafCount follows the contents
        call("PUT", "/playlists/" + id + "?title.locked=1&title.value=" + enc("New PL"), admin(), false);
        call("PUT", "/playlists/" + id + "?summary=Sum", admin(), false);
        JsonNode reloaded = json(get("/playlists/" + id + "?includeBandwidths=1", true).body()).path("Metadata")
                .get(0);
        assertThat(reloaded.path("title").asText()).isEqualTo("New PL");
        assertThat(reloaded.path("summary").asText()).isEqualTo("Sum");
        assertThat(reloaded.path("leafCount").asInt()).isEqualTo(3);

        // per account: the shared user has none of the owner's
        assertThat(json(call("GET", "/playlists", shared(), true).body()).path("size").asInt()).isZero();
        assertThat(call("GET", "/playlists/" + id, shared(), true).status()).isEqualTo(404);

        assertThat(call("DELETE", "/playlists/" + id, admin(), false).status()).isEqualTo(200);
        assertThat(json(get("/playlists", true).body()).path("size").asInt()).isZero();
        assertThat(get("/playlists/" + id, true).status()).isEqualTo(404);
    }

    @Test
    void smartPlaylistIsALiveSearch() {
        // python-plexapi's createSmart: the section search key inside a server:// URI, encoded once more
        String search = "/library/sections/1/all?includeGuids=1&limit=2&sort=movie.titleSort%3Adesc&type=1"
                + "&year%3E%3E=2000";
        Reply r = call("POST", "/playlists?smart=1&title=Smart&type=video&uri=" + enc(lib() + search), admin(), true);
        assertThat(r.status()).isEqualTo(200);
        JsonNode pl = json(r.body()).path("Metadata").get(0);
        assertThat(pl.path("smart").asBoolean()).isTrue();
        assertThat(pl.path("librarySectionID").asInt()).isEqualTo(1);
        assertThat(pl.path("content").asText()).startsWith("library://x/directory/%2Flibrary%2Fsections%2F1%2Fall%3F")
                .contains("year%253E%253E%3D2000");
        String id = pl.path("ratingKey").asText();

        List<Item> expected = world.itemsOfType(MediaType.MOVIE).stream().filter(m -> m.year() > 2000)
                .sorted(Comparator.comparing((Item m) -> m.sortTitle().toLowerCase(Locale.ROOT)).reversed()
                        .thenComparingInt(Item::ratingKey))
                .limit(2).toList();
        JsonNode items = json(get("/playlists/" + id + "/items", true).body());
        assertThat(itemKeys(items)).containsExactlyElementsOf(expected.stream().map(Item::ratingKey).toList());
        assertThat(pl.path("leafCount").asInt()).isEqualTo(2);
        // one by one changes are refused; updateFilters replaces the query
        int entry = entryIds(items).get(0);
        assertThat(call("DELETE", "/playlists/" + id + "/items/" + entry, admin(), false).status()).isEqualTo(400);
        call("PUT", "/playlists/" + id + "/items?uri=" + enc(lib() + "/library/sections/1/all?type=1&limit=5"),
                admin(), false);
        assertThat(itemKeys(json(get("/playlists/" + id + "/items", true).body()))).hasSize(5);
        // a smart playlist needs a section URI, a regular one items
        assertThat(call("POST", "/playlists?smart=1&title=X&type=video&uri=" + enc(lib() + "/library/metadata/1"),
                admin(), false).status()).isEqualTo(400);
        assertThat(call("POST", "/playlists?smart=0&title=X&type=film&uri=" + enc(lib() + "/library/metadata/1"),
                admin(), false).status()).isEqualTo(400);
    }
}
