package io.projectionist.curation;

import io.projectionist.curation.Change.Op;
import io.projectionist.curation.CurationConfig.Flags;
import io.projectionist.plex.PlexClient;
import io.projectionist.support.UpstreamRetry;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.plex.PlexFormat;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.plex.PlexState.HubInfo;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.PlayRow;
import io.projectionist.tautulli.TautulliClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reconciler against the Plex and Tautulli simulator: a "Trending this week" collection built from the world's
 * plays, promoted and placed first; dry-run and a second run write nothing; drift is repaired; lost visibility is
 * re-asserted; missing rating keys are skipped; a failure midway is recorded and completed by the next run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CurationReconcileTest {

    static final Path DIR = Path.of("target/it/curation-reconcile");
    static final String YAML = """
            collections:
              - title: Trending this week
                section: Movies
                source: { type: popular, days: 7, size: 10 }
                visibility: { home: true, shared: true, recommended: true }
                position: 1
              - title: Shows people love
                section: TV Shows
                source: { type: most-watched, days: 30, size: 5 }
                visibility: { recommended: true }
            sections:
              - section: TV Shows
                hub-order: [ "Shows people love", tv.recentlyadded ]
            """;

    Simulator sim;
    PlexClient admin;
    TautulliClient tautulli;
    PlexCurationClient plex;
    Reconciler reconciler;

    @BeforeAll
    void start() throws Exception {
        deleteTree(DIR);
        SimulatorOptions options = SimulatorOptions.defaults().withPlays(6000);
        sim = Simulator.start(options, SimClock.fixed(options.anchor()));
        admin = PlexClient.builder().baseUrl(sim.plexUrl()).token(sim.plexTokens().admin()).build();
        tautulli = new TautulliClient(HttpClient.newHttpClient(), sim.tautulliUrl(), sim.tautulliApiKey(),
                Duration.ofSeconds(30), false);
        plex = newPlex();
        reconciler = reconciler(YAML, plex);
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    PlexCurationClient newPlex() {
        return new PlexCurationClient(PlexClient.builder().baseUrl(sim.plexUrl()).token(sim.plexTokens().admin())
                .format(PlexFormat.xml).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(30))
                .build(), UpstreamRetry.none());
    }

    Reconciler reconciler(String yaml, CurationPlex p) {
        return new Reconciler(CurationConfigParser.parse(yaml, "test.yaml"), p, CurationStats.of(tautulli),
                new Reconciler.Settings(DIR.resolve("data"), DIR.resolve("out"), 2, 50), Clock.systemUTC());
    }

    /** Most popular movies of the last 7 days straight from the world's history: distinct users, then plays. */
    List<String> expectedTrending() {
        long since = sim.clock().epochSecond() - 7 * 86_400L;
        Map<Integer, Set<Integer>> users = new HashMap<>();
        Map<Integer, Integer> plays = new HashMap<>();
        Map<Integer, Long> last = new HashMap<>();
        for (PlayRow r : sim.world().history()) {
            Item it = r.item();
            if (r.stopped() >= since && it.type() == MediaType.MOVIE && it.sectionId() == 1) {
                users.computeIfAbsent(it.ratingKey(), k -> new HashSet<>()).add(r.user().userId());
                plays.merge(it.ratingKey(), 1, Integer::sum);
                last.merge(it.ratingKey(), r.started(), Math::max);
            }
        }
        return users.keySet().stream()
                .sorted(Comparator.comparing((Integer k) -> users.get(k).size()).reversed()
                        .thenComparing(Comparator.comparing((Integer k) -> plays.get(k)).reversed())
                        .thenComparing(Comparator.comparing((Integer k) -> last.get(k)).reversed()))
                .limit(10).map(String::valueOf).toList();
    }

    CollectionInfo collection(int section, String title) {
        return sim.plexState().collections(section).stream().filter(c -> c.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no collection " + title));
    }

    List<String> items(CollectionInfo c) {
        return c.items().stream().map(String::valueOf).toList();
    }

    HubInfo hub(int section, int rk) {
        return sim.plexState().managedHub(section, rk).orElseThrow(() -> new AssertionError("no hub for " + rk));
    }

    @Test
    @Order(1)
    void dryRunPlansEverythingAndWritesNothing() throws Exception {
        List<HubInfo> hubsBefore = sim.plexState().managedHubs(1);

        Reconciler.Outcome o = reconciler.run(false);

        System.out.println(o.summary());
        assertThat(o.plan().changes()).extracting(Change::op).contains(Op.CREATE_COLLECTION, Op.SET_SORT,
                Op.SET_VISIBILITY, Op.MOVE_HUB);
        assertThat(o.plan().text()).contains("create collection \"Trending this week\" with 10 item(s)");
        assertThat(o.writes()).isZero();
        assertThat(sim.plexState().allCollections()).isEmpty();
        assertThat(sim.plexState().managedHubs(1)).isEqualTo(hubsBefore);
        assertThat(Files.readString(DIR.resolve("out/plans/curation-plan.txt"))).contains("dry-run");
        assertThat(Files.readString(DIR.resolve("out/plans/curation-plan.json"))).contains("\"op\" : \"create_collection\"");
        assertThat(Files.exists(reconciler.audit().file())).isFalse();
    }

    @Test
    @Order(2)
    void applyBuildsTrendingFromPlaysPromotesItAndPutsItFirst() throws Exception {
        Reconciler.Outcome o = reconciler.run(true);

        System.out.println(o.summary());
        assertThat(o.complete()).isTrue();
        assertThat(o.notKept()).isEmpty();
        assertThat(o.results()).isNotEmpty().allSatisfy(r -> assertThat(r.result()).isEqualTo("verified"));
        CollectionInfo trending = collection(1, "Trending this week");
        assertThat(items(trending)).containsExactlyElementsOf(expectedTrending());
        assertThat(trending.collectionSort()).isEqualTo(2);
        // the display order Plex serves is the ranking too
        assertThat(admin.collectionItems(String.valueOf(trending.ratingKey()))).extracting(PlexItem::ratingKey)
                .containsExactlyElementsOf(expectedTrending());
        HubInfo h = hub(1, trending.ratingKey());
        assertThat(h.promotedToOwnHome()).isTrue();
        assertThat(h.promotedToSharedHome()).isTrue();
        assertThat(h.promotedToRecommended()).isTrue();
        assertThat(sim.plexState().managedHubs(1).get(0).identifier()).isEqualTo(h.identifier());
        CollectionInfo shows = collection(2, "Shows people love");
        assertThat(shows.items()).hasSize(5);
        assertThat(sim.plexState().managedHubs(2)).extracting(HubInfo::identifier).startsWith(
                "custom.collection.2." + shows.ratingKey(), "tv.recentlyadded");
        assertThat(hub(2, shows.ratingKey()).promotedToOwnHome()).isFalse();
        assertThat(reconciler.audit().lines()).filteredOn(l -> l.contains("\"result\":\"applied\""))
                .hasSize(o.plan().changes().size());
        assertThat(o.writes()).isEqualTo(o.plan().writes());
    }

    @Test
    @Order(3)
    void secondRunPlansNothingAndWritesNothing() throws Exception {
        List<String> audit = reconciler.audit().lines();
        List<HubInfo> hubs = sim.plexState().managedHubs(1);

        Reconciler.Outcome o = reconciler.run(true);

        assertThat(o.plan().changes()).isEmpty();
        assertThat(o.writes()).isZero();
        assertThat(reconciler.audit().lines()).isEqualTo(audit);
        assertThat(sim.plexState().managedHubs(1)).isEqualTo(hubs);
        // sections, then per section (2): collections, the curated collection's items, the managed hubs
        System.out.printf("requests of a reconcile with nothing to change: Plex %d (reads), Tautulli %d%n", o.reads(),
                o.tautulliRequests());
        assertThat(o.reads()).isEqualTo(7);
        assertThat(o.tautulliRequests()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void externalChangesAreDetectedAndRepaired() {
        CollectionInfo trending = collection(1, "Trending this week");
        String rk = String.valueOf(trending.ratingKey());
        String id = ManagedHub.collectionIdentifier("1", rk);
        String removed = items(trending).get(3);
        admin.promoteHub("1", id, false, false, false);            // someone demoted the hub
        admin.removeFromCollection(rk, List.of(removed));          // and removed an item
        List<HubInfo> hubs = sim.plexState().managedHubs(1);
        admin.moveHub("1", id, hubs.get(hubs.size() - 1).identifier()); // and moved the hub last

        Reconciler.Outcome dry = reconciler.run(false);
        assertThat(dry.plan().changes()).extracting(Change::op).containsExactly(Op.ADD_ITEMS, Op.MOVE_ITEM,
                Op.SET_VISIBILITY, Op.MOVE_HUB);
        assertThat(dry.writes()).isZero();

        Reconciler.Outcome o = reconciler.run(true);
        System.out.println(o.summary());
        assertThat(o.results()).allSatisfy(r -> assertThat(r.result()).isEqualTo("verified"));
        assertThat(items(collection(1, "Trending this week"))).containsExactlyElementsOf(expectedTrending());
        HubInfo h = hub(1, trending.ratingKey());
        assertThat(List.of(h.promotedToOwnHome(), h.promotedToSharedHome(), h.promotedToRecommended()))
                .containsOnly(true);
        assertThat(sim.plexState().managedHubs(1).get(0).identifier()).isEqualTo(id);
        assertThat(reconciler.run(true).plan().changes()).isEmpty();
    }

    @Test
    @Order(5)
    void visibilityPlexDropsAfterAReorderIsReasserted() {
        CollectionInfo trending = collection(1, "Trending this week");
        String rk = String.valueOf(trending.ratingKey());
        List<String> keys = items(trending);
        admin.moveCollectionItem(rk, keys.get(keys.size() - 1), null); // someone reordered the collection
        // a Plex that clears the hub's visibility when the collection's order changes (Kometa#218)
        CurationPlex clearing = new Forwarding(plex) {
            @Override
            public void moveItem(String collectionKey, String itemKey, String after) {
                super.moveItem(collectionKey, itemKey, after);
                admin.promoteHub("1", ManagedHub.collectionIdentifier("1", collectionKey), false, false, false);
            }
        };

        Reconciler.Outcome o = reconciler(YAML, clearing).run(true);

        System.out.println(o.summary());
        assertThat(o.plan().changes()).extracting(Change::op).containsOnly(Op.MOVE_ITEM);
        assertThat(o.results()).anySatisfy(r -> {
            assertThat(r.pass()).isEqualTo(2);
            assertThat(r.change().op()).isEqualTo(Op.SET_VISIBILITY);
            assertThat(r.result()).isEqualTo("verified");
        });
        assertThat(o.notKept()).isEmpty();
        HubInfo h = hub(1, trending.ratingKey());
        assertThat(List.of(h.promotedToOwnHome(), h.promotedToSharedHome(), h.promotedToRecommended()))
                .containsOnly(true);
        assertThat(items(collection(1, "Trending this week"))).containsExactlyElementsOf(expectedTrending());
    }

    @Test
    @Order(6)
    void ratingKeysThatNoLongerExistAreSkippedAndReported() {
        Item a = sim.world().itemsOfType(MediaType.MOVIE).get(3);
        Item b = sim.world().itemsOfType(MediaType.MOVIE).get(4);
        String yaml = """
                collections:
                  - title: Fixed picks
                    section: "1"
                    source: { type: fixed, items: [ "99999999", "%d", "%s (%d)", "No Such Film" ] }
                """.formatted(a.ratingKey(), b.title(), b.year());

        Reconciler.Outcome o = reconciler(yaml, plex).run(true);

        assertThat(o.plan().notes()).anySatisfy(n -> assertThat(n).contains("99999999").contains("no longer exists"));
        assertThat(o.plan().notes()).anySatisfy(n -> assertThat(n).contains("No Such Film"));
        assertThat(collection(1, "Fixed picks").items()).containsExactly(a.ratingKey(), b.ratingKey());
        assertThat(o.complete()).isTrue();
    }

    @Test
    @Order(7)
    void aFailureMidwayIsRecordedAndTheNextRunCompletesTheRest() throws Exception {
        String yaml = """
                collections:
                  - title: Artists on repeat
                    section: Music
                    source: { type: most-watched, days: 30, size: 4 }
                    visibility: { home: true }
                    position: 1
                """;
        AtomicInteger writes = new AtomicInteger();
        CurationPlex failing = new Forwarding(plex) {
            @Override
            public void setVisibility(String sectionId, String collectionKey, String identifier, Flags flags,
                    boolean create) {
                if (writes.incrementAndGet() == 1) {
                    throw new PlexException("simulated 500", "hubs.add", "POST", "/hubs/sections/3/manage", 500,
                            PlexException.Kind.SERVER_ERROR, true, null, null);
                }
                super.setVisibility(sectionId, collectionKey, identifier, flags, create);
            }
        };
        int auditBefore = reconciler.audit().lines().size();

        assertThatThrownBy(() -> reconciler(yaml, failing).run(true)).isInstanceOf(PlexException.class);

        List<String> audit = reconciler.audit().lines().subList(auditBefore, reconciler.audit().lines().size());
        assertThat(audit).hasSize(3);
        assertThat(audit.get(0)).contains("\"op\":\"create_collection\"", "\"result\":\"applied\"");
        assertThat(audit.get(1)).contains("\"op\":\"set_sort\"", "\"result\":\"applied\"");
        assertThat(audit.get(2)).contains("\"op\":\"set_visibility\"", "\"result\":\"failed\"", "simulated 500");
        CollectionInfo artists = collection(3, "Artists on repeat");
        assertThat(sim.plexState().managedHub(3, artists.ratingKey())).isEmpty();
        assertThat(Files.readString(DIR.resolve("out/plans/curation-plan.json"))).contains("\"result\" : \"failed\"");

        Reconciler.Outcome next = reconciler(yaml, plex).run(true);

        assertThat(next.plan().changes()).extracting(Change::op).containsExactly(Op.SET_VISIBILITY, Op.MOVE_HUB);
        assertThat(next.complete()).isTrue();
        assertThat(hub(3, artists.ratingKey()).promotedToOwnHome()).isTrue();
        assertThat(sim.plexState().managedHubs(3).get(0).collectionRatingKey()).isEqualTo(artists.ratingKey());
        assertThat(collection(3, "Artists on repeat").items()).hasSize(4);
    }

    /** Forwards every call; tests override one to inject behaviour. */
    static class Forwarding implements CurationPlex {
        private final CurationPlex d;

        Forwarding(CurationPlex d) {
            this.d = d;
        }

        @Override
        public List<PlexSection> sections() {
            return d.sections();
        }

        @Override
        public List<PlexCollection> collections(String sectionId) {
            return d.collections(sectionId);
        }

        @Override
        public List<String> collectionItems(String collectionKey) {
            return d.collectionItems(collectionKey);
        }

        @Override
        public List<ManagedHub> managedHubs(String sectionId) {
            return d.managedHubs(sectionId);
        }

        @Override
        public Map<String, PlexItem> metadata(Collection<String> ratingKeys) {
            return d.metadata(ratingKeys);
        }

        @Override
        public List<PlexItem> items(String sectionId, PlexItemType type, String sort, int max) {
            return d.items(sectionId, type, sort, max);
        }

        @Override
        public String createCollection(String sectionId, String title, PlexItemType itemType, List<String> keys) {
            return d.createCollection(sectionId, title, itemType, keys);
        }

        @Override
        public void addItems(String collectionKey, List<String> ratingKeys) {
            d.addItems(collectionKey, ratingKeys);
        }

        @Override
        public void removeItems(String collectionKey, List<String> ratingKeys) {
            d.removeItems(collectionKey, ratingKeys);
        }

        @Override
        public void moveItem(String collectionKey, String itemKey, String after) {
            d.moveItem(collectionKey, itemKey, after);
        }

        @Override
        public void setSort(String collectionKey, int collectionSort) {
            d.setSort(collectionKey, collectionSort);
        }

        @Override
        public void setVisibility(String sectionId, String collectionKey, String identifier, Flags flags,
                boolean create) {
            d.setVisibility(sectionId, collectionKey, identifier, flags, create);
        }

        @Override
        public void moveHub(String sectionId, String identifier, String after) {
            d.moveHub(sectionId, identifier, after);
        }

        @Override
        public int reads() {
            return d.reads();
        }

        @Override
        public int writes() {
            return d.writes();
        }
    }

    static void deleteTree(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            }
        }
    }

    static <T> List<T> list(Collection<T> c) {
        return new ArrayList<>(c);
    }
}
