package peerlearn.rng;

import peerlearn.state.State;
import peerlearn.state.Stateful;

/**
 * A small deterministic random stream (SplitMix64) whose whole state is one {@code long}, so a
 * checkpoint can save and restore its position exactly.
 *
 * <p>Every consumer of randomness gets its own stream from {@link #stream(long, int, String)}:
 * the run's seed, the agent's id (or -1 for run-wide draws) and a purpose such as
 * {@code "batches"} or {@code "faults"}. Streams never depend on thread scheduling, which is what
 * makes "same seed, same bits" hold.
 */
public final class Rng implements Stateful {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The stream for (seed, agent, purpose); distinct arguments give independent-looking streams. */
    public static Rng stream(long seed, int agent, String purpose) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h ^ (agent * GOLDEN));
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h ^ purpose.charAt(i) * 0xBF58476D1CE4E5B9L);
        }
        return new Rng(h);
    }

    /** A child stream, e.g. one per round, without disturbing this one's sequence. */
    public Rng fork(long salt) {
        return new Rng(mix(state ^ mix(salt + GOLDEN)));
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift with rejection: unbiased.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Standard normal (Marsaglia polar method; the spare value is part of the state). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        return u * f;
    }

    /** Fisher–Yates shuffle in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The stream's position, for checkpoints: {@code [state, spare-gaussian bits]}. */
    public long[] saveState() {
        return new long[] {state, Double.doubleToRawLongBits(spareGaussian)};
    }

    public void restoreState(long[] saved) {
        if (saved.length != 2) {
            throw new IllegalArgumentException("an Rng state has 2 longs, got " + saved.length);
        }
        state = saved[0];
        spareGaussian = Double.longBitsToDouble(saved[1]);
    }

    /** The position as two entries: the SplitMix64 state and the spare Gaussian's bits. */
    @Override
    public void state(State s) {
        state = s.integer("position", state);
        spareGaussian = Double.longBitsToDouble(s.integer("spare_gaussian", Double.doubleToRawLongBits(spareGaussian)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
