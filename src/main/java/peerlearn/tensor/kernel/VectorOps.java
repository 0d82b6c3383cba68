package peerlearn.tensor.kernel;

/**
 * Flat-vector operations every algorithm uses. Ranges are {@code [off, off + n)}.
 *
 * <p>Placeholder scalar bodies; the Vector API kernels and their scalar twins replace them.
 */
public final class VectorOps {
    private VectorOps() {}

    /** y ← y + a·x */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    public static void axpy(float a, float[] x, float[] y) {
        checkSame(x, y);
        axpy(a, x, 0, y, 0, x.length);
    }

    /** x ← a·x */
    public static void scale(float a, float[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            x[off + i] *= a;
        }
    }

    public static void scale(float a, float[] x) {
        scale(a, x, 0, x.length);
    }

    /** Σ x_i y_i, accumulated in double. */
    public static double dot(float[] x, int xOff, float[] y, int yOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    public static double dot(float[] x, float[] y) {
        checkSame(x, y);
        return dot(x, 0, y, 0, x.length);
    }

    /** ‖x‖², accumulated in double. */
    public static double sumSquares(float[] x, int off, int n) {
        return dot(x, off, x, off, n);
    }

    public static double sumSquares(float[] x) {
        return sumSquares(x, 0, x.length);
    }

    /** out ← Σ_k w_k · xs_k over {@code [off, off + n)}, terms added in k order. */
    public static void weightedSum(float[] w, float[][] xs, float[] out, int off, int n) {
        if (w.length != xs.length) {
            throw new IllegalArgumentException("weights and vectors differ in count: " + w.length + " vs " + xs.length);
        }
        for (int i = 0; i < n; i++) {
            float s = 0f;
            for (int k = 0; k < xs.length; k++) {
                s = Math.fma(w[k], xs[k][off + i], s);
            }
            out[off + i] = s;
        }
    }

    public static void weightedSum(float[] w, float[][] xs, float[] out) {
        for (float[] x : xs) {
            checkSame(x, out);
        }
        weightedSum(w, xs, out, 0, out.length);
    }

    private static void checkSame(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("vectors differ in length: " + x.length + " vs " + y.length);
        }
    }
}
