package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexFormat;
import io.projectionist.plex.model.PlexHistoryEntry;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.PlayRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import java.util.LinkedHashSet;

/** Reads through the real PlexClient in both formats, and raw where wire details matter. */
class PlexReadTest extends PlexSimSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body).path("MediaContainer");
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void identityAndServer(PlexFormat format) {
        PlexClient c = client(format, null);
        assertThat(c.identity().machineIdentifier()).isEqualTo(mid());
        assertThat(c.identity().claimed()).isTrue();
        var server = client(format).server();
        assertThat(server.friendlyName()).isEqualTo(world.server().friendlyName());
        assertThat(server.machineIdentifier()).isEqualTo(mid());
        assertThat(server.myPlexSubscription()).isTrue();
        assertThat(server.multiuser()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void sections(PlexFormat format) {
        List<PlexSection> s = client(format).sections();
        assertThat(s).extracting(PlexSection::key).containsExactly("1", "2", "3");
        assertThat(s).extracting(PlexSection::type).containsExactly("movie", "show", "artist");
        assertThat(s.get(0).title()).isEqualTo("Movies");
        assertThat(s.get(0).locations()).containsExactly(world.library(1).orElseThrow().locationPath());
        assertThat(s.get(0).hidden()).isFalse();
    }

    @Test
    void sectionsJsonTyping() {
        JsonNode mc = json(get("/library/sections", true).body());
        assertThat(mc.path("size").isInt()).isTrue();
        assertThat(mc.path("allowSync").isBoolean()).isTrue();
        JsonNode d = mc.path("Directory").get(0);
        assertThat(d.path("key").isTextual()).isTrue();
        assertThat(d.path("hidden").isInt()).isTrue();
        assertThat(d.path("Location").get(0).path("id").isInt()).isTrue();
        String xml = get("/library/sections", false).body();
        assertThat(xml).contains("<Directory allowSync=\"1\"").contains("refreshing=\"0\"");
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void sectionListingAllPagesWithGuids(PlexFormat format) {
        PlexClient c = PlexClient.builder().baseUrl(plex.url()).token(admin()).format(format).pageSize(37).build();
        List<PlexItem> movies = c.items("1", PlexItemType.MOVIE, null);
        List<Item> expected = world.itemsOfType(MediaType.MOVIE);
        assertThat(movies).hasSize(expected.size());
        assertThat(movies).extracting(PlexItem::ratingKey).doesNotHaveDuplicates();
        // default order: titleSort
        List<String> sorts = movies.stream().map(i -> i.titleSort() != null ? i.titleSort() : i.title()).toList();
        assertThat(sorts).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        PlexItem first = movies.get(0);
        Item w = world.item(first.ratingKey()).orElseThrow();
        assertThat(first.guids()).containsExactlyElementsOf(w.externalGuids());
        assertThat(first.librarySectionID()).isEqualTo("1"); // copied from the container
        assertThat(first.duration()).isEqualTo(w.durationMs());
        assertThat(first.media()).hasSize(1);
        assertThat(first.media().get(0).parts().get(0).file()).isEqualTo(w.media().file());

        List<PlexItem> episodes = c.items("2", PlexItemType.EPISODE, "addedAt:desc");
        assertThat(episodes).hasSize(world.itemsOfType(MediaType.EPISODE).size());
        assertThat(episodes).extracting(PlexItem::addedAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(episodes.get(0).grandparentTitle()).isNotBlank();
        assertThat(c.items("2", null, null)).hasSize(world.itemsOfType(MediaType.SHOW).size());
    }

    @Test
    void pagingWithHeadersAndWithQueryParameters() {
        int total = world.itemsOfType(MediaType.MOVIE).size();
        Reply h = call("GET", "/library/sections/1/all?type=1&includeGuids=1", admin(), false,
                "X-Plex-Container-Start", "10", "X-Plex-Container-Size", "5");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.contentType()).startsWith("text/xml");
        assertThat(h.body()).contains("size=\"5\"").contains("totalSize=\"" + total + "\"").contains("offset=\"10\"");
        assertThat(h.header("X-Plex-Container-Start")).isEqualTo("10");
        assertThat(h.header("X-Plex-Container-Total-Size")).isEqualTo(String.valueOf(total));
        assertThat(h.body().split("<Video ", -1).length - 1).isEqualTo(5);
        assertThat(h.body()).contains("<Guid id=");

        Reply q = call("GET", "/library/sections/1/all?type=1&X-Plex-Container-Start=10&X-Plex-Container-Size=5",
                admin(), true);
        JsonNode mc = json(q.body());
        assertThat(mc.path("size").asInt()).isEqualTo(5);
        assertThat(mc.path("totalSize").asInt()).isEqualTo(total);
        assertThat(mc.path("offset").asInt()).isEqualTo(10);
        assertThat(mc.path("librarySectionID").isInt()).isTrue();
        assertThat(mc.path("Metadata")).hasSize(5);
        // the same page in both forms, and without includeGuids no Guid children
        List<String> fromQuery = new ArrayList<>();
        mc.path("Metadata").forEach(n -> fromQuery.add(n.path("ratingKey").asText()));
        for (String rk : fromQuery) {
            assertThat(h.body()).contains("ratingKey=\"" + rk + "\"");
        }
        assertThat(mc.path("Metadata").get(0).has("Guid")).isFalse();
        assertThat(mc.path("Metadata").get(0).path("ratingKey").isTextual()).isTrue();
        assertThat(mc.path("Metadata").get(0).path("year").isInt()).isTrue();

        Reply zero = call("GET", "/library/sections/1/all", admin(), true, "X-Plex-Container-Start", "0",
                "X-Plex-Container-Size", "0");
        assertThat(json(zero.body()).path("size").asInt()).isZero();
        assertThat(json(zero.body()).path("totalSize").asInt()).isEqualTo(total);

        Reply limited = get("/library/sections/1/all?limit=7", true);
        assertThat(json(limited.body()).path("totalSize").asInt()).isEqualTo(7);

        Reply past = call("GET", "/library/sections/1/all", admin(), true, "X-Plex-Container-Start",
                String.valueOf(total + 5), "X-Plex-Container-Size", "10");
        assertThat(json(past.body()).path("size").asInt()).isZero();
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void multiGetPartialHitAndTotalMiss(PlexFormat format) {
        List<Item> movies = world.itemsOfType(MediaType.MOVIE);
        String a = String.valueOf(movies.get(0).ratingKey());
        String b = String.valueOf(movies.get(1).ratingKey());
        Map<String, PlexItem> got = client(format).metadata(List.of(a, "999999", b));
        assertThat(got).containsOnlyKeys(a, b);
        PlexItem item = got.get(a);
        assertThat(item.title()).isEqualTo(movies.get(0).title());
        assertThat(item.librarySectionID()).isEqualTo("1");
        assertThat(item.genres()).extracting(t -> t.tag()).containsExactlyElementsOf(movies.get(0).genres());
        assertThat(item.roles()).hasSize(movies.get(0).cast().size());

        Reply partial = get("/library/metadata/" + a + ",999999", format == PlexFormat.json);
        assertThat(partial.status()).isEqualTo(200);
        Reply miss = get("/library/metadata/999998,999999", format == PlexFormat.json);
        assertThat(miss.status()).isEqualTo(404);
        assertThat(miss.contentType()).startsWith("text/html");
        assertThat(miss.body()).isEqualTo("<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1>"
                + "</body></html>");
        assertThat(client(format).metadata(List.of("999998", "999999"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void everyHistoryRatingKeyResolves(PlexFormat format) {
        Set<String> keys = world.history().stream().limit(400).map(r -> String.valueOf(r.item().ratingKey()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, PlexItem> got = client(format).metadata(keys);
        assertThat(got.keySet()).containsExactlyElementsOf(keys);
        PlayRow row = world.history().row(0);
        PlexItem it = got.get(String.valueOf(row.item().ratingKey()));
        assertThat(it.title()).isEqualTo(row.item().title());
        assertThat(it.type()).isEqualTo(row.item().type().wire());
        assertThat(it.guid()).isEqualTo(row.item().guid());
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void childrenAndAllLeaves(PlexFormat format) {
        Item show = world.itemsOfType(MediaType.SHOW).get(0);
        String rk = String.valueOf(show.ratingKey());
        Reply seasons = get("/library/metadata/" + rk + "/children", format == PlexFormat.json);
        assertThat(seasons.status()).isEqualTo(200);
        int seasonCount = world.children(show.ratingKey()).size();
        int episodes = world.children(show.ratingKey()).stream().mapToInt(s -> world.children(s.ratingKey()).size())
                .sum();
        if (format == PlexFormat.json) {
            JsonNode mc = json(seasons.body());
            assertThat(mc.path("Metadata")).hasSize(seasonCount);
            assertThat(mc.path("Metadata").get(0).path("type").asText()).isEqualTo("season");
            assertThat(mc.path("Metadata").get(0).path("parentRatingKey").asText()).isEqualTo(rk);
            assertThat(mc.path("Metadata").get(0).path("parentRatingKey").isTextual()).isTrue();
            JsonNode leaves = json(get("/library/metadata/" + rk + "/allLeaves", true).body());
            assertThat(leaves.path("totalSize").asInt()).isEqualTo(episodes);
            assertThat(leaves.path("Metadata").get(0).path("grandparentRatingKey").asText()).isEqualTo(rk);
        } else {
            assertThat(seasons.body().split("<Directory ", -1).length - 1).isEqualTo(seasonCount);
            Reply leaves = get("/library/metadata/" + rk + "/allLeaves", false);
            assertThat(leaves.body().split("<Video ", -1).length - 1).isEqualTo(episodes);
            assertThat(leaves.body()).contains("type=\"episode\"").contains("grandparentRatingKey=\"" + rk + "\"");
        }
        assertThat(get("/library/metadata/999999/children", false).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void historyFiltersSortsAndPages(PlexFormat format) {
        PlexClient c = PlexClient.builder().baseUrl(plex.url()).token(admin()).format(format).pageSize(500).build();
        List<PlexHistoryEntry> all = c.history(null, null, null, null);
        assertThat(all).hasSize(world.history().size());
        assertThat(all).extracting(PlexHistoryEntry::viewedAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(all).extracting(PlexHistoryEntry::historyKey).doesNotHaveDuplicates();

        PlayRow row = world.history().row(17);
        String account = String.valueOf(row.user().plexAccountId());
        List<PlexHistoryEntry> mine = c.history(account, null, null, null);
        long expected = world.history().stream().filter(r -> r.user().plexAccountId() == row.user().plexAccountId())
                .count();
        assertThat(mine).hasSize((int) expected).allMatch(e -> e.accountID().equals(account));

        // a show's id matches its episodes
        Item episode = world.history().stream().map(PlayRow::item).filter(i -> i.type() == MediaType.EPISODE)
                .findFirst().orElseThrow();
        String show = String.valueOf(episode.grandparentRatingKey());
        List<PlexHistoryEntry> ofShow = c.history(null, "2", show, null);
        long showPlays = world.history().stream().filter(r -> r.item().grandparentRatingKey()
                == episode.grandparentRatingKey()).count();
        assertThat(ofShow).hasSize((int) showPlays).isNotEmpty()
                .allMatch(e -> e.grandparentKey().equals("/library/metadata/" + show));

        long since = world.history().stopped(world.history().size() / 2);
        List<PlexHistoryEntry> recent = c.history(null, null, null, since);
        long count = world.history().stream().filter(r -> r.stopped() >= since).count();
        assertThat(recent).hasSize((int) count).allMatch(e -> e.viewedAt() >= since);

        // the entry's ratingKey resolves, and its fields match the world
        PlexHistoryEntry e = mine.get(0);
        assertThat(c.metadata(List.of(e.ratingKey()))).containsKey(e.ratingKey());
    }

    @Test
    void historyRawForms() {
        long since = world.history().stopped(world.history().size() - 10);
        // python-plexapi's key viewedAt> (sent as viewedAt%3E=), and a strict >>=
        Reply ge = get("/status/sessions/history/all?viewedAt%3E=" + since + "&sort=viewedAt:desc", true);
        long expectGe = world.history().stream().filter(r -> r.stopped() >= since).count();
        assertThat(json(ge.body()).path("totalSize").asLong()).isEqualTo(expectGe);
        Reply gt = raw("GET", "/status/sessions/history/all?viewedAt>>=" + since, admin());
        long expectGt = world.history().stream().filter(r -> r.stopped() > since).count();
        assertThat(gt.body()).contains("totalSize=\"" + expectGt + "\"");
        Reply page = call("GET", "/status/sessions/history/all", admin(), true, "X-Plex-Container-Start", "3",
                "X-Plex-Container-Size", "4");
        JsonNode mc = json(page.body());
        assertThat(mc.path("size").asInt()).isEqualTo(4);
        assertThat(mc.path("totalSize").asInt()).isEqualTo(world.history().size());
        assertThat(page.header("X-Plex-Container-Total-Size")).isEqualTo(String.valueOf(world.history().size()));
        JsonNode first = mc.path("Metadata").get(0);
        assertThat(first.path("librarySectionID").isTextual()).isTrue();
        assertThat(first.path("ratingKey").isTextual()).isTrue();
        assertThat(first.path("viewedAt").isNumber()).isTrue();
        assertThat(first.path("accountID").isInt()).isTrue();
        assertThat(first.path("historyKey").asText()).startsWith("/status/sessions/history/");
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void onDeckRecentlyAddedContinueWatching(PlexFormat format) {
        PlexClient c = client(format);
        List<PlexItem> recent = c.recentlyAdded(null, null);
        assertThat(recent).isNotEmpty();
        assertThat(recent).extracting(PlexItem::addedAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(recent).extracting(PlexItem::type).containsAnyOf("movie", "season", "album")
                .doesNotContain("episode", "track");
        List<PlexItem> recentMovies = c.recentlyAdded("1", PlexItemType.MOVIE);
        assertThat(recentMovies).isNotEmpty().allMatch(i -> i.type().equals("movie") && "1".equals(i.librarySectionID()));

        List<PlexItem> deck = c.onDeck(null);
        List<PlexItem> cont = c.continueWatching(null);
        assertThat(deck).isNotEmpty();
        assertThat(cont).extracting(PlexItem::ratingKey).containsExactlyElementsOf(
                deck.stream().map(PlexItem::ratingKey).toList());
        assertThat(deck).allMatch(i -> i.type().equals("movie") || i.type().equals("episode"));
        assertThat(deck.stream().filter(i -> i.viewOffset() != null)).isNotEmpty();
    }
}
