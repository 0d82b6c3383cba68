package peerlearn.tensor.kernel;

/**
 * Single-precision matrix multiply on row-major arrays:
 * {@code C = alpha · op(A) · op(B) + beta · C}, with op(A) of shape m×k and op(B) k×n.
 * {@code lda}, {@code ldb}, {@code ldc} are the row strides of A, B and C as stored
 * (A is stored k×m when {@code transA}).
 *
 * <p>Placeholder scalar body; the Vector API kernel and its scalar twin replace it.
 */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc = Math.fma(av, bv, acc);
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * acc : Math.fma(beta, c[ci], alpha * acc);
            }
        }
    }
}
