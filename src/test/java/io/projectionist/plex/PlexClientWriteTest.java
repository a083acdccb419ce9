package io.projectionist.plex;

import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.projectionist.plex.PlexTestSupport.MID;
import static io.projectionist.plex.PlexTestSupport.client;
import static io.projectionist.plex.PlexTestSupport.json;
import static io.projectionist.plex.PlexTestSupport.resource;
import static io.projectionist.plex.PlexTestSupport.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.github.tomakehurst.wiremock.client.WireMock;

class PlexClientWriteTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String U = "server://" + MID + "/com.plexapp.plugins.library/library/metadata";

    private PlexClient plex;

    @BeforeEach
    void setUp() {
        // writes answer 200 with an empty body, as real servers usually do
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        wm.stubFor(get("/identity").willReturn(xml(resource("/plex/identity.xml"))));
        plex = client(wm.baseUrl(), PlexFormat.xml).build();
    }

    /** The raw query as sent, to check the encoding itself (WireMock's matchers see decoded values). */
    private static String rawQuery(LoggedRequest r) {
        String url = r.getUrl();
        return url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
    }

    // ---- collections ------------------------------------------------------------------------------------------

    @Test
    void createSendsItemTypeNotCollectionTypeAndCachesTheMachineIdentifier() {
        wm.stubFor(post(urlPathEqualTo("/library/collections")).willReturn(xml(resource("/plex/collection_created.xml"))));
        PlexCollection created = plex.createCollection("1", "Weekend Picks", PlexItemType.MOVIE, List.of("58683", "150"));
        plex.createCollection("1", "Second", PlexItemType.MOVIE, List.of("7"));

        wm.verify(postRequestedFor(urlPathEqualTo("/library/collections"))
                .withQueryParam("sectionId", equalTo("1"))
                .withQueryParam("smart", equalTo("0"))
                .withQueryParam("title", equalTo("Weekend Picks"))
                .withQueryParam("type", equalTo("1"))
                .withQueryParam("uri", equalTo(U + "/58683,150")));
        LoggedRequest r = wm.findAll(postRequestedFor(urlPathEqualTo("/library/collections"))).get(0);
        assertThat(rawQuery(r)).contains("uri=server%3A%2F%2F" + MID
                + "%2Fcom.plexapp.plugins.library%2Flibrary%2Fmetadata%2F58683%2C150")
                .contains("title=Weekend%20Picks");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/identity")));

        assertThat(created.ratingKey()).isEqualTo("700001");
        assertThat(created.subtype()).isEqualTo("movie");
        assertThat(created.smart()).isFalse();
        assertThat(created.collectionMode()).isEqualTo(-1);
        assertThat(created.librarySectionID()).isEqualTo("1");
    }

    @Test
    void createDerivesTheItemTypeFromTheSectionAndRefusesType18() {
        wm.stubFor(get("/library/sections").willReturn(xml(resource("/plex/sections.xml"))));
        assertThat(plex.createCollection("2", "Shows", null, List.of())).isNull(); // empty 200 body
        wm.verify(postRequestedFor(urlPathEqualTo("/library/collections")).withQueryParam("type", equalTo("2"))
                .withQueryParam("uri", equalTo(U)));
        assertThatThrownBy(() -> plex.createCollection("1", "X", PlexItemType.COLLECTION, List.of("1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not collection (18)");
    }

    @Test
    void listUsesType18AndReadsTheRecordedListingShape() {
        wm.stubFor(get(urlPathEqualTo("/library/sections/1/all")).willReturn(xml(resource("/plex/collections_listing.xml"))));
        List<PlexCollection> list = plex.collections("1");
        wm.verify(getRequestedFor(urlPathEqualTo("/library/sections/1/all")).withQueryParam("type", equalTo("18")));
        assertThat(list).extracting(PlexCollection::ratingKey).containsExactly("575662", "575663");
        PlexCollection c = list.get(0);
        assertThat(c.title()).isEqualTo("Movies Picked for You");
        assertThat(c.childCount()).isEqualTo(15);
        assertThat(c.collectionMode()).isZero();
        assertThat(c.collectionSort()).isEqualTo(2);
        assertThat(c.summary()).isEmpty();
        assertThat(c.labels()).as("listings carry no labels").isEmpty();
        assertThat(c.librarySectionID()).isEqualTo("1");
        assertThat(list.get(1).smart()).isTrue();
    }

    @Test
    void itemsAddRemoveMoveEditDelete() {
        wm.stubFor(get(urlPathEqualTo("/library/collections/575662/children")).willReturn(xml(
                "<MediaContainer size=\"1\" totalSize=\"1\"><Video ratingKey=\"9\" type=\"movie\"/></MediaContainer>")));
        assertThat(plex.collectionItems("575662")).extracting(PlexItem::ratingKey).containsExactly("9");

        plex.addToCollection("575662", List.of("1", "2"));
        wm.verify(putRequestedFor(urlPathEqualTo("/library/collections/575662/items"))
                .withQueryParam("uri", equalTo(U + "/1,2")));

        plex.removeFromCollection("575662", List.of("1", "2"));
        wm.verify(deleteRequestedFor(urlEqualTo("/library/collections/575662/items/1")));
        wm.verify(deleteRequestedFor(urlEqualTo("/library/collections/575662/items/2")));

        plex.moveCollectionItem("575662", "2", null);
        wm.verify(putRequestedFor(urlEqualTo("/library/collections/575662/items/2/move")));
        plex.moveCollectionItem("575662", "1", "2");
        wm.verify(putRequestedFor(urlEqualTo("/library/collections/575662/items/1/move?after=2")));

        plex.editCollection("1", "575662", "New & Title", "Sum");
        wm.verify(putRequestedFor(urlPathEqualTo("/library/sections/1/all"))
                .withQueryParam("type", equalTo("18")).withQueryParam("id", equalTo("575662"))
                .withQueryParam("title.value", equalTo("New & Title")).withQueryParam("title.locked", equalTo("1"))
                .withQueryParam("summary.value", equalTo("Sum")).withQueryParam("summary.locked", equalTo("1")));

        plex.deleteCollection("575662");
        wm.verify(deleteRequestedFor(urlEqualTo("/library/collections/575662")));
    }

    @Test
    void addBatchesLongKeyLists() {
        PlexClient small = client(wm.baseUrl(), PlexFormat.xml).batchSize(2).build();
        small.addToCollection("5", List.of("1", "2", "3"));
        wm.verify(putRequestedFor(urlPathEqualTo("/library/collections/5/items")).withQueryParam("uri", equalTo(U + "/1,2")));
        wm.verify(putRequestedFor(urlPathEqualTo("/library/collections/5/items")).withQueryParam("uri", equalTo(U + "/3")));
        wm.verify(2, putRequestedFor(urlPathEqualTo("/library/collections/5/items")));
    }

    @Test
    void editWithoutSectionReadsItFromTheCollectionAndAlwaysSendsId() {
        wm.stubFor(get("/library/metadata/575662").willReturn(xml(
                "<MediaContainer size=\"1\" librarySectionID=\"4\"><Directory ratingKey=\"575662\" type=\"collection\"/></MediaContainer>")));
        plex.editCollection(null, "575662", null, "Only summary");
        wm.verify(putRequestedFor(urlPathEqualTo("/library/sections/4/all")).withQueryParam("id", equalTo("575662"))
                .withQueryParam("summary.value", equalTo("Only summary")).withQueryParam("title.value", absent()));
    }

    // ---- hubs -------------------------------------------------------------------------------------------------

    @Test
    void listManagedHubsFromTheRecordedXmlAndItsJsonTwin() {
        wm.stubFor(get("/hubs/sections/1/manage").withHeader("Accept", absent())
                .willReturn(xml(resource("/fixtures/plex/pms_managed_hubs.xml"))));
        wm.stubFor(get("/hubs/sections/1/manage").withHeader("Accept", equalTo("application/json"))
                .willReturn(json(resource("/plex/managed_hubs.json"))));
        List<ManagedHub> hubs = plex.managedHubs("1");
        assertThat(client(wm.baseUrl(), PlexFormat.json).build().managedHubs("1")).isEqualTo(hubs);

        assertThat(hubs).hasSize(8);
        assertThat(hubs).extracting(ManagedHub::identifier).startsWith("movie.recentlyadded", "movie.recentlyreleased")
                .endsWith("custom.collection.1.343546");
        ManagedHub builtIn = hubs.get(3);
        assertThat(builtIn.identifier()).isEqualTo("movie.topunwatched");
        assertThat(builtIn.builtIn()).isTrue();
        assertThat(builtIn.deletable()).isNull();
        assertThat(builtIn.collectionRatingKey()).isNull();
        assertThat(builtIn.promotedToRecommended()).isTrue();
        assertThat(builtIn.promotedToOwnHome()).isFalse();
        ManagedHub custom = hubs.get(5);
        assertThat(custom.builtIn()).isFalse();
        assertThat(custom.deletable()).isTrue();
        assertThat(custom.collectionRatingKey()).isEqualTo("683081");
        assertThat(custom.homeVisibility()).isEqualTo("shared");
        assertThat(custom.promotedToSharedHome()).isTrue();
        assertThat(custom.managed()).isTrue();
    }

    @Test
    void getOfAnUnmanagedCollectionIsEmptyNotAnError() {
        wm.stubFor(get(urlPathEqualTo("/hubs/sections/1/manage")).withQueryParam("metadataItemId", equalTo("42"))
                .willReturn(xml("<MediaContainer size=\"0\"/>")));
        wm.stubFor(get(urlPathEqualTo("/hubs/sections/1/manage")).withQueryParam("metadataItemId", equalTo("577628"))
                .willReturn(xml("<MediaContainer size=\"1\"><Hub identifier=\"custom.collection.1.577628\" title=\"A\" "
                        + "promotedToRecommended=\"1\" promotedToOwnHome=\"0\" promotedToSharedHome=\"1\" deletable=\"1\"/></MediaContainer>")));
        assertThat(plex.managedHub("1", "42")).isEqualTo(Optional.empty());
        ManagedHub hub = plex.managedHub("1", "577628").orElseThrow();
        assertThat(hub.promotedToRecommended()).isTrue();
        assertThat(hub.promotedToSharedHome()).isTrue();
        // visibilities absent on the wire: derived
        assertThat(hub.homeVisibility()).isEqualTo("shared");
        assertThat(hub.recommendationsVisibility()).isEqualTo("all");
    }

    @Test
    void addPostsAllThreeFlags() {
        plex.addManagedHub("1", "577628", true, false, true);
        wm.verify(postRequestedFor(urlPathEqualTo("/hubs/sections/1/manage"))
                .withQueryParam("metadataItemId", equalTo("577628"))
                .withQueryParam("promotedToRecommended", equalTo("1"))
                .withQueryParam("promotedToOwnHome", equalTo("0"))
                .withQueryParam("promotedToSharedHome", equalTo("1")));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/hubs/sections/1/manage")));
    }

    @Test
    void addCarriesOverCurrentFlagsForUnspecifiedOnes() {
        wm.stubFor(get(urlPathEqualTo("/hubs/sections/1/manage")).withQueryParam("metadataItemId", equalTo("577628"))
                .willReturn(xml("<MediaContainer size=\"1\"><Hub identifier=\"custom.collection.1.577628\" "
                        + "promotedToRecommended=\"1\" promotedToOwnHome=\"1\" promotedToSharedHome=\"0\" deletable=\"1\"/></MediaContainer>")));
        plex.addManagedHub("1", "577628", null, false, null);
        wm.verify(postRequestedFor(urlPathEqualTo("/hubs/sections/1/manage"))
                .withQueryParam("promotedToRecommended", equalTo("1"))
                .withQueryParam("promotedToOwnHome", equalTo("0"))
                .withQueryParam("promotedToSharedHome", equalTo("0")));
    }

    @Test
    void promoteAlwaysSendsAllThreeCarryingOverCurrentValues() {
        wm.stubFor(get("/hubs/sections/1/manage").willReturn(xml(resource("/fixtures/plex/pms_managed_hubs.xml"))));
        // custom.collection.1.683081 is recommended=1 ownHome=0 sharedHome=1: only sharedHome changes
        plex.promoteHub("1", "custom.collection.1.683081", null, null, false);
        wm.verify(putRequestedFor(urlEqualTo("/hubs/sections/1/manage/custom.collection.1.683081"
                + "?promotedToRecommended=1&promotedToOwnHome=0&promotedToSharedHome=0")));

        plex.promoteHub("1", "movie.genre", false, false, false);
        wm.verify(putRequestedFor(urlEqualTo("/hubs/sections/1/manage/movie.genre"
                + "?promotedToRecommended=0&promotedToOwnHome=0&promotedToSharedHome=0")));
        wm.verify(1, getRequestedFor(urlEqualTo("/hubs/sections/1/manage")));
        plex.promoteHub("1", "custom.collection.1.343546", null, true, null); // 1,0,0 → 1,1,0
        wm.verify(putRequestedFor(urlEqualTo("/hubs/sections/1/manage/custom.collection.1.343546"
                + "?promotedToRecommended=1&promotedToOwnHome=1&promotedToSharedHome=0")));

        assertThatThrownBy(() -> plex.promoteHub("1", "custom.collection.1.999", true, null, null))
                .isInstanceOf(PlexNotFoundException.class).hasMessageContaining("not managed");
    }

    @Test
    void moveRemoveReset() {
        plex.moveHub("1", "custom.collection.1.577628", null);
        wm.verify(putRequestedFor(urlEqualTo("/hubs/sections/1/manage/custom.collection.1.577628/move")));
        plex.moveHub("1", "custom.collection.1.343546", "custom.collection.1.577628");
        wm.verify(putRequestedFor(urlEqualTo(
                "/hubs/sections/1/manage/custom.collection.1.343546/move?after=custom.collection.1.577628")));
        plex.removeHub("1", "custom.collection.1.343546");
        wm.verify(deleteRequestedFor(urlEqualTo("/hubs/sections/1/manage/custom.collection.1.343546")));
        plex.resetHubs("1");
        wm.verify(deleteRequestedFor(urlEqualTo("/hubs/sections/1/manage")));
    }

    // ---- terminate --------------------------------------------------------------------------------------------

    @Test
    void terminateUsesSessionIdAndReason() {
        plex.terminate("q2w3e4r5t6", "Please use direct play");
        wm.verify(getRequestedFor(urlPathEqualTo("/status/sessions/terminate"))
                .withQueryParam("sessionId", equalTo("q2w3e4r5t6"))
                .withQueryParam("reason", equalTo("Please use direct play")));
        LoggedRequest r = wm.findAll(getRequestedFor(urlPathEqualTo("/status/sessions/terminate"))).get(0);
        assertThat(rawQuery(r)).isEqualTo("sessionId=q2w3e4r5t6&reason=Please%20use%20direct%20play");
        assertThat(r.getHeader("X-Plex-Token")).isEqualTo(PlexTestSupport.TOKEN);
        wm.verify(0, anyRequestedFor(anyUrl()).withQueryParam("X-Plex-Token", WireMock.matching(".*")));
    }
}
