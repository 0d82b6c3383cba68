package peerlearn.tensor.kernel;

/**
 * C = α·A·Bᵀ + β·C for row-major A (m×k) and B (n×k) whose rows are long and C small: a
 * convolution's weight gradient dW (F×C·kh·kw) = dy′ (F×N·Ho·Wo) · colsᵀ, where k runs over every
 * output position of the batch (25,088 on LeNet-5's first layer) while C has 150 elements. The
 * GEMM ({@link Gemm}) vectorizes across C's columns, which such a C leaves mostly empty (25
 * columns in a 64-wide tile), and packs Bᵀ by a transpose; here every element is a dot product
 * vectorized along k, and A and B are read in place.
 *
 * <p>Each element's bits are fixed by the scalar twin {@code ScalarRowDots}: 16 float partial
 * sums (element p of the rows into partial p mod 16, each an fma chain in increasing p), folded
 * pairwise as the reductions of {@link VectorOps}, then α·s or fma(β, c, α·s). The order differs
 * from {@link Gemm}'s single chain (so the two differ in the last bits), but not with the vector
 * width, the tile or the machine.
 */
public final class RowDots {
    private RowDots() {}

    /** c (m×n, ldc) ← α·a·bᵀ + β·c with a: m×k (lda) and b: n×k (ldb); when β = 0, C is not read. */
    public static void abt(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float beta, float[] c, int cOff, int ldc) {
        abt(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null);
    }

    /**
     * As above, the partial sums parked between k-blocks in {@code ws} (null: a fresh buffer), so a
     * training step does not allocate them per product (cganet5: 4 MiB per step).
     */
    public static void abt(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float beta, float[] c, int cOff, int ldc, GemmWorkspace ws) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("row dots: negative size m=" + m + " n=" + n + " k=" + k);
        }
        Gemm.checkMatrix("A", a, aOff, lda, m, k);
        Gemm.checkMatrix("B", b, bOff, ldb, n, k);
        Gemm.checkMatrix("C", c, cOff, ldc, m, n);
        Kernels.ROW_DOTS.abt(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
    }
}
