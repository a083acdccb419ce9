package io.projectionist.curation;

import io.projectionist.curation.Change.Op;
import io.projectionist.curation.CurationConfig.Flags;
import io.projectionist.curation.CurationConfig.ItemOrder;
import io.projectionist.curation.CurationConfig.SyncMode;
import io.projectionist.curation.Planner.ActualCollection;
import io.projectionist.curation.Planner.ActualHub;
import io.projectionist.curation.Planner.ActualSection;
import io.projectionist.curation.Planner.DesiredCollection;
import io.projectionist.curation.Planner.DesiredSection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {

    static final Flags ALL = new Flags(true, true, true);
    static final Planner PLANNER = new Planner(Map.of());

    static ActualHub builtIn(String id) {
        return new ActualHub(id, id, Flags.NONE, null);
    }

    static ActualHub collectionHub(String rk, Flags f) {
        return new ActualHub("custom.collection.1." + rk, "c" + rk, f, rk);
    }

    @Test
    void newCollectionIsCreatedSortedPromotedAndPlaced() {
        ActualSection a = new ActualSection("1", "Movies", List.of(), List.of(builtIn("movie.recentlyadded"),
                builtIn("movie.genre")));
        DesiredCollection d = new DesiredCollection("1", "Trending", List.of("5", "3", "9"), SyncMode.SYNC,
                ItemOrder.SOURCE, ALL, 1);
        List<Change> plan = PLANNER.plan(List.of(), List.of(d), Map.of("1", a)).changes();
        assertThat(plan).extracting(Change::op).containsExactly(Op.CREATE_COLLECTION, Op.SET_SORT, Op.SET_VISIBILITY,
                Op.MOVE_HUB);
        assertThat(plan.get(0).items()).containsExactly("5", "3", "9");
        assertThat(plan.get(2).hub()).isEqualTo("custom.collection.1.{new:Trending}");
        assertThat(plan.get(3).after()).isNull(); // first: a move without after
    }

    @Test
    void matchingStatePlansNothing() {
        ActualSection a = new ActualSection("1", "Movies",
                List.of(new ActualCollection("100", "Trending", 2, List.of("5", "3", "9"))),
                List.of(collectionHub("100", ALL), builtIn("movie.recentlyadded")));
        DesiredCollection d = new DesiredCollection("1", "Trending", List.of("5", "3", "9"), SyncMode.SYNC,
                ItemOrder.SOURCE, ALL, 1);
        assertThat(PLANNER.plan(List.of(), List.of(d), Map.of("1", a)).changes()).isEmpty();
    }

    @Test
    void driftIsRepairedWithFewestChanges() {
        // someone removed item 3, added 7, demoted the hub and moved it last; the source now ranks 9 first
        ActualSection a = new ActualSection("1", "Movies",
                List.of(new ActualCollection("100", "Trending", 2, List.of("5", "9", "7"))),
                List.of(builtIn("movie.recentlyadded"), builtIn("movie.genre"), collectionHub("100", Flags.NONE)));
        DesiredCollection d = new DesiredCollection("1", "Trending", List.of("9", "5", "3"), SyncMode.SYNC,
                ItemOrder.SOURCE, ALL, 1);
        List<Change> plan = PLANNER.plan(List.of(), List.of(d), Map.of("1", a)).changes();
        assertThat(plan).extracting(Change::op).containsExactly(Op.REMOVE_ITEMS, Op.ADD_ITEMS, Op.MOVE_ITEM,
                Op.SET_VISIBILITY, Op.MOVE_HUB);
        assertThat(plan.get(0).items()).containsExactly("7");
        assertThat(plan.get(1).items()).containsExactly("3");
        // after removing 7 and appending 3: [5, 9, 3] → [9, 5, 3] is one move
        Change move = plan.get(2);
        assertThat(MinimalMoves.apply(List.of("5", "9", "3"), List.of(new MinimalMoves.Move(move.items().get(0),
                move.after())))).containsExactly("9", "5", "3");
        assertThat(plan.get(3).before()).isEqualTo(Flags.NONE);
        assertThat(plan.get(3).target()).isEqualTo(ALL);
        assertThat(plan.get(4).hub()).isEqualTo("custom.collection.1.100");
    }

    @Test
    void appendModeKeepsExtraItemsAfterTheSource() {
        ActualSection a = new ActualSection("1", "Movies",
                List.of(new ActualCollection("100", "Picks", 2, List.of("1", "2"))), List.of());
        DesiredCollection d = new DesiredCollection("1", "Picks", List.of("3", "2"), SyncMode.APPEND,
                ItemOrder.SOURCE, Flags.NONE, null);
        List<Change> plan = PLANNER.plan(List.of(), List.of(d), Map.of("1", a)).changes();
        assertThat(plan).extracting(Change::op).containsExactly(Op.ADD_ITEMS, Op.MOVE_ITEM, Op.MOVE_ITEM);
        // [1, 2, 3] → [3, 2, 1]
        List<String> items = List.of("1", "2", "3");
        List<MinimalMoves.Move> moves = plan.stream().filter(c -> c.op() == Op.MOVE_ITEM)
                .map(c -> new MinimalMoves.Move(c.items().get(0), c.after())).toList();
        assertThat(MinimalMoves.apply(items, moves)).containsExactly("3", "2", "1");
    }

    @Test
    void hubOrderMovesOnlyHubsOutOfPlaceAndUnpinsIdleOnes() {
        List<ActualHub> hubs = List.of(builtIn("a"), builtIn("b"), builtIn("c"), builtIn("d"),
                collectionHub("7", new Flags(true, false, false)), builtIn("e"));
        ActualSection a = new ActualSection("1", "Movies", List.of(new ActualCollection("7", "Old", 0, null)), hubs);
        DesiredSection s = new DesiredSection("1", List.of("e", "a"), Set.of("7"));
        List<Change> plan = PLANNER.plan(List.of(s), List.of(), Map.of("1", a)).changes();
        assertThat(plan).extracting(Change::op).containsExactly(Op.SET_VISIBILITY, Op.MOVE_HUB);
        assertThat(plan.get(0).target()).isEqualTo(Flags.NONE);
        // [a b c d c7 e] → [e a b c d c7]: one move, e to first
        assertThat(plan.get(1).hub()).isEqualTo("e");
        assertThat(plan.get(1).after()).isNull();
    }
}
