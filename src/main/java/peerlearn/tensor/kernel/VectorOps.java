package peerlearn.tensor.kernel;

/**
 * Flat-vector and element-wise kernels on {@code float[]} ranges {@code [off, off + n)}.
 * Outputs may be the very same range as an input (in place) but must not partially overlap one.
 *
 * <p>Determinism: element-wise operations round once per element (fma counts as one), and
 * reductions ({@link #dot}, {@link #sum}, {@link #sumSquares}) accumulate in double: the whole
 * blocks of 16 into 16 partial sums — element i goes to partial i mod 16 — folded pairwise in a
 * fixed order, then the last n mod 16 terms one by one. The
 * result does not depend on the machine's vector width or on whether the Vector API is enabled.
 * Backward kernels ({@code …Backward}, {@code columnSums}, {@code channelSums}) accumulate into
 * their output (+=), as gradients do.
 */
public final class VectorOps {
    private VectorOps() {}

    /** y ← y + a·x (one fma per element). */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        check(x, xOff, n, "x");
        check(y, yOff, n, "y");
        Kernels.OPS.axpy(a, x, xOff, y, yOff, n);
    }

    public static void axpy(float a, float[] x, float[] y) {
        checkSame(x, y);
        axpy(a, x, 0, y, 0, x.length);
    }

    /** x ← a·x */
    public static void scale(float a, float[] x, int off, int n) {
        check(x, off, n, "x");
        Kernels.OPS.scale(a, x, off, n);
    }

    public static void scale(float a, float[] x) {
        scale(a, x, 0, x.length);
    }

    /** x ← x + s */
    public static void addScalar(float s, float[] x, int off, int n) {
        check(x, off, n, "x");
        Kernels.OPS.addScalar(s, x, off, n);
    }

    /** out ← x + y */
    public static void add(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        check3(x, xOff, y, yOff, out, outOff, n);
        Kernels.OPS.add(x, xOff, y, yOff, out, outOff, n);
    }

    public static void add(float[] x, float[] y, float[] out) {
        checkSame(x, y);
        checkSame(x, out);
        add(x, 0, y, 0, out, 0, x.length);
    }

    /** out ← x − y */
    public static void sub(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        check3(x, xOff, y, yOff, out, outOff, n);
        Kernels.OPS.sub(x, xOff, y, yOff, out, outOff, n);
    }

    public static void sub(float[] x, float[] y, float[] out) {
        checkSame(x, y);
        checkSame(x, out);
        sub(x, 0, y, 0, out, 0, x.length);
    }

    /** out ← x ⊙ y (element-wise product) */
    public static void mul(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        check3(x, xOff, y, yOff, out, outOff, n);
        Kernels.OPS.mul(x, xOff, y, yOff, out, outOff, n);
    }

    /** out ← out + x ⊙ y, one fma per element (e.g. the backward of a product: dx += dy ⊙ y). */
    public static void addProduct(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        check3(x, xOff, y, yOff, out, outOff, n);
        Kernels.OPS.addProduct(x, xOff, y, yOff, out, outOff, n);
    }

    /** dst ← src */
    public static void copy(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        check(src, srcOff, n, "src");
        check(dst, dstOff, n, "dst");
        System.arraycopy(src, srcOff, dst, dstOff, n);
    }

    /** Σ x_i y_i in double (16 fixed partial sums; see the class comment). */
    public static double dot(float[] x, int xOff, float[] y, int yOff, int n) {
        check(x, xOff, n, "x");
        check(y, yOff, n, "y");
        return Kernels.OPS.dot(x, xOff, y, yOff, n);
    }

    public static double dot(float[] x, float[] y) {
        checkSame(x, y);
        return dot(x, 0, y, 0, x.length);
    }

    /** ‖x‖² in double. */
    public static double sumSquares(float[] x, int off, int n) {
        return dot(x, off, x, off, n);
    }

    public static double sumSquares(float[] x) {
        return sumSquares(x, 0, x.length);
    }

    /** ‖x‖ = √(Σ x_i²), in double. */
    public static double norm(float[] x) {
        return Math.sqrt(sumSquares(x));
    }

    /** Σ x_i in double (16 fixed partial sums). */
    public static double sum(float[] x, int off, int n) {
        check(x, off, n, "x");
        return Kernels.OPS.sum(x, off, n);
    }

    public static double sum(float[] x) {
        return sum(x, 0, x.length);
    }

    /** out ← Σ_k w_k · xs_k over {@code [off, off + n)}: per element, the fma chain in k order from 0. */
    public static void weightedSum(float[] w, float[][] xs, float[] out, int off, int n) {
        if (w.length != xs.length) {
            throw new IllegalArgumentException("weights and vectors differ in count: " + w.length + " vs " + xs.length);
        }
        check(out, off, n, "out");
        for (int k = 0; k < xs.length; k++) {
            if (n < 0 || off < 0 || (long) off + n > xs[k].length) { // the name made only when needed
                check(xs[k], off, n, "xs[" + k + "]");
            }
        }
        Kernels.OPS.weightedSum(w, xs, out, off, n);
    }

    public static void weightedSum(float[] w, float[][] xs, float[] out) {
        for (float[] x : xs) {
            checkSame(x, out);
        }
        weightedSum(w, xs, out, 0, out.length);
    }

    /** out ← max(x, 0) (NaN stays NaN). */
    public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        check(x, xOff, n, "x");
        check(out, outOff, n, "out");
        Kernels.OPS.relu(x, xOff, out, outOff, n);
    }

    /** dx ← dx + dy where x > 0 ({@code x} may be the relu's input or its output). */
    public static void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        check3(x, xOff, dy, dyOff, dx, dxOff, n);
        Kernels.OPS.reluBackward(x, xOff, dy, dyOff, dx, dxOff, n);
    }

    /**
     * out_i ← (x_i · h(x_i)) · scale with h(v) = min(1, max(0, fma(v, 1/6, 1/2))), the hard sigmoid:
     * EvoNorm-S0's x·h(x) over its group's deviation ({@code scale} = 1/s). Out may be x.
     */
    public static void hardSwishScaled(float[] x, int xOff, float[] out, int outOff, int n, float scale) {
        check(x, xOff, n, "x");
        check(out, outOff, n, "out");
        Kernels.OPS.hardSwishScaled(x, xOff, out, outOff, n, scale);
    }

    /**
     * EvoNorm-S0's input gradient over one group of n elements:
     * dx_i ← dx_i + ((du_i · (h(x_i) + x_i · h′(x_i))) · scale + viaVar · (x_i − mean)), h as in
     * {@link #hardSwishScaled}, h′ = 1/6 on the open interval (−3, 3) and 0 elsewhere (the value
     * at ±3 that PyTorch's hardsigmoid backward takes), each product and sum rounded in this order.
     */
    public static void evoNormS0Backward(float[] x, int xOff, float[] du, int duOff, float[] dx, int dxOff, int n,
                                         float scale, float viaVar, float mean) {
        check3(x, xOff, du, duOff, dx, dxOff, n);
        Kernels.OPS.evoNormS0Backward(x, xOff, du, duOff, dx, dxOff, n, scale, viaVar, mean);
    }

    /** x: (rows, cols) ← x + v broadcast over rows (a Linear layer's bias); v has cols elements. */
    public static void addRowVector(float[] x, int off, int rows, int cols, float[] v, int vOff) {
        check(x, off, Math.multiplyExact(rows, cols), "x");
        check(v, vOff, cols, "v");
        for (int r = 0; r < rows; r++) {
            Kernels.OPS.add(x, off + r * cols, v, vOff, x, off + r * cols, cols);
        }
    }

    /** out ← out + Σ_r x[r, ·] for x: (rows, cols), rows added in order (a Linear bias gradient). */
    public static void columnSums(float[] x, int off, int rows, int cols, float[] out, int outOff) {
        check(x, off, Math.multiplyExact(rows, cols), "x");
        check(out, outOff, cols, "out");
        for (int r = 0; r < rows; r++) {
            Kernels.OPS.add(out, outOff, x, off + r * cols, out, outOff, cols);
        }
    }

    /** x: (n, c, hw) ← x + b[c] on every plane (a convolution's bias over NCHW). */
    public static void addChannelBias(float[] x, int off, int n, int c, int hw, float[] b, int bOff) {
        check(x, off, Math.multiplyExact(Math.multiplyExact(n, c), hw), "x");
        check(b, bOff, c, "b");
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                Kernels.OPS.addScalar(b[bOff + ch], x, off + (i * c + ch) * hw, hw);
            }
        }
    }

    /**
     * out[c] ← out[c] + Σ_n Σ_s x[n, c, s] for x: (n, c, hw) (a convolution's bias gradient); each
     * plane is summed in double by {@link #sum}, rounded to float, and added in order of n.
     */
    public static void channelSums(float[] x, int off, int n, int c, int hw, float[] out, int outOff) {
        check(x, off, Math.multiplyExact(Math.multiplyExact(n, c), hw), "x");
        check(out, outOff, c, "out");
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                out[outOff + ch] += (float) Kernels.OPS.sum(x, off + (i * c + ch) * hw, hw);
            }
        }
    }

    /**
     * dst: (b, a, inner) ← src: (a, b, inner), i.e. swaps the two leading axes. Turns a batched
     * convolution's GEMM output (Cout, N, Ho·Wo) into NCHW (N, Cout, Ho·Wo), and back.
     */
    public static void swapLeadingAxes(float[] src, int srcOff, int a, int b, int inner, float[] dst, int dstOff) {
        int size = Math.multiplyExact(Math.multiplyExact(a, b), inner);
        check(src, srcOff, size, "src");
        check(dst, dstOff, size, "dst");
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(src, srcOff + (i * b + j) * inner, dst, dstOff + (j * a + i) * inner, inner);
            }
        }
    }

    static void check(float[] x, int off, int n, String name) {
        if (n < 0 || off < 0 || (long) off + n > x.length) {
            throw new IllegalArgumentException("range [" + off + ", " + ((long) off + n) + ") of " + name
                    + " is outside its array of length " + x.length);
        }
    }

    private static void check3(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        check(x, xOff, n, "x");
        check(y, yOff, n, "y");
        check(out, outOff, n, "out");
    }

    private static void checkSame(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("vectors differ in length: " + x.length + " vs " + y.length);
        }
    }
}
