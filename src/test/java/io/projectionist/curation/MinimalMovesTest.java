package io.projectionist.curation;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MinimalMovesTest {

    private static final Random RANDOM = new Random(7);

    /** O(n²) LIS length, written independently of the O(n log n) one under test. */
    private static int lisLength(List<String> current, List<String> target) {
        int n = current.size();
        int[] pos = new int[n];
        for (int i = 0; i < n; i++) {
            pos[i] = target.indexOf(current.get(i));
        }
        int[] best = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            best[i] = 1;
            for (int j = 0; j < i; j++) {
                if (pos[j] < pos[i]) {
                    best[i] = Math.max(best[i], best[j] + 1);
                }
            }
            max = Math.max(max, best[i]);
        }
        return max;
    }

    private static List<String> hubs(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("hub" + i);
        }
        return out;
    }

    @RepeatedTest(200)
    void randomOrdersTakeHubsMinusLisMovesAndReachTheTarget() {
        int n = RANDOM.nextInt(25);
        List<String> current = hubs(n);
        Collections.shuffle(current, RANDOM);
        List<String> target = new ArrayList<>(current);
        Collections.shuffle(target, RANDOM);

        List<MinimalMoves.Move> moves = MinimalMoves.plan(current, target);

        assertThat(moves).hasSize(n - lisLength(current, target));
        assertThat(MinimalMoves.apply(current, moves)).isEqualTo(target);
        assertThat(moves).extracting(MinimalMoves.Move::element).doesNotHaveDuplicates();
    }

    @Test
    void nearlySortedListsNeedFewMoves() {
        List<String> current = hubs(10);
        assertThat(MinimalMoves.plan(current, current)).isEmpty();

        List<String> oneToFront = new ArrayList<>(current);
        oneToFront.add(0, oneToFront.remove(7));
        List<MinimalMoves.Move> moves = MinimalMoves.plan(current, oneToFront);
        assertThat(moves).containsExactly(new MinimalMoves.Move("hub7", null));

        List<String> reversed = new ArrayList<>(current);
        Collections.reverse(reversed);
        assertThat(MinimalMoves.plan(current, reversed)).hasSize(9);
        assertThat(MinimalMoves.apply(current, MinimalMoves.plan(current, reversed))).isEqualTo(reversed);
    }

    @Test
    void movesUseAfterExceptForTheFirstPlace() {
        List<MinimalMoves.Move> moves = MinimalMoves.plan(List.of("a", "b", "c", "d"), List.of("d", "a", "c", "b"));
        // keep a, c (or a, b): two moves
        assertThat(moves).hasSize(2);
        assertThat(MinimalMoves.apply(List.of("a", "b", "c", "d"), moves)).containsExactly("d", "a", "c", "b");
        assertThat(moves.get(0)).isEqualTo(new MinimalMoves.Move("d", null));
    }

    @Test
    void listsMustHoldTheSameElements() {
        assertThatThrownBy(() -> MinimalMoves.plan(List.of("a", "b"), List.of("a", "c")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
