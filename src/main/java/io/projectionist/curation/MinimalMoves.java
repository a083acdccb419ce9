package io.projectionist.curation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fewest "move X after Y" operations that turn one order into another (Plex's hub and collection-item moves:
 * {@code …/move?after=Y}, or no {@code after} = first). The elements already in relative order that can stay are a
 * longest increasing subsequence (LIS) of their target positions; every other element is moved once, in target
 * order, directly after its target predecessor. So the number of moves is {@code n − LIS}, never one per element.
 * Plain Java, O(n log n).
 */
public final class MinimalMoves {

    /** Move {@code element} directly after {@code after}; {@code after == null} means "make it first". */
    public record Move(String element, String after) {
        public Move {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public String toString() {
            return after == null ? element + " → first" : element + " → after " + after;
        }
    }

    private MinimalMoves() {
    }

    /**
     * @param current the order now (distinct elements)
     * @param target  the wanted order: the same elements in another order
     * @return the moves, to apply in the order returned
     * @throws IllegalArgumentException when the two lists are not permutations of each other
     */
    public static List<Move> plan(List<String> current, List<String> target) {
        if (current.size() != target.size() || !new HashSet<>(current).equals(new HashSet<>(target))
                || new HashSet<>(target).size() != target.size()) {
            throw new IllegalArgumentException("current and target must hold the same distinct elements: " + current
                    + " vs " + target);
        }
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < target.size(); i++) {
            pos.put(target.get(i), i);
        }
        int[] seq = new int[current.size()];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = pos.get(current.get(i));
        }
        Set<String> keep = new HashSet<>();
        for (int i : longestIncreasing(seq)) {
            keep.add(current.get(i));
        }
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            String e = target.get(i);
            if (!keep.contains(e)) {
                moves.add(new Move(e, i == 0 ? null : target.get(i - 1)));
            }
        }
        return moves;
    }

    /** Applies moves to a copy of {@code list}, as the server does; for tests and for simulating a plan. */
    public static List<String> apply(List<String> list, List<Move> moves) {
        List<String> out = new ArrayList<>(list);
        for (Move m : moves) {
            if (!out.remove(m.element())) {
                throw new IllegalArgumentException("no " + m.element() + " to move");
            }
            int at = 0;
            if (m.after() != null) {
                at = out.indexOf(m.after());
                if (at < 0) {
                    throw new IllegalArgumentException("no " + m.after() + " to move after");
                }
                at++;
            }
            out.add(at, m.element());
        }
        return out;
    }

    /** Indices (ascending) of one longest strictly increasing subsequence of {@code a} (patience sorting). */
    static int[] longestIncreasing(int[] a) {
        int n = a.length;
        int[] tails = new int[n]; // index into a of the smallest tail of an increasing run of length k+1
        int[] prev = new int[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            int lo = 0;
            int hi = len;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[tails[mid]] < a[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            prev[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            if (lo == len) {
                len++;
            }
        }
        int[] out = new int[len];
        for (int k = len - 1, i = len > 0 ? tails[len - 1] : -1; k >= 0; k--, i = prev[i]) {
            out[k] = i;
        }
        return len == 0 ? new int[0] : Arrays.copyOf(out, len);
    }
}
