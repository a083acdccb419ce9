package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.PlexFormat;
import io.projectionist.plex.PlexNotFoundException;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Collections: create, fill, reorder, edit, delete, and the tag path Kometa uses. */
class PlexCollectionsTest extends PlexSimSupport {

    List<String> movieKeys(int from, int n) {
        return world.itemsOfType(MediaType.MOVIE).subList(from, from + n).stream()
                .map(i -> String.valueOf(i.ratingKey())).toList();
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void lifecycleThroughTheClient(PlexFormat format) {
        PlexClient c = client(format);
        List<String> keys = movieKeys(0, 3);
        PlexCollection created = c.createCollection("1", "Friday Night", PlexItemType.MOVIE, keys);
        assertThat(created).isNotNull();
        assertThat(created.title()).isEqualTo("Friday Night");
        assertThat(created.subtype()).isEqualTo("movie");
        assertThat(created.childCount()).isEqualTo(3);
        assertThat(created.librarySectionID()).isEqualTo("1");
        String rk = created.ratingKey();
        assertThat(world.item(rk)).isEmpty(); // no clash with library items
        assertThat(plex.state().collection(Integer.parseInt(rk))).isPresent();

        assertThat(c.collections("1")).extracting(PlexCollection::ratingKey).containsExactly(rk);
        assertThat(c.collections("2")).isEmpty();
        assertThat(c.collectionItems(rk)).extracting(PlexItem::ratingKey).containsExactlyInAnyOrderElementsOf(keys);

        // items carry the collection tag
        PlexItem member = c.metadata(List.of(keys.get(0))).get(keys.get(0));
        assertThat(PlexItem.names(member.collections())).containsExactly("Friday Night");

        c.addToCollection(rk, movieKeys(3, 2));
        assertThat(c.collectionItems(rk)).hasSize(5);
        c.removeFromCollection(rk, List.of(keys.get(1)));
        assertThat(c.collectionItems(rk)).extracting(PlexItem::ratingKey).hasSize(4).doesNotContain(keys.get(1));

        // custom order: move is effective with collectionSort=2
        assertThat(call("PUT", "/library/collections/" + rk + "/prefs?collectionSort=2", admin(), false).status())
                .isEqualTo(200);
        List<String> before = c.collectionItems(rk).stream().map(PlexItem::ratingKey).toList();
        String last = before.get(3);
        c.moveCollectionItem(rk, last, null);
        assertThat(c.collectionItems(rk).get(0).ratingKey()).isEqualTo(last);
        c.moveCollectionItem(rk, last, before.get(1));
        List<String> after = c.collectionItems(rk).stream().map(PlexItem::ratingKey).toList();
        assertThat(after).containsExactly(before.get(0), before.get(1), last, before.get(2));

        c.editCollection("1", rk, "Saturday Night", "Popcorn");
        PlexItem detail = c.metadata(List.of(rk)).get(rk);
        assertThat(detail.title()).isEqualTo("Saturday Night");
        assertThat(detail.summary()).isEqualTo("Popcorn");
        assertThat(c.collections("1").get(0).collectionSort()).isEqualTo(2);
        Reply raw = get("/library/collections/" + rk, false);
        assertThat(raw.body()).contains("<Field locked=\"1\" name=\"summary\"")
                .contains("<Field locked=\"1\" name=\"title\"");

        c.deleteCollection(rk);
        assertThat(c.collections("1")).isEmpty();
        assertThatThrownBy(() -> c.collectionItems(rk)).isInstanceOf(PlexNotFoundException.class);
        assertThat(get("/library/collections/" + rk, false).status()).isEqualTo(404);
    }

    @Test
    void createRulesAndResponseShape() {
        String uri = enc("server://" + mid() + "/com.plexapp.plugins.library/library/metadata/"
                + String.join(",", movieKeys(0, 2)));
        Reply bad18 = call("POST", "/library/collections?sectionId=1&smart=0&title=X&type=18&uri=" + uri, admin(),
                true);
        assertThat(bad18.status()).isEqualTo(400);
        assertThat(bad18.contentType()).startsWith("text/html");
        assertThat(call("POST", "/library/collections?sectionId=9&smart=0&title=X&type=1&uri=" + uri, admin(), false)
                .status()).isEqualTo(400);
        assertThat(call("POST", "/library/collections?sectionId=2&smart=0&title=X&type=1&uri=" + uri, admin(), false)
                .status()).isEqualTo(400);
        Reply ok = call("POST", "/library/collections?sectionId=1&smart=0&title=" + enc("Two & more")
                + "&type=1&uri=" + uri, admin(), true);
        assertThat(ok.status()).isEqualTo(200);
        JsonNode mc = PlexReadTest.json(ok.body());
        JsonNode col = mc.path("Metadata").get(0);
        assertThat(col.path("type").asText()).isEqualTo("collection");
        assertThat(col.path("ratingKey").isTextual()).isTrue();
        assertThat(col.path("title").asText()).isEqualTo("Two & more");
        assertThat(col.path("childCount").asInt()).isEqualTo(2);
        assertThat(col.path("guid").asText()).startsWith("collection://");
        // empty collection (Kometa's form)
        Reply empty = call("POST", "/library/collections?sectionId=2&smart=0&title=Shows&type=2&uri="
                + enc("server://" + mid() + "/com.plexapp.plugins.library/library/metadata"), admin(), false);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("childCount=\"0\"").contains("subtype=\"show\"");
        // listing has no Label, detail does
        int rk = col.path("ratingKey").asInt();
        assertThat(call("PUT", "/library/sections/1/all?type=18&id=" + rk + "&label%5B0%5D.tag.tag=Kometa", admin(),
                false).status()).isEqualTo(200);
        assertThat(get("/library/sections/1/all?type=18", false).body()).doesNotContain("<Label");
        assertThat(get("/library/collections/" + rk, false).body()).contains("<Label tag=\"Kometa\"");
        assertThat(get("/library/metadata/" + rk + "?includePreferences=1", false).body())
                .contains("<Setting id=\"collectionSort\"");
    }

    @Test
    void tagPathWithRawBracketKeysCreatesImplicitly() {
        List<String> keys = movieKeys(10, 3);
        String target = "/library/sections/1/all?collection.locked=1&collection[0].tag.tag=" + enc("Date Night")
                + "&id=" + String.join(",", keys) + "&type=1";
        Reply r = raw("PUT", target, admin());
        assertThat(r.status()).isEqualTo(200);
        List<CollectionInfo> cols = plex.state().collections(1);
        assertThat(cols).hasSize(1);
        CollectionInfo c = cols.get(0);
        assertThat(c.title()).isEqualTo("Date Night");
        assertThat(c.items()).containsExactlyElementsOf(keys.stream().map(Integer::valueOf).toList());
        assertThat(c.itemType()).isEqualTo(MediaType.MOVIE);
        PlexItem item = client(PlexFormat.xml).metadata(List.of(keys.get(0))).get(keys.get(0));
        assertThat(PlexItem.names(item.collections())).containsExactly("Date Night");
        assertThat(get("/library/metadata/" + keys.get(0), false).body())
                .contains("<Field locked=\"1\" name=\"collection\"");

        // a second tag call with the same title adds to the same collection
        Reply more = raw("PUT", "/library/sections/1/all?type=1&id=" + movieKeys(13, 1).get(0)
                + "&collection[0].tag.tag=" + enc("Date Night"), admin());
        assertThat(more.status()).isEqualTo(200);
        assertThat(plex.state().collections(1)).hasSize(1);
        assertThat(plex.state().collections(1).get(0).items()).hasSize(4);

        // removal: collection[].tag.tag-=
        Reply rm = raw("PUT", "/library/sections/1/all?type=1&id=" + keys.get(0) + "," + keys.get(1)
                + "&collection[].tag.tag-=" + enc("Date Night"), admin());
        assertThat(rm.status()).isEqualTo(200);
        assertThat(plex.state().collections(1).get(0).items()).hasSize(2)
                .doesNotContain(Integer.valueOf(keys.get(0)), Integer.valueOf(keys.get(1)));
    }

    @Test
    void tagPathWithSortedPercentEncodedKeysAndDoubleEncodedValues() {
        List<String> keys = movieKeys(20, 2);
        // python-plexapi: keys sorted case-insensitively, keys percent-encoded by the HTTP stack, the value quoted
        // once and then encoded again (so it arrives double-encoded)
        String title = "Kids & Family, Vol. 1";
        String once = enc(title);
        String query = "collection%5B0%5D.tag.tag=" + enc(once) + "&collection.locked=1&id="
                + enc(String.join(",", keys)) + "&type=1&X-Plex-Token=" + admin();
        Reply r = call("PUT", "/library/sections/1/all?" + query, null, false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(plex.state().collections(1)).singleElement()
                .satisfies(c -> {
                    assertThat(c.title()).isEqualTo(title);
                    assertThat(c.items()).hasSize(2);
                });
        // TV section: type=2 shows, and unknown parameters are ignored
        Item show = world.itemsOfType(MediaType.SHOW).get(0);
        Reply tv = call("PUT", "/library/sections/2/all?type=2&id=" + show.ratingKey()
                + "&collection%5B0%5D.tag.tag=Binge&includeExternalMedia=1&X-Plex-Language=en", admin(), false);
        assertThat(tv.status()).isEqualTo(200);
        assertThat(plex.state().collections(2)).singleElement()
                .satisfies(c -> assertThat(c.subtype()).isEqualTo("show"));
        // a type that does not belong in the section
        assertThat(call("PUT", "/library/sections/2/all?type=1&id=1&collection%5B0%5D.tag.tag=X", admin(), false)
                .status()).isEqualTo(400);
    }

    @Test
    void writesNeedTheAdminToken() {
        PlexClient sharedClient = client(PlexFormat.xml, shared());
        assertThatThrownBy(() -> sharedClient.createCollection("1", "Nope", PlexItemType.MOVIE, movieKeys(0, 1)))
                .isInstanceOfSatisfying(PlexException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
        CollectionInfo c = plex.state().create(1, "Mine", 1, List.of(world.itemsOfType(MediaType.MOVIE).get(0)
                .ratingKey()));
        String rk = String.valueOf(c.ratingKey());
        assertThat(sharedClient.collections("1")).hasSize(1); // reads are fine
        assertThat(call("DELETE", "/library/collections/" + rk, shared(), false).status()).isEqualTo(403);
        assertThat(call("PUT", "/library/collections/" + rk + "/prefs?collectionMode=1", shared(), false).status())
                .isEqualTo(403);
        Reply edit = call("PUT", "/library/sections/1/all?type=18&id=" + rk + "&title.value=x", shared(), false);
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.body()).isEqualTo("<html><head><title>Forbidden</title></head><body><h1>403 Forbidden</h1>"
                + "</body></html>");
        assertThat(plex.state().collection(c.ratingKey()).orElseThrow().title()).isEqualTo("Mine");
        Map<String, PlexItem> viaShared = sharedClient.metadata(List.of(rk));
        assertThat(viaShared).containsKey(rk);
    }

    @Test
    void itemErrors() {
        CollectionInfo c = plex.state().create(1, "Errs", 1, List.of(world.itemsOfType(MediaType.MOVIE).get(0)
                .ratingKey(), world.itemsOfType(MediaType.MOVIE).get(1).ratingKey()));
        String base = "/library/collections/" + c.ratingKey();
        int notIn = world.itemsOfType(MediaType.MOVIE).get(5).ratingKey();
        assertThat(call("DELETE", base + "/items/" + notIn, admin(), false).status()).isEqualTo(404);
        assertThat(call("PUT", base + "/items/" + c.items().get(0) + "/move?after=" + notIn, admin(), false)
                .status()).isEqualTo(400);
        assertThat(call("PUT", base + "/prefs?collectionSort=7", admin(), false).status()).isEqualTo(400);
        assertThat(call("PUT", base + "/items?uri=" + enc("server://othermachine/com.plexapp.plugins.library"
                + "/library/metadata/1"), admin(), false).status()).isEqualTo(400);
        assertThat(call("DELETE", "/library/collections/77", admin(), false).status()).isEqualTo(404);
    }
}
