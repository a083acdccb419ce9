package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import java.util.Locale;

/**
 * Filtered search as python-plexapi drives it (plex-search.md §2-3): learn the filters from {@code <Meta>}, resolve tag
 * values through a filter's choice list, then send the request lines it sends. Expectations come from the world.
 */
class PlexSearchTest extends PlexSimSupport {

    static JsonNode json(String body) {
        return PlexReadTest.json(body);
    }

    /** Rating keys of a JSON listing, all pages. */
    List<Integer> keys(String pathAndQuery) {
        Reply r = get(pathAndQuery, true);
        assertThat(r.status()).as(pathAndQuery).isEqualTo(200);
        List<Integer> out = new ArrayList<>();
        json(r.body()).path("Metadata").forEach(n -> out.add(Integer.parseInt(n.path("ratingKey").asText())));
        return out;
    }

    List<Item> movies() {
        return world.itemsOfType(MediaType.MOVIE);
    }

    static List<Integer> keysOf(List<Item> items) {
        return items.stream().map(Item::ratingKey).toList();
    }

    @Test
    void includeMetaListsTypesFiltersSortsFieldsAndOperators() {
        // python-plexapi's first two calls: both answer 200, with <Meta> and no items
        Reply xml = get("/library/sections/1/all?includeMeta=1&includeAdvanced=1&X-Plex-Container-Start=0"
                + "&X-Plex-Container-Size=0", false);
        assertThat(xml.status()).isEqualTo(200);
        String b = xml.body();
        assertThat(b).contains("totalSize=\"" + movies().size() + "\"").doesNotContain("<Video ");
        assertThat(b).contains("<Type key=\"/library/sections/1/all?type=1\" type=\"movie\" title=\"Movies\"");
        assertThat(b).contains("<Filter filter=\"genre\" filterType=\"string\" key=\"/library/sections/1/genre?type=1\"");
        assertThat(b).contains("<Field key=\"audienceRating\" title=\"Audience Rating\" type=\"integer\"");
        assertThat(b).contains("<Field key=\"unwatched\"").contains("<Field key=\"decade\"");
        assertThat(b).contains("key=\"addedAt\"").contains("descKey=\"addedAt:desc\"");
        // operators escaped in XML, titles as python-plexapi's tests read them
        assertThat(b).contains("<Operator key=\"&gt;&gt;=\" title=\"is greater than\"");
        assertThat(b).contains("<Operator key=\"&lt;=\" title=\"begins with\"");
        assertThat(get("/library/sections/1/collections?includeMeta=1&includeAdvanced=1"
                + "&X-Plex-Container-Start=0&X-Plex-Container-Size=0", false).status()).isEqualTo(200);

        JsonNode tv = json(get("/library/sections/2/all?includeMeta=1&X-Plex-Container-Size=0", true).body());
        JsonNode types = tv.path("Meta").path("Type");
        assertThat(types).extracting(t -> t.path("type").asText()).containsExactly("show", "season", "episode");
        List<String> episodeFields = new ArrayList<>();
        types.get(2).path("Field").forEach(f -> episodeFields.add(f.path("key").asText()));
        assertThat(episodeFields).contains("episode.unwatched", "episode.title", "episode.addedAt");
        assertThat(tv.path("Meta").path("FieldType")).extracting(t -> t.path("type").asText())
                .contains("tag", "integer", "string", "boolean", "date", "resolution");
        assertThat(tv.path("Metadata").isMissingNode()).isTrue();
    }

    @Test
    void tagFilterThroughItsChoiceList() {
        JsonNode choices = json(get("/library/sections/1/genre?type=1", true).body());
        JsonNode first = choices.path("Directory").get(0);
        String genre = first.path("title").asText();
        String id = first.path("key").asText();
        assertThat(first.path("fastKey").asText()).isEqualTo("/library/sections/1/all?type=1&genre=" + id);
        List<Integer> expected = keysOf(movies().stream().filter(m -> m.genres().contains(genre)).toList());
        assertThat(expected).isNotEmpty();
        assertThat(keys("/library/sections/1/all?includeGuids=1&type=1&genre=" + id))
                .containsExactlyInAnyOrderElementsOf(expected);
        // by name too, and "is not"
        assertThat(keys("/library/sections/1/all?genre=" + enc(genre))).hasSameSizeAs(expected);
        assertThat(keys("/library/sections/1/all?genre%21=" + id)).hasSize(movies().size() - expected.size());
    }

    @Test
    void greaterThanOperatorFiltersInsteadOfReturningEverything() {
        List<Integer> expected = keysOf(movies().stream().filter(m -> m.audienceRating() > 8).toList());
        assertThat(expected).isNotEmpty().hasSizeLessThan(movies().size());
        // exactly python-plexapi's encoding of filters={'audienceRating>>': 8}
        assertThat(keys("/library/sections/1/all?includeGuids=1&audienceRating%3E%3E=8"))
                .containsExactlyInAnyOrderElementsOf(expected);
        List<Integer> low = keysOf(movies().stream().filter(m -> m.year() > 0 && m.year() < 2000).toList());
        assertThat(keys("/library/sections/1/all?year%3C%3C=2000")).containsExactlyInAnyOrderElementsOf(low);
    }

    @Test
    void yearUnwatchedAndSortAddedAtDesc() {
        int year = movies().get(0).year();
        List<Item> inYear = movies().stream().filter(m -> m.year() == year).toList();
        List<Integer> got = keys("/library/sections/1/all?includeGuids=1&sort=movie.addedAt%3Adesc&type=1&year="
                + year);
        assertThat(got).containsExactlyElementsOf(keysOf(inYear.stream()
                .sorted(Comparator.comparingLong(Item::addedAt).reversed().thenComparingInt(Item::ratingKey))
                .toList()));
        // year OR year, decade
        int decade = year / 10 * 10;
        assertThat(keys("/library/sections/1/all?decade=" + decade)).containsExactlyInAnyOrderElementsOf(
                keysOf(movies().stream().filter(m -> m.year() / 10 * 10 == decade).toList()));

        List<Integer> unwatched = keys("/library/sections/1/all?unwatched=1");
        List<Integer> watched = keys("/library/sections/1/all?unwatched=0");
        assertThat(unwatched).isNotEmpty().doesNotContainAnyElementsOf(watched);
        assertThat(unwatched.size() + watched.size()).isEqualTo(movies().size());
        JsonNode w = json(get("/library/metadata/" + watched.get(0), true).body()).path("Metadata").get(0);
        assertThat(w.path("viewCount").asInt()).isPositive();
    }

    @Test
    void multiKeySortWithLibtypePrefix() {
        List<Integer> got = keys("/library/sections/1/all?sort=movie.year%3Adesc%2Cmovie.titleSort");
        assertThat(got).containsExactlyElementsOf(keysOf(movies().stream()
                .sorted(Comparator.comparingInt(Item::year).reversed()
                        .thenComparing((Item i) -> i.sortTitle().toLowerCase(Locale.ROOT))
                        .thenComparingInt(Item::ratingKey))
                .toList()));
    }

    @Test
    void stringOperators() {
        Item m = movies().get(3);
        String title = m.title();
        String firstWord = title.split(" ")[0];
        // the fixed title= argument: contains, any case
        assertThat(keys("/library/sections/1/all?title=" + enc(firstWord.toLowerCase()))).contains(m.ratingKey());
        // title== (python-plexapi 'title=' key): exact, sent with quote_plus
        List<Integer> exact = keys("/library/sections/1/all?title%3D=" + title.replace(' ', '+'));
        assertThat(exact).contains(m.ratingKey()).allSatisfy(
                k -> assertThat(world.item(k).orElseThrow().title()).isEqualToIgnoringCase(title));
        // begins with / does not contain
        assertThat(keys("/library/sections/1/all?title%3C=" + enc(firstWord))).allSatisfy(k -> assertThat(
                world.item(k).orElseThrow().title().toLowerCase()).startsWith(firstWord.toLowerCase()));
        assertThat(keys("/library/sections/1/all?title%21=" + enc(firstWord))).doesNotContain(m.ratingKey());
    }

    @Test
    void episodesByShowAlbumsByArtistShowsByEpisode() {
        Item show = world.itemsOfType(MediaType.SHOW).get(0);
        List<Integer> eps = keysOf(world.itemsOfType(MediaType.EPISODE).stream()
                .filter(e -> e.grandparentRatingKey() == show.ratingKey()).toList());
        assertThat(keys("/library/sections/2/all?type=4&show.id=" + show.ratingKey()))
                .containsExactlyInAnyOrderElementsOf(eps);
        assertThat(keys("/library/sections/2/all?type=4&show.title%3D=" + enc(show.title())))
                .containsAll(eps);

        Item artist = world.itemsOfType(MediaType.ARTIST).get(0);
        List<Integer> albums = keysOf(world.children(artist.ratingKey()));
        assertThat(keys("/library/sections/3/all?type=9&artist.id=" + artist.ratingKey()))
                .containsExactlyInAnyOrderElementsOf(albums);

        // tv.search(unwatched=True): shows with an unwatched episode
        Set<Integer> withUnwatched = new TreeSet<>();
        List<Integer> unwatchedEps = keys("/library/sections/2/all?type=4&unwatched=1");
        for (int k : unwatchedEps) {
            withUnwatched.add(world.item(k).orElseThrow().grandparentRatingKey());
        }
        assertThat(keys("/library/sections/2/all?includeGuids=1&episode.unwatched=1"))
                .containsExactlyInAnyOrderElementsOf(withUnwatched);
    }

    @Test
    void advancedFiltersGroupWithPushOrPop() {
        Item a = movies().get(1);
        Item b = movies().get(2);
        int y = Math.min(a.year(), b.year()) - 1;
        // filters={'and': [{'or': [{'title': A}, {'title': B}]}, {'year>>': y}]}
        String q = "/library/sections/1/all?includeGuids=1&push=1&push=1&title=" + enc(a.title()) + "&or=1&title="
                + enc(b.title()) + "&pop=1&and=1&year%3E%3E=" + y + "&pop=1";
        List<Integer> got = keys(q);
        assertThat(got).contains(a.ratingKey(), b.ratingKey()).allSatisfy(k -> {
            Item it = world.item(k).orElseThrow();
            assertThat(it.title().toLowerCase().contains(a.title().toLowerCase())
                    || it.title().toLowerCase().contains(b.title().toLowerCase())).isTrue();
            assertThat(it.year()).isGreaterThan(y);
        });
        // repeated tag parameter = AND
        Item two = movies().stream().filter(m -> m.genres().size() >= 2).findFirst().orElseThrow();
        List<Integer> both = keys("/library/sections/1/all?genre=" + enc(two.genres().get(0)) + "&genre="
                + enc(two.genres().get(1)));
        assertThat(both).contains(two.ratingKey()).allSatisfy(k -> assertThat(world.item(k).orElseThrow().genres())
                .contains(two.genres().get(0), two.genres().get(1)));
    }

    @Test
    void relativeDatesAndLimit() {
        long now = clock.instant().getEpochSecond();
        List<Integer> recent = keysOf(movies().stream().filter(m -> m.addedAt() > now - 365L * 86_400).toList());
        assertThat(keys("/library/sections/1/all?addedAt%3E%3E=-365d")).containsExactlyInAnyOrderElementsOf(recent);
        assertThat(keys("/library/sections/1/all?sort=movie.addedAt%3Adesc&limit=3")).hasSize(3);
        Set<String> resolutions = movies().stream().map(m -> Search.resolution(m.media().videoResolution()))
                .collect(Collectors.toSet());
        String res = resolutions.iterator().next();
        assertThat(json(get("/library/sections/1/resolution?type=1", true).body()).path("Directory"))
                .extracting(d -> d.path("key").asText()).containsExactlyInAnyOrderElementsOf(resolutions);
        assertThat(keys("/library/sections/1/all?resolution=" + res)).allSatisfy(k -> assertThat(
                Search.resolution(world.item(k).orElseThrow().media().videoResolution())).isEqualTo(res));
    }
}
