package peerlearn.tensor.kernel;

/**
 * Single-precision matrix multiply on row-major arrays:
 * {@code C = alpha · op(A) · op(B) + beta · C}, with op(A) of shape m×k and op(B) k×n.
 * {@code lda}, {@code ldb}, {@code ldc} are the row strides of A, B and C as stored
 * (A is stored k×m when {@code transA}, B is stored n×k when {@code transB}).
 *
 * <p>Every c_ij is the fma chain s ← fma(op(A)_ip, op(B)_pj, s) over p = 0, 1, …, k−1 from s = 0,
 * then α·s when β = 0 (C is not read, so NaNs in it do not leak), else fma(β, c_ij, α·s). The
 * result is therefore the same bits on every machine and with or without the Vector API.
 * Runs on the calling thread only.
 */
public final class Gemm {
    private Gemm() {}

    /** As {@link #sgemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int, int, GemmWorkspace)} with a fresh workspace. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, new GemmWorkspace());
    }

    /**
     * The matrix product, packing into {@code ws} (reused across calls by one thread of work, so
     * a training step does not allocate packing buffers per product).
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc, GemmWorkspace ws) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative gemm size: m=" + m + " n=" + n + " k=" + k);
        }
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
        Kernels.GEMM.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
    }

    /** C ← A·B for dense row-major A (m×k), B (k×n), C (m×n). */
    public static void matmul(float[] a, float[] b, float[] c, int m, int n, int k) {
        sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }

    static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("gemm: leading dimension of " + name + " is " + ld
                    + " but its rows have " + cols + " columns");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || end > x.length) {
            throw new IllegalArgumentException("gemm: " + name + " (" + rows + "×" + cols + ", ld " + ld
                    + ", offset " + off + ") needs " + end + " floats but its array has " + x.length);
        }
    }
}
