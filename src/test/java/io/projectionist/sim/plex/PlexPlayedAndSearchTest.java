package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.TranscodeDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Played state and ratings as python-plexapi writes them (plex-search.md §5), and what later reads show; hub search,
 * the library-wide title search and the transcode sessions list.
 */
class PlexPlayedAndSearchTest extends PlexSimSupport {

    static JsonNode json(String body) {
        return PlexReadTest.json(body);
    }

    JsonNode meta(int rk) {
        return json(get("/library/metadata/" + rk, true).body()).path("Metadata").get(0);
    }

    List<Integer> keys(String pathAndQuery) {
        List<Integer> out = new ArrayList<>();
        json(get(pathAndQuery, true).body()).path("Metadata")
                .forEach(n -> out.add(Integer.parseInt(n.path("ratingKey").asText())));
        return out;
    }

    static final String LIB = "&identifier=com.plexapp.plugins.library";

    @Test
    void scrobbleUnscrobbleProgressAndRateChangeLaterReads() {
        List<Integer> unwatched = keys("/library/sections/1/all?unwatched=1");
        int rk = unwatched.get(0);
        assertThat(meta(rk).has("viewCount")).isFalse();

        assertThat(get("/:/scrobble?key=" + rk + LIB, false).status()).isEqualTo(200);
        JsonNode m = meta(rk);
        assertThat(m.path("viewCount").asInt()).isEqualTo(1);
        assertThat(m.path("lastViewedAt").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(keys("/library/sections/1/all?unwatched=1")).doesNotContain(rk).hasSize(unwatched.size() - 1);

        assertThat(get("/:/unscrobble?key=" + rk + LIB, false).status()).isEqualTo(200);
        assertThat(meta(rk).has("viewCount")).isFalse();
        assertThat(keys("/library/sections/1/all?unwatched=1")).contains(rk);

        // progress: viewOffset, and the item is continued
        assertThat(get("/:/progress?key=" + rk + LIB + "&time=90000&state=stopped", false).status()).isEqualTo(200);
        assertThat(meta(rk).path("viewOffset").asLong()).isEqualTo(90_000);
        assertThat(keys("/hubs/continueWatching/items")).contains(rk);
        assertThat(keys("/library/onDeck")).contains(rk);
        get("/:/unscrobble?key=" + rk + LIB, false);
        assertThat(keys("/hubs/continueWatching/items")).doesNotContain(rk);

        // rate, filter and sort on it, clear it
        assertThat(call("PUT", "/:/rate?key=" + rk + LIB + "&rating=7", admin(), false).status()).isEqualTo(200);
        assertThat(meta(rk).path("userRating").asDouble()).isEqualTo(7.0);
        assertThat(meta(rk).has("lastRatedAt")).isTrue();
        assertThat(keys("/library/sections/1/all?userRating%3E%3E=5")).containsExactly(rk);
        assertThat(keys("/library/sections/1/all?sort=movie.userRating%3Adesc").get(0)).isEqualTo(rk);
        call("PUT", "/:/rate?key=" + rk + LIB + "&rating=-1", admin(), false);
        assertThat(meta(rk).has("userRating")).isFalse();
        assertThat(call("PUT", "/:/rate?key=" + rk + LIB + "&rating=11", admin(), false).status()).isEqualTo(400);

        // a show: every episode played, viewedLeafCount == leafCount
        Item show = world.itemsOfType(MediaType.SHOW).get(0);
        get("/:/scrobble?key=" + show.ratingKey() + LIB, false);
        JsonNode s = meta(show.ratingKey());
        assertThat(s.path("viewedLeafCount").asInt()).isEqualTo(s.path("leafCount").asInt()).isPositive();
        // per account: the shared user's view state is untouched
        assertThat(get("/:/scrobble?key=999999" + LIB, false).status()).isEqualTo(404);
    }

    @Test
    void hubSearchSplitsMatchesByType() {
        Item movie = world.itemsOfType(MediaType.MOVIE).get(7);
        String word = movie.title().split(" ")[0].toLowerCase(Locale.ROOT);
        Reply r = get("/hubs/search?query=" + enc(word) + "&includeCollections=1&includeExternalMedia=1&limit=50",
                false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<Hub title=\"Movies\" type=\"movie\" hubIdentifier=\"movie\"");
        JsonNode hubs = json(get("/hubs/search?query=" + enc(word) + "&limit=50&sectionId=1", true).body())
                .path("Hub");
        JsonNode movies = hubs.get(0);
        assertThat(movies.path("type").asText()).isEqualTo("movie");
        List<Integer> found = new ArrayList<>();
        movies.path("Metadata").forEach(n -> found.add(Integer.parseInt(n.path("ratingKey").asText())));
        assertThat(found).contains(movie.ratingKey()).allSatisfy(k -> assertThat(
                world.item(k).orElseThrow().title().toLowerCase(Locale.ROOT)).contains(word));
        // limit per hub, more= says there is more
        JsonNode small = json(get("/hubs/search?query=e&limit=1", true).body()).path("Hub").get(0);
        assertThat(small.path("Metadata")).hasSize(1);
        assertThat(small.path("more").asBoolean()).isTrue();
        // a genre hub of tag directories
        String genre = movie.genres().get(0);
        JsonNode g = null;
        for (JsonNode h : json(get("/hubs/search?query=" + enc(genre) + "&sectionId=1", true).body()).path("Hub")) {
            if (h.path("type").asText().equals("genre")) {
                g = h.path("Directory").get(0);
            }
        }
        assertThat(g).isNotNull();
        assertThat(g.path("tag").asText()).isEqualTo(genre);
        assertThat(g.path("filter").asText()).isEqualTo("genre=" + g.path("id").asInt());
        assertThat(g.path("librarySectionID").asInt()).isEqualTo(1);
        assertThat(get("/hubs/search", false).status()).isEqualTo(400);
    }

    @Test
    void libraryAllTitleSearchesEverySection() {
        Item ep = world.itemsOfType(MediaType.EPISODE).get(0);
        List<Integer> got = keys("/library/all?title=" + enc(ep.title()) + "&type=4");
        assertThat(got).contains(ep.ratingKey()).allSatisfy(k -> assertThat(world.item(k).orElseThrow().type())
                .isEqualTo(MediaType.EPISODE));
        Item movie = world.itemsOfType(MediaType.MOVIE).get(0);
        assertThat(keys("/library/all?title=" + enc(movie.title()))).contains(movie.ratingKey());
    }

    @Test
    void transcodeSessionsMatchTheLiveSessions() {
        int movie = world.itemsOfType(MediaType.MOVIE).get(0).ratingKey();
        int ep = world.itemsOfType(MediaType.EPISODE).get(0).ratingKey();
        sessions.start(world.users().get(0).userId(), movie,
                LiveSessions.StartOptions.defaults().withDecision(TranscodeDecision.TRANSCODE));
        sessions.start(world.users().get(1).userId(), ep,
                LiveSessions.StartOptions.defaults().withDecision(TranscodeDecision.DIRECT_PLAY));
        long transcoding = sessions.list().stream()
                .filter(s -> s.transcodeDecision() == TranscodeDecision.TRANSCODE).count();
        JsonNode mc = json(get("/transcode/sessions", true).body());
        assertThat(transcoding).isEqualTo(1);
        assertThat(mc.path("size").asLong()).isEqualTo(transcoding);
        assertThat(mc.path("TranscodeSession").get(0).path("videoDecision").asText()).isEqualTo("transcode");
        for (LiveSession s : sessions.list()) {
            if (s.transcodeDecision() == TranscodeDecision.TRANSCODE) {
                assertThat(get("/transcode/sessions", false).body()).contains("key=\"" + s.transcodeKey() + "\"");
            }
        }
    }
}
