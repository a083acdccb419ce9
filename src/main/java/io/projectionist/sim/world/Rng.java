package io.projectionist.sim.world;

import java.util.List;

/**
 * SplitMix64: tiny, fast and fully specified here, so a seed gives the same world on every JDK (unlike relying on
 * the exact algorithm behind java.util.Random subclasses). Not thread-safe; fork one per use.
 */
public final class Rng {

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A stream derived from this seed and a salt, independent of how much other streams consumed. */
    public static Rng of(long seed, String salt) {
        return new Rng(mix(seed ^ mix(salt.hashCode() * 0x9E3779B97F4A7C15L + salt.length())));
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [lo, hi] inclusive. */
    public int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public boolean chance(double p) {
        return nextDouble() < p;
    }

    public <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }

    public <T> T pick(List<T> values) {
        return values.get(nextInt(values.size()));
    }

    public String hex(int chars) {
        StringBuilder sb = new StringBuilder(chars);
        while (sb.length() < chars) {
            sb.append(String.format("%016x", nextLong()));
        }
        return sb.substring(0, chars);
    }

    public String alnum(int chars) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append(alphabet.charAt(nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Index drawn from cumulative weights (last element = total). */
    public int weighted(double[] cumulative) {
        double x = nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    public static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    /** Zipf weights 1/(k+1)^s: a few clear winners, a long tail. */
    public static double[] zipfCumulative(int n, double s) {
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = 1.0 / Math.pow(k + 1, s);
        }
        return cumulative(w);
    }
}
