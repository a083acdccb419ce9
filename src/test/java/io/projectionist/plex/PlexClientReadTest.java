package io.projectionist.plex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.projectionist.plex.model.PlexHistoryEntry;
import io.projectionist.plex.model.PlexIdentity;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.plex.model.PlexServer;
import io.projectionist.plex.model.PlexSession;
import io.projectionist.plex.model.PlexTag;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.projectionist.plex.PlexTestSupport.TOKEN;
import static io.projectionist.plex.PlexTestSupport.client;
import static io.projectionist.plex.PlexTestSupport.htmlError;
import static io.projectionist.plex.PlexTestSupport.json;
import static io.projectionist.plex.PlexTestSupport.resource;
import static io.projectionist.plex.PlexTestSupport.xml;
import static org.assertj.core.api.Assertions.assertThat;
import java.util.Collections;

class PlexClientReadTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private PlexClient xmlClient() {
        return client(wm.baseUrl(), PlexFormat.xml).build();
    }

    private PlexClient jsonClient() {
        return client(wm.baseUrl(), PlexFormat.json).build();
    }

    // ---- transport -------------------------------------------------------------------------------------------

    @Test
    void sendsTokenAndClientHeadersButNeverTheTokenInTheUrl() {
        wm.stubFor(get("/identity").willReturn(xml(resource("/plex/identity.xml"))));
        xmlClient().identity();
        LoggedRequest r = wm.findAll(getRequestedFor(urlPathEqualTo("/identity"))).get(0);
        assertThat(r.getHeader("X-Plex-Token")).isEqualTo(TOKEN);
        assertThat(r.getHeader("X-Plex-Client-Identifier")).isEqualTo("test-client-id");
        assertThat(r.getHeader("X-Plex-Product")).isEqualTo("Projectionist");
        assertThat(r.getHeader("X-Plex-Version")).isNotBlank();
        assertThat(r.getUrl()).doesNotContain(TOKEN).doesNotContainIgnoringCase("X-Plex-Token");
        // XML is the server's default: no Accept: application/json
        assertThat(r.containsHeader("Accept") ? r.getHeader("Accept") : "").doesNotContain("application/json");
    }

    @Test
    void jsonFormatAsksForJson() {
        wm.stubFor(get("/identity").willReturn(json(resource("/plex/identity.json"))));
        jsonClient().identity();
        wm.verify(getRequestedFor(urlPathEqualTo("/identity")).withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void defaultClientIdentifierIsStable() {
        assertThat(PlexClient.defaultClientIdentifier()).isEqualTo(PlexClient.defaultClientIdentifier())
                .startsWith("projectionist-");
        PlexClient c = PlexClient.builder().baseUrl(wm.baseUrl()).build();
        assertThat(c.clientIdentifier()).isEqualTo(PlexClient.defaultClientIdentifier());
        assertThat(c.toString()).doesNotContain(TOKEN);
        assertThat(client(wm.baseUrl(), PlexFormat.xml).build().toString()).doesNotContain(TOKEN).contains("****");
    }

    @Test
    void queryValuesAreFullyPercentEncoded() {
        assertThat(PlexClient.encodeQuery(Map.of("uri", "server://m/com.plexapp.plugins.library/library/metadata/1,2")))
                .isEqualTo("uri=server%3A%2F%2Fm%2Fcom.plexapp.plugins.library%2Flibrary%2Fmetadata%2F1%2C2");
        assertThat(PlexClient.encodeQuery(Map.of("title", "A & B: x+y"))).isEqualTo("title=A%20%26%20B%3A%20x%2By");
    }

    // ---- parsing: XML and JSON into the same records ----------------------------------------------------------

    @Test
    void metadataXmlAndJsonParseIntoEqualRecords() {
        wm.stubFor(get(urlPathMatching("/library/metadata/.*")).withHeader("Accept", absent())
                .willReturn(xml(resource("/plex/metadata_mixed.xml"))));
        wm.stubFor(get(urlPathMatching("/library/metadata/.*")).withHeader("Accept", equalTo("application/json"))
                .willReturn(json(resource("/plex/metadata_mixed.json"))));
        List<String> keys = List.of("58683", "150", "5001");
        Map<String, PlexItem> fromXml = xmlClient().metadata(keys);
        Map<String, PlexItem> fromJson = jsonClient().metadata(keys);

        assertThat(fromXml).containsOnlyKeys(keys);
        assertThat(fromJson).isEqualTo(fromXml);

        PlexItem movie = fromXml.get("58683");
        assertThat(movie.type()).isEqualTo("movie");
        assertThat(movie.title()).isEqualTo("Example Movie");
        assertThat(movie.summary()).isEqualTo("A summary & more.");
        assertThat(movie.year()).isEqualTo(2019);
        assertThat(movie.duration()).isEqualTo(11_558_112L);
        assertThat(movie.rating()).isEqualTo(7.6);
        assertThat(movie.audienceRating()).isEqualTo(9.2);
        assertThat(movie.userRating()).isEqualTo(8.0);
        assertThat(movie.contentRating()).isEqualTo("PG-13");
        assertThat(movie.studio()).isEqualTo("Example Studios");
        assertThat(movie.originallyAvailableAt()).isEqualTo("2019-04-24");
        assertThat(movie.addedAt()).isEqualTo(1_681_803_215L);
        assertThat(movie.lastViewedAt()).isEqualTo(1_682_752_242L);
        assertThat(movie.viewCount()).isEqualTo(1);
        assertThat(movie.librarySectionID()).isEqualTo("1");
        assertThat(PlexItem.names(movie.genres())).containsExactly("Drama", "Thriller");
        assertThat(PlexItem.names(movie.directors())).containsExactly("Jane Doe");
        assertThat(PlexItem.names(movie.writers())).containsExactly("Sam Writer");
        assertThat(movie.roles()).containsExactly(
                new PlexTag("40", "John Roe", "actor=40", "Hero", "https://metadata-static.plex.tv/a.jpg"),
                new PlexTag("41", "Mary Major", "actor=41", "Villain", null));
        assertThat(PlexItem.names(movie.countries())).containsExactly("United States of America");
        assertThat(PlexItem.names(movie.labels())).containsExactly("Favourite");
        assertThat(PlexItem.names(movie.collections())).containsExactly("Heists");
        assertThat(movie.imdbId()).isEqualTo("tt0000001");
        assertThat(movie.tmdbId()).isEqualTo("1");
        assertThat(movie.tvdbId()).isEqualTo("1");
        assertThat(movie.media()).hasSize(1);
        assertThat(movie.media().get(0).videoResolution()).isEqualTo("4k");
        assertThat(movie.media().get(0).width()).isEqualTo(3840);
        assertThat(movie.media().get(0).bitrate()).isEqualTo(25512);
        assertThat(movie.media().get(0).audioChannels()).isEqualTo(6);
        assertThat(movie.media().get(0).parts().get(0).size()).isEqualTo(26_000_000_000L);

        PlexItem episode = fromXml.get("150");
        assertThat(episode.index()).isEqualTo(8);
        assertThat(episode.parentIndex()).isEqualTo(4);
        assertThat(episode.grandparentTitle()).isEqualTo("Babylon 5");
        assertThat(episode.grandparentRatingKey()).isEqualTo("148");
        assertThat(episode.parentRatingKey()).isEqualTo("149");
        assertThat(episode.librarySectionID()).isEqualTo("2");
        assertThat(episode.rating()).as("absent, not zero").isNull();

        PlexItem show = fromXml.get("5001");
        assertThat(show.leafCount()).isEqualTo(23);
        assertThat(show.viewedLeafCount()).isEqualTo(2);
        assertThat(show.childCount()).isEqualTo(2);
        assertThat(show.librarySectionID()).as("copied from the container").isEqualTo("1");
        assertThat(show.media()).isEmpty();
        assertThat(show.imdbId()).isNull();
    }

    @Test
    void sessionsXmlAndJsonParseIntoEqualRecords() {
        wm.stubFor(get("/status/sessions").withHeader("Accept", absent()).willReturn(xml(resource("/plex/sessions_full.xml"))));
        wm.stubFor(get("/status/sessions").withHeader("Accept", equalTo("application/json"))
                .willReturn(json(resource("/plex/sessions_full.json"))));
        List<PlexSession> fromXml = xmlClient().sessions();
        assertThat(jsonClient().sessions()).isEqualTo(fromXml);

        PlexSession s = fromXml.get(0);
        assertThat(s.sessionKey()).isEqualTo("605");
        assertThat(s.sessionId()).isEqualTo("q2w3e4r5t6");
        assertThat(s.viewOffset()).isEqualTo(2_318_480L);
        assertThat(s.user()).isEqualTo(new PlexSession.User("501", "alex", "https://plex.tv/users/x/avatar"));
        assertThat(s.player().state()).isEqualTo("playing");
        assertThat(s.player().local()).isTrue();
        assertThat(s.player().relayed()).isFalse();
        assertThat(s.player().userID()).isEqualTo("501");
        assertThat(s.session().bandwidth()).isEqualTo(9000);
        assertThat(s.transcodeSession().videoDecision()).isEqualTo("transcode");
        assertThat(s.transcodeSession().progress()).isEqualTo(42.5);
        assertThat(s.transcodeSession().throttled()).isFalse();
        assertThat(s.item().media().get(0).selected()).isTrue();
        assertThat(s.item().media().get(0).parts().get(0).decision()).isEqualTo("transcode");

        PlexSession track = fromXml.get(1);
        assertThat(track.item().type()).isEqualTo("track");
        assertThat(track.transcodeSession()).isNull();
        assertThat(track.player().relayed()).isTrue();
    }

    @Test
    void recordedSessionsFixture() {
        wm.stubFor(get("/status/sessions").willReturn(xml(resource("/fixtures/plex/pms_active_sessions_reduced.xml"))));
        List<PlexSession> sessions = xmlClient().sessions();
        assertThat(sessions).extracting(PlexSession::sessionKey).containsExactly("605", "604", "999");
        assertThat(sessions.get(0).item().grandparentTitle()).isEqualTo("A Series");
        assertThat(sessions.get(0).user().title()).isEqualTo("alex");
        assertThat(sessions.get(1).player().state()).isEqualTo("paused");
        assertThat(sessions.get(2).user()).as("the recorded third session has no User").isNull();
        assertThat(sessions.get(2).sessionId()).isNull();
    }

    @Test
    void sectionsIdentityAndServerInBothFormats() {
        for (String name : List.of("sections", "identity", "server")) {
            String path = switch (name) {
                case "sections" -> "/library/sections";
                case "identity" -> "/identity";
                default -> "/";
            };
            wm.stubFor(get(urlPathEqualTo(path)).withHeader("Accept", absent()).willReturn(xml(resource("/plex/" + name + ".xml"))));
            wm.stubFor(get(urlPathEqualTo(path)).withHeader("Accept", equalTo("application/json"))
                    .willReturn(json(resource("/plex/" + name + ".json"))));
        }
        List<PlexSection> sections = xmlClient().sections();
        assertThat(jsonClient().sections()).isEqualTo(sections);
        assertThat(sections).extracting(PlexSection::id).containsExactly("1", "2");
        assertThat(sections.get(0).agent()).isEqualTo("tv.plex.agents.movie");
        assertThat(sections.get(0).hidden()).isFalse();
        assertThat(sections.get(1).locations()).containsExactly("/data/tv", "/data/tv2");

        PlexIdentity id = xmlClient().identity();
        assertThat(jsonClient().identity()).isEqualTo(id);
        assertThat(id).isEqualTo(new PlexIdentity(PlexTestSupport.MID, "1.31.3.6868-28fc46b27", true));

        PlexServer server = xmlClient().server();
        assertThat(jsonClient().server()).isEqualTo(server);
        assertThat(server.friendlyName()).isEqualTo("Living Room PMS");
        assertThat(server.myPlexSubscription()).isTrue();
        assertThat(server.multiuser()).isTrue();
        assertThat(server.transcoderActiveVideoSessions()).isZero();
    }

    @Test
    void lenientTypingInJson() {
        wm.stubFor(get("/library/metadata/1").willReturn(json("""
                {"MediaContainer":{"size":1,"Metadata":[{"ratingKey":1,"type":"movie","title":"T","year":"1999",
                 "duration":"5400000.0","rating":"","viewCount":"3","audienceRating":8,"librarySectionID":4,
                 "unknownThing":{"nested":[1,2]},"someFlag":true,"Media":[{"selected":"1","width":"1920","Part":{"size":"12"}}]}]}}""")));
        PlexItem i = jsonClient().metadata(List.of("1")).get("1");
        assertThat(i.ratingKey()).isEqualTo("1");
        assertThat(i.year()).isEqualTo(1999);
        assertThat(i.duration()).isEqualTo(5_400_000L);
        assertThat(i.rating()).as("\"\" is absent").isNull();
        assertThat(i.viewCount()).isEqualTo(3);
        assertThat(i.audienceRating()).isEqualTo(8.0);
        assertThat(i.librarySectionID()).isEqualTo("4");
        assertThat(i.media().get(0).selected()).isTrue();
        assertThat(i.media().get(0).width()).isEqualTo(1920);
        assertThat(i.media().get(0).parts().get(0).size()).as("a single object where an array is usual").isEqualTo(12L);
    }

    // ---- metadata batching ------------------------------------------------------------------------------------

    @Test
    void metadataBatchesByBatchSizeAndMatchesByRatingKey() {
        // the fake answers each batch in reverse order: results must still land under the right keys
        List<String> keys = IntStream.rangeClosed(1, 120).mapToObj(String::valueOf).toList();
        for (int from = 0; from < 120; from += 50) {
            List<String> batch = keys.subList(from, Math.min(120, from + 50));
            List<String> reversed = new ArrayList<>(batch);
            Collections.reverse(reversed);
            String body = "<MediaContainer size=\"" + batch.size() + "\">" + reversed.stream()
                    .map(k -> "<Video ratingKey=\"" + k + "\" type=\"movie\" title=\"Title " + k + "\"/>")
                    .collect(Collectors.joining()) + "</MediaContainer>";
            wm.stubFor(get(urlPathEqualTo("/library/metadata/" + String.join(",", batch))).willReturn(xml(body)));
        }
        Map<String, PlexItem> result = client(wm.baseUrl(), PlexFormat.xml).batchSize(50).build().metadata(keys);

        wm.verify(3, getRequestedFor(urlPathMatching("/library/metadata/.*")));
        wm.verify(getRequestedFor(urlPathEqualTo("/library/metadata/" + String.join(",", keys.subList(0, 50)))));
        wm.verify(getRequestedFor(urlPathEqualTo("/library/metadata/" + String.join(",", keys.subList(50, 100)))));
        wm.verify(getRequestedFor(urlPathEqualTo("/library/metadata/" + String.join(",", keys.subList(100, 120)))));
        assertThat(result).hasSize(120);
        assertThat(result.keySet()).containsExactlyElementsOf(keys);
        result.forEach((k, v) -> assertThat(v.title()).isEqualTo("Title " + k));
    }

    @Test
    void metadataPartialHitReturnsWhatExists() {
        // shape of the recorded partial multi-get (fixtures/plex/pms_metadata_batch_partial.json)
        wm.stubFor(get(urlPathEqualTo("/library/metadata/live1,deleted2")).willReturn(json(
                "{\"MediaContainer\":{\"size\":1,\"Metadata\":[{\"ratingKey\":\"live1\",\"type\":\"movie\"}]}}")));
        Map<String, PlexItem> r = jsonClient().metadata(List.of("live1", "deleted2"));
        assertThat(r).containsOnlyKeys("live1");
        assertThat(r.get("live1").type()).isEqualTo("movie");
    }

    @Test
    void metadataTotalMissIsNotAnError() {
        wm.stubFor(get(urlPathMatching("/library/metadata/.*")).willReturn(htmlError(404, "Not Found")));
        assertThat(xmlClient().metadata(List.of("1", "2"))).isEmpty();
        wm.verify(getRequestedFor(urlPathEqualTo("/library/metadata/1,2")));
    }

    @Test
    void metadataMissInOneBatchKeepsTheOthers() {
        wm.stubFor(get(urlPathEqualTo("/library/metadata/1,2")).willReturn(htmlError(404, "Not Found")));
        wm.stubFor(get(urlPathEqualTo("/library/metadata/3")).willReturn(xml(
                "<MediaContainer size=\"1\"><Video ratingKey=\"3\" type=\"movie\"/></MediaContainer>")));
        Map<String, PlexItem> r = client(wm.baseUrl(), PlexFormat.xml).batchSize(2).build()
                .metadata(List.of("1", "2", "3", "2"));
        assertThat(r).containsOnlyKeys("3");
        wm.verify(2, getRequestedFor(urlPathMatching("/library/metadata/.*")));
    }

    // ---- paging -----------------------------------------------------------------------------------------------

    private static String page(int from, int count, Integer total) {
        StringBuilder b = new StringBuilder("<MediaContainer size=\"" + count + "\" offset=\"" + from + "\""
                + (total == null ? "" : " totalSize=\"" + total + "\"") + " librarySectionID=\"7\">");
        for (int i = from; i < from + count; i++) {
            b.append("<Video ratingKey=\"").append(100 + i).append("\" type=\"movie\" title=\"M").append(i).append("\"/>");
        }
        return b.append("</MediaContainer>").toString();
    }

    @Test
    void itemsPagesOnTotalSizeWithContainerHeaders() {
        for (int start : new int[] { 0, 2, 4 }) {
            wm.stubFor(get(urlPathEqualTo("/library/sections/7/all"))
                    .withHeader("X-Plex-Container-Start", equalTo(String.valueOf(start)))
                    .willReturn(xml(page(start, Math.min(2, 5 - start), 5))));
        }
        List<PlexItem> items = client(wm.baseUrl(), PlexFormat.xml).pageSize(2).build()
                .items("7", PlexItemType.MOVIE, "titleSort");

        assertThat(items).extracting(PlexItem::ratingKey).containsExactly("100", "101", "102", "103", "104");
        assertThat(items).allSatisfy(i -> assertThat(i.librarySectionID()).isEqualTo("7"));
        RequestPatternBuilder req = getRequestedFor(urlPathEqualTo("/library/sections/7/all"))
                .withQueryParam("includeGuids", equalTo("1")).withQueryParam("type", equalTo("1"))
                .withQueryParam("sort", equalTo("titleSort")).withHeader("X-Plex-Container-Size", equalTo("2"));
        wm.verify(3, req);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/library/sections/7/all")).withHeader("X-Plex-Container-Start", equalTo("4")));
    }

    @Test
    void pagingAdvancesByWhatCameBackWhenTheServerIgnoresTheSize() {
        wm.stubFor(get(urlPathEqualTo("/library/sections/7/all")).withHeader("X-Plex-Container-Start", equalTo("0"))
                .willReturn(xml(page(0, 3, 4))));
        wm.stubFor(get(urlPathEqualTo("/library/sections/7/all")).withHeader("X-Plex-Container-Start", equalTo("3"))
                .willReturn(xml(page(3, 1, 4))));
        List<PlexItem> items = client(wm.baseUrl(), PlexFormat.xml).pageSize(2).build().items("7", null, null);
        assertThat(items).hasSize(4);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/library/sections/7/all")));
    }

    @Test
    void withoutTotalSizeAttributeTheTotalSizeHeaderDrivesPaging() {
        for (int start : new int[] { 0, 2 }) {
            wm.stubFor(get(urlPathEqualTo("/library/recentlyAdded"))
                    .withHeader("X-Plex-Container-Start", equalTo(String.valueOf(start)))
                    .willReturn(xml(page(start, 2, null)).withHeader("X-Plex-Container-Total-Size", "4")));
        }
        List<PlexItem> items = client(wm.baseUrl(), PlexFormat.xml).pageSize(2).build().recentlyAdded(null, null);
        assertThat(items).extracting(PlexItem::ratingKey).containsExactly("100", "101", "102", "103");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/library/recentlyAdded")));
    }

    @Test
    void withoutTotalSizePagingFallsBackToSize() {
        // the recorded user-rating listing has size but no totalSize: one request is everything
        wm.stubFor(get(urlPathEqualTo("/library/sections/1/all"))
                .willReturn(xml(resource("/fixtures/plex/pms_watched_user_rating.xml"))));
        List<PlexItem> items = client(wm.baseUrl(), PlexFormat.xml).pageSize(2).build().items("1", null, null);
        assertThat(items).hasSize(6);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/library/sections/1/all")));
        assertThat(items.get(0).userRating()).isEqualTo(7.9);
        assertThat(items.get(0).imdbId()).isEqualTo("tt0000011");
        assertThat(items.get(0).librarySectionID()).as("neither item nor container has it").isNull();
    }

    @Test
    void recordedShowListing() {
        wm.stubFor(get(urlPathEqualTo("/library/sections/2/all")).willReturn(xml(resource("/fixtures/plex/pms_watched_shows.xml"))));
        List<PlexItem> shows = xmlClient().items("2", PlexItemType.SHOW, null);
        assertThat(shows).hasSize(10);
        assertThat(shows).allSatisfy(s -> {
            assertThat(s.type()).isEqualTo("show");
            assertThat(s.librarySectionID()).isEqualTo("2");
        });
        assertThat(shows.get(0).tvdbId()).isEqualTo("400001");
        assertThat(shows.get(5).lastViewedAt()).isNull();
        wm.verify(getRequestedFor(urlPathEqualTo("/library/sections/2/all")).withQueryParam("type", equalTo("2")));
    }

    // ---- history and the other listings -----------------------------------------------------------------------

    @Test
    void historySendsFiltersAndStopsAtMaxResults() {
        wm.stubFor(get(urlPathEqualTo("/status/sessions/history/all"))
                .willReturn(xml(resource("/fixtures/plex/pms_play_history.xml"))));
        List<PlexHistoryEntry> h = client(wm.baseUrl(), PlexFormat.xml).maxResults(5).build()
                .history("14883446", "2", null, 1_787_000_000L);

        // totalSize is 101604: maxResults must stop the loop after the first page
        wm.verify(1, getRequestedFor(urlPathEqualTo("/status/sessions/history/all"))
                .withQueryParam("sort", equalTo("viewedAt:desc"))
                .withQueryParam("accountID", equalTo("14883446"))
                .withQueryParam("librarySectionID", equalTo("2"))
                .withQueryParam("viewedAt>=", equalTo("1787000000"))
                .withQueryParam("metadataItemID", absent())
                .withHeader("X-Plex-Container-Start", equalTo("0"))
                .withHeader("X-Plex-Container-Size", equalTo("5")));
        assertThat(h).hasSize(5);
        PlexHistoryEntry first = h.get(0);
        assertThat(first.historyKey()).isEqualTo("/status/sessions/history/110518");
        assertThat(first.historyId()).isEqualTo("110518");
        assertThat(first.ratingKey()).isEqualTo("592386");
        assertThat(first.grandparentTitle()).isEqualTo("Alone Australia");
        assertThat(first.viewedAt()).isEqualTo(1_787_473_134L);
        assertThat(first.accountID()).isEqualTo("14883446");
        assertThat(first.librarySectionID()).isEqualTo("2");
        assertThat(h.get(1).title()).isEqualTo("Minions & Monsters");
        assertThat(h.get(1).historyKey()).isNotEqualTo(h.get(2).historyKey());
    }

    @ParameterizedTest
    @EnumSource(PlexFormat.class)
    void onDeckRecentlyAddedAndContinueWatchingPaths(PlexFormat format) {
        String empty = format == PlexFormat.xml ? "<MediaContainer size=\"0\"/>" : "{\"MediaContainer\":{\"size\":0}}";
        wm.stubFor(get(urlPathMatching(".*")).willReturn(format == PlexFormat.xml ? xml(empty) : json(empty)));
        PlexClient c = client(wm.baseUrl(), format).build();
        assertThat(c.onDeck(null)).isEmpty();
        assertThat(c.onDeck("3")).isEmpty();
        assertThat(c.recentlyAdded(null, null)).isEmpty();
        assertThat(c.recentlyAdded("3", PlexItemType.EPISODE)).isEmpty();
        assertThat(c.continueWatching(null)).isEmpty();
        assertThat(c.continueWatching("3")).isEmpty();
        wm.verify(getRequestedFor(urlPathEqualTo("/library/onDeck")));
        wm.verify(getRequestedFor(urlPathEqualTo("/library/sections/3/onDeck")));
        wm.verify(getRequestedFor(urlPathEqualTo("/library/recentlyAdded")).withQueryParam("sectionID", absent()));
        wm.verify(getRequestedFor(urlPathEqualTo("/library/recentlyAdded")).withQueryParam("sectionID", equalTo("3"))
                .withQueryParam("type", equalTo("4")));
        wm.verify(getRequestedFor(urlPathEqualTo("/hubs/continueWatching/items")));
        wm.verify(getRequestedFor(urlPathEqualTo("/hubs/sections/3/continueWatching/items")));
    }
}
