package peerlearn.nn;

import peerlearn.rng.Rng;

/**
 * How a parameter tensor is initialised, given its fan-in and fan-out.
 * <ul>
 *   <li>{@link #TORCH_DEFAULT}: U(−1/√fan_in, 1/√fan_in), PyTorch's default for {@code Linear}
 *       and {@code Conv2d} weights and biases (Kaiming-uniform with a = √5);</li>
 *   <li>{@link #KAIMING_NORMAL}: N(0, 2/fan_in) (He et al., "Delving Deep into Rectifiers", ICCV 2015);</li>
 *   <li>{@link #XAVIER_UNIFORM}: U(±√(6/(fan_in + fan_out))) (Glorot and Bengio, AISTATS 2010);</li>
 *   <li>{@link #ZEROS}, {@link #ONES}: constants (biases, norm shifts and scales).</li>
 * </ul>
 */
public enum Init {
    TORCH_DEFAULT, KAIMING_NORMAL, XAVIER_UNIFORM, ZEROS, ONES;

    /** Fills {@code dst[off, off + n)} from {@code rng}. */
    public void fill(float[] dst, int off, int n, int fanIn, int fanOut, Rng rng) {
        switch (this) {
            case ZEROS -> java.util.Arrays.fill(dst, off, off + n, 0f);
            case ONES -> java.util.Arrays.fill(dst, off, off + n, 1f);
            case TORCH_DEFAULT -> uniform(dst, off, n, 1 / Math.sqrt(fanIn), rng);
            case XAVIER_UNIFORM -> uniform(dst, off, n, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
            case KAIMING_NORMAL -> {
                double std = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) (std * rng.nextGaussian());
                }
            }
        }
    }

    private static void uniform(float[] dst, int off, int n, double bound, Rng rng) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
    }
}
