package peerlearn.testkit;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.quicktheories.core.Gen;

/** Generators for kernel tests: sizes that hit the vector tails, and seeded random arrays. */
public final class KernelGenerators {
    private KernelGenerators() {}

    /** Floats per preferred vector on this machine. */
    public static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    /** The tail cases 0, 1, lanes−1, lanes, lanes+1, 2·lanes±1 (those ≤ max). */
    public static List<Integer> edgeSizes(int max) {
        return List.of(0, 1, LANES - 1, LANES, LANES + 1, 2 * LANES - 1, 2 * LANES, 2 * LANES + 1).stream()
                .filter(s -> s <= max).distinct().toList();
    }

    /** Half the time a tail case, else uniform in [0, max]. */
    public static Gen<Integer> sizes(int max) {
        return arbitrary().pick(edgeSizes(max)).mix(integers().between(0, max));
    }

    /** n floats uniform in [−1, 1). */
    public static float[] uniform(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }

    /**
     * n floats, mostly uniform in [−scale, scale) with a random scale, sprinkled with the values
     * that break careless kernels: ±0, NaN, ±∞, subnormals, and exact ties.
     */
    public static float[] awkward(SplittableRandom r, int n) {
        float scale = (float) Math.pow(10, r.nextInt(-3, 4));
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.MIN_VALUE, -Float.MIN_NORMAL / 3, 1f, -1f};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(10) == 0 ? specials[r.nextInt(specials.length)]
                    : (float) ((2 * r.nextDouble() - 1) * scale);
        }
        return x;
    }
}
