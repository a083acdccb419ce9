package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field and tag edits on items with python-plexapi's request lines (plex-search.md §6), seen on reload and in search. */
class PlexEditsTest extends PlexSimSupport {

    static JsonNode json(String body) {
        return PlexReadTest.json(body);
    }

    JsonNode meta(int rk) {
        return json(get("/library/metadata/" + rk + "?includeMarkers=1", true).body()).path("Metadata").get(0);
    }

    static List<String> names(JsonNode item, String element, String attr) {
        List<String> out = new ArrayList<>();
        item.path(element).forEach(n -> out.add(n.path(attr).asText()));
        return out;
    }

    @Test
    void titleEditWithLock() {
        Item m = world.itemsOfType(MediaType.MOVIE).get(4);
        int rk = m.ratingKey();
        Reply r = raw("PUT", "/library/sections/1/all?id=" + rk + "&title.locked=1&title.value=New%20Title&type=1",
                admin());
        assertThat(r.status()).isEqualTo(200);
        JsonNode it = meta(rk);
        assertThat(it.path("title").asText()).isEqualTo("New Title");
        assertThat(names(it, "Field", "name")).contains("title");
        // the new title is what searches read
        assertThat(json(get("/library/sections/1/all?title=" + enc("new title"), true).body()).path("Metadata"))
                .extracting(n -> n.path("ratingKey").asText()).containsExactly(String.valueOf(rk));
        assertThat(get("/library/sections/1/all?title=" + enc("New Title"), false).body())
                .contains("title=\"New Title\"");
        // editTitle(..., locked=False): no Field element remains
        raw("PUT", "/library/sections/1/all?id=" + rk + "&title.locked=0&title.value=New%20Title&type=1", admin());
        assertThat(names(meta(rk), "Field", "name")).doesNotContain("title");
        // only the item named by id changed
        Item other = world.itemsOfType(MediaType.MOVIE).get(5);
        assertThat(meta(other.ratingKey()).path("title").asText()).isEqualTo(other.title());
    }

    @Test
    void labelsAddedAndRemovedRoundTripAnyCharacters() {
        Item m = world.itemsOfType(MediaType.MOVIE).get(2);
        int rk = m.ratingKey();
        String odd = "Test Tag !@#$%^&*()-_=+[];:'\"/?,.";
        Reply r = raw("PUT", "/library/sections/1/all?id=" + rk + "&label.locked=1&label%5B0%5D.tag.tag="
                + enc("Fav Label") + "&label%5B1%5D.tag.tag=" + enc(odd) + "&type=1", admin());
        assertThat(r.status()).isEqualTo(200);
        JsonNode it = meta(rk);
        assertThat(names(it, "Label", "tag")).contains("Fav Label", odd).containsAll(m.labels());
        assertThat(names(it, "Field", "name")).contains("label");
        JsonNode fav = null;
        for (JsonNode l : it.path("Label")) {
            if (l.path("tag").asText().equals("Fav Label")) {
                fav = l;
            }
        }
        assertThat(fav.path("filter").asText()).isEqualTo("label=" + fav.path("id").asInt());
        // the label's choice key finds the item
        String id = fav.path("id").asText();
        assertThat(json(get("/library/sections/1/all?label=" + id, true).body()).path("Metadata"))
                .extracting(n -> n.path("ratingKey").asText()).containsExactly(String.valueOf(rk));
        assertThat(json(get("/library/sections/1/label?type=1", true).body()).path("Directory"))
                .extracting(d -> d.path("title").asText()).contains("Fav Label");

        // removal: each tag quote()d, joined by ',', encoded again
        String removal = enc(enc("Fav Label") + "," + enc(odd));
        raw("PUT", "/library/sections/1/all?id=" + rk + "&label.locked=1&label%5B%5D.tag.tag-=" + removal
                + "&type=1", admin());
        assertThat(names(meta(rk), "Label", "tag")).doesNotContain("Fav Label", odd)
                .containsExactlyElementsOf(m.labels());
    }
}
