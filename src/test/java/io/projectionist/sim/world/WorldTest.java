package io.projectionist.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.SimulatorOptions;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

class WorldTest {

    private static final SimulatorOptions OPTS = SimTestSupport.options(3000);

    @Test
    void sameInputsGiveTheSameWorld() {
        World a = World.generate(OPTS);
        World b = World.generate(OPTS);
        assertThat(a.server()).isEqualTo(b.server());
        assertThat(a.users()).isEqualTo(b.users());
        assertThat(a.devices()).isEqualTo(b.devices());
        assertThat(a.items()).isEqualTo(b.items());
        assertThat(a.history().size()).isEqualTo(3000);
        for (int i = 0; i < a.history().size(); i++) {
            assertThat(a.history().row(i)).isEqualTo(b.history().row(i));
        }
    }

    @Test
    void differentSeedOrZoneGivesADifferentWorld() {
        World a = World.generate(OPTS);
        World b = World.generate(OPTS.withSeed(43));
        assertThat(b.server().machineIdentifier()).isNotEqualTo(a.server().machineIdentifier());
        assertThat(b.items().get(0).title()).isNotEqualTo(a.items().get(0).title());
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            if (a.history().started(i) == b.history().started(i)) {
                same++;
            }
        }
        assertThat(same).isLessThan(50);
        World c = World.generate(OPTS.withZone(ZoneId.of("America/New_York")));
        assertThat(c.history().started(0)).isNotEqualTo(a.history().started(0));
    }

    @Test
    void catalogueIsConsistent() {
        World w = World.generate(OPTS);
        Set<Integer> keys = new HashSet<>();
        for (Item it : w.items()) {
            assertThat(keys.add(it.ratingKey())).as("unique key %s", it.ratingKey()).isTrue();
            assertThat(w.items().get(it.ordinal())).isSameAs(it);
            assertThat(it.guid()).matches("plex://" + it.type().wire() + "/[0-9a-f]{24}");
            assertThat(it.title()).isNotBlank();
            if (it.type().playable()) {
                assertThat(it.media()).isNotNull();
                assertThat(it.durationMs()).isPositive();
            }
            if (it.type() == MediaType.EPISODE || it.type() == MediaType.TRACK) {
                Item parent = w.parent(it).orElseThrow();
                Item grand = w.grandparent(it).orElseThrow();
                assertThat(parent.parentRatingKey()).isEqualTo(grand.ratingKey());
                assertThat(it.parentTitle()).isEqualTo(parent.title());
                assertThat(it.grandparentTitle()).isEqualTo(grand.title());
                assertThat(w.children(parent.ratingKey())).contains(it);
            }
            if (it.type() == MediaType.SHOW) {
                int leaves = w.children(it.ratingKey()).stream().mapToInt(Item::leafCount).sum();
                assertThat(it.leafCount()).isEqualTo(leaves).isPositive();
                assertThat(it.childCount()).isEqualTo(w.children(it.ratingKey()).size());
            }
        }
        assertThat(w.itemsOfType(MediaType.MOVIE)).hasSizeGreaterThan(100);
        assertThat(w.itemsOfType(MediaType.EPISODE)).hasSizeGreaterThan(200);
        assertThat(w.itemsOfType(MediaType.TRACK)).hasSizeGreaterThan(200);
        assertThat(w.items().stream().filter(i -> i.type() == MediaType.MOVIE).map(i -> i.media()
                .videoResolution()).distinct()).contains("4k", "1080", "720", "sd");
        assertThat(w.server().machineIdentifier()).matches("[0-9a-f]{40}");
        assertThat(w.users().get(0).admin()).isTrue();
        assertThat(w.users().get(0).plexAccountId()).isEqualTo(1);
        assertThat(w.users().get(0).userId()).isEqualTo(1001);
        for (User u : w.users()) {
            assertThat(w.devicesOf(u)).isNotEmpty();
        }
        assertThat(SimulatorOptions.defaults().tautulliApiKey()).matches("[0-9a-f]{32}");
    }

    @Test
    void historyIsOrderedWindowedAndShaped() {
        World w = World.generate(OPTS);
        History h = w.history();
        long anchor = OPTS.anchor().getEpochSecond();
        long from = anchor - OPTS.historyDays() * 86400L;
        Map<Integer, Integer> moviePlays = new HashMap<>();
        int abandoned = 0;
        int followOn = 0;
        int[] hours = new int[24];
        for (int i = 0; i < h.size(); i++) {
            PlayRow r = h.row(i);
            assertThat(r.id()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(r.started()).isGreaterThan(h.started(i - 1));
            }
            assertThat(r.started()).isBetween(from - 10, anchor);
            assertThat(r.stopped()).isLessThanOrEqualTo(anchor).isGreaterThanOrEqualTo(r.started());
            assertThat(r.duration()).isEqualTo(r.stopped() - r.started() - r.pausedCounter()).isNotNegative();
            assertThat(r.item().type().playable()).isTrue();
            assertThat(r.device().userIndex()).isEqualTo(r.user().index());
            if (r.item().type() == MediaType.MOVIE) {
                moviePlays.merge(r.item().ratingKey(), 1, Integer::sum);
            }
            if (r.percentComplete() < 60) {
                abandoned++;
            }
            hours[LocalDateTime.ofInstant(Instant.ofEpochSecond(r.started()),
                    ZoneOffset.UTC).getHour()]++;
            if (r.item().type() == MediaType.EPISODE) {
                // is there an earlier play of the previous episode by the same user?
                for (int j = i - 1; j >= Math.max(0, i - 200); j--) {
                    if (h.userIndex(j) == r.user().index() && h.item(j).type() == MediaType.EPISODE) {
                        if (h.item(j).grandparentRatingKey() == r.item().grandparentRatingKey()) {
                            followOn++;
                        }
                        break;
                    }
                }
            }
        }
        List<Integer> counts = moviePlays.values().stream().sorted((x, y) -> y - x).toList();
        // Zipf: a clear winner
        assertThat(counts.get(0)).isGreaterThan(counts.get(2) + 2);
        assertThat(abandoned).isBetween(h.size() / 30, h.size() / 4);
        assertThat(hours[20]).isGreaterThan(hours[4] * 5);
        long episodes = h.stream().filter(r -> r.item().type() == MediaType.EPISODE).count();
        assertThat(followOn).isGreaterThan((int) (episodes / 2));
    }

    @Test
    void zeroPlaysAndTooManyPlays() {
        assertThat(World.generate(OPTS.withPlays(0)).history().size()).isZero();
        assertThatThrownBy(() -> World.generate(OPTS.withPlays(1_000_000).withHistoryDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
