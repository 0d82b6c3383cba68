package peerlearn.tensor.kernel;

/**
 * Max-pooling over 2×2 windows with stride 2, the case every small CNN uses, written so the JIT
 * can use conditional moves instead of branches: the general loop of {@link Pooling#maxForward}
 * compares one element at a time, and on real activations about half of those comparisons
 * mispredict (measured about 3× slower on 32×6×28×28). For finite inputs the results equal
 * {@link Pooling#maxForward} with kernel 2 and stride 2: the window maximum, and the index of its
 * first occurrence in row-major order (relative to {@code xOff}). Two corner cases differ: a window
 * holding both −0 and +0 gives +0 ({@link Math#max}), and in a window holding a NaN the value is
 * NaN but the index need not point at it. The loops are {@code FlatKernel#maxPool2x2}: a vector
 * kernel (16 windows per step on 512-bit vectors) and its scalar twin, equal bit for bit.
 */
public final class MaxPool2x2 {
    private MaxPool2x2() {}

    /** x: (planes, h, w) → y: (planes, h/2, w/2), argmax as in {@link Pooling#maxForward}. */
    public static void forward(float[] x, int xOff, int planes, int h, int w, float[] y, int yOff,
                               int[] argmax, int argOff) {
        int ho = h / 2;
        int wo = w / 2;
        if (planes < 0 || ho < 1 || wo < 1) {
            throw new IllegalArgumentException("2×2 max-pool: bad geometry planes=" + planes + " input " + h + "×" + w);
        }
        VectorOps.check(x, xOff, Math.multiplyExact(Math.multiplyExact(planes, h), w), "pool input");
        VectorOps.check(y, yOff, Math.multiplyExact(Math.multiplyExact(planes, ho), wo), "pool output");
        if (argOff < 0 || (long) argOff + (long) planes * ho * wo > argmax.length) {
            throw new IllegalArgumentException("2×2 max-pool: argmax array of length " + argmax.length
                    + " cannot hold " + ((long) planes * ho * wo) + " indices at offset " + argOff);
        }
        Kernels.OPS.maxPool2x2(x, xOff, planes, h, w, y, yOff, argmax, argOff);
    }
}
