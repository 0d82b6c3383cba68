package peerlearn.testkit;

import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;

/** Random tensors for autograd tests, deterministic in their seed. */
public final class AutogradGen {
    private AutogradGen() {}

    /** Standard-normal entries. */
    public static Tensor normal(Rng rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return t;
    }

    /** Uniform entries in [lo, hi). */
    public static Tensor uniform(Rng rng, float lo, float hi, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return t;
    }

    /** Entries with |x| in [margin, margin + 1), random sign: safe for kinks at 0 (relu, elu). */
    public static Tensor awayFromZero(Rng rng, float margin, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            float m = margin + rng.nextFloat();
            d[i] = rng.nextFloat() < 0.5f ? -m : m;
        }
        return t;
    }

    /**
     * A shuffled arithmetic sequence centred on 0 with spacing {@code gap}: all entries differ by at
     * least {@code gap}, so small perturbations never change which one is a maximum.
     */
    public static Tensor distinct(Rng rng, float gap, int... shape) {
        Tensor t = Tensor.zeros(shape);
        int n = t.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        float[] d = t.data();
        for (int i = 0; i < n; i++) {
            d[i] = (order[i] - n / 2f) * gap;
        }
        return t;
    }

    /** Labels uniform in [0, k). */
    public static int[] labels(Rng rng, int n, int k) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(k);
        }
        return y;
    }
}
