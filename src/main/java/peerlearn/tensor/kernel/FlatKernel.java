package peerlearn.tensor.kernel;

/**
 * One implementation of the flat-vector primitives behind {@link VectorOps}. Arguments are already
 * checked by the facade; ranges are {@code [off, off + n)}. Outputs may alias inputs exactly
 * (same array and offset) but must not partially overlap them.
 */
interface FlatKernel {
    /** y ← y + a·x, with one fma per element. */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /** x ← a·x */
    void scale(float a, float[] x, int off, int n);

    /** x ← x + s */
    void addScalar(float s, float[] x, int off, int n);

    /** out ← x (a copy; used on the short rows of im2col, where a call to arraycopy per row costs more). */
    void copy(float[] x, int xOff, float[] out, int outOff, int n);

    /** out[r·outStride + j] ← x[r·xStride + j] for r < rows, j < len (rows from the offsets): im2col's rows. */
    void copyRows(float[] x, int xOff, int xStride, float[] out, int outOff, int outStride, int rows, int len);

    /** out[r·outStride + j] ← out[…] + x[r·xStride + j] for r < rows, j < len: col2im's rows (ranges must not overlap). */
    void addRows(float[] x, int xOff, int xStride, float[] out, int outOff, int outStride, int rows, int len);

    /**
     * out[r·outStride + q] ← out[…] + Σ_s x[s·xShift + r·xStride + q − s] for r < rows and
     * qlo ≤ q < qhi, over the s < shifts with 0 ≤ q − s < len, each element's terms added in
     * increasing s: col2im's rows of one (channel, kernel row) at stride 1, the kernel columns s
     * folded while a row of out stays in a register; [qlo, qhi) clips a padded row to the image
     * (rows must not overlap; out is only touched at qlo ≤ q < qhi).
     */
    void addShiftedRows(float[] x, int xOff, int xShift, int xStride, int shifts, float[] out, int outOff, int outStride,
                        int rows, int len, int qlo, int qhi);

    /** {@link MaxPool2x2#forward} after its checks: y and argmax of every 2×2 stride-2 window. */
    void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] y, int yOff, int[] argmax, int argOff);

    /** out ← x + y */
    void add(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /** out ← x − y */
    void sub(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /** out ← x ⊙ y */
    void mul(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /** out ← fma(x, y, out): out + x ⊙ y with one rounding. */
    void addProduct(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /** out_i ← Σ_k w_k · xs_k[i]: the fma chain over k = 0, 1, … from zero. */
    void weightedSum(float[] w, float[][] xs, float[] out, int off, int n);

    /** out ← max(x, 0) as {@link Math#max}: NaN stays NaN, −0 becomes +0. */
    void relu(float[] x, int xOff, float[] out, int outOff, int n);

    /** dx_i ← dx_i + dy_i where x_i > 0 (dx_i untouched elsewhere). */
    void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);

    /** out_i ← (x_i · h(x_i)) · scale, h the hard sigmoid (see {@link VectorOps#hardSwishScaled}). */
    void hardSwishScaled(float[] x, int xOff, float[] out, int outOff, int n, float scale);

    /** EvoNorm-S0's input gradient over one group (see {@link VectorOps#evoNormS0Backward}). */
    void evoNormS0Backward(float[] x, int xOff, float[] du, int duOff, float[] dx, int dxOff, int n,
                           float scale, float viaVar, float mean);

    /** Σ x_i y_i in double over 16 fixed partial sums (see {@link VectorOps#dot}). */
    double dot(float[] x, int xOff, float[] y, int yOff, int n);

    /** Σ x_i in double over 16 fixed partial sums. */
    double sum(float[] x, int off, int n);
}
