package peerlearn.tensor.kernel;

import java.util.Arrays;

/**
 * The scalar twin of {@link SimdGemm}: the reference a reader checks by eye, and the kernel
 * that runs where the Vector API is not enabled.
 *
 * <p>The rule both follow, which makes them agree bit for bit: every element
 * c_ij is the fma chain s ← fma(op(A)_ip, op(B)_pj, s) for p = 0, 1, …, k−1 starting from s = 0,
 * followed by c_ij ← α·s when β = 0 (C is then not read), else c_ij ← fma(β, c_ij, α·s).
 */
final class ScalarGemm implements GemmKernel {

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, GemmWorkspace ws) {
        float[] s = new float[n]; // s_j for the current row i
        for (int i = 0; i < m; i++) {
            Arrays.fill(s, 0f);
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                for (int j = 0; j < n; j++) {
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s[j] = Math.fma(aip, bpj, s[j]);
                }
            }
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                c[ci] = finish(s[j], alpha, beta, c[ci]);
            }
        }
    }

    /** The epilogue shared by both kernels: α·s, or fma(β, c, α·s) when β ≠ 0. */
    static float finish(float s, float alpha, float beta, float c) {
        return beta == 0f ? alpha * s : Math.fma(beta, c, alpha * s);
    }
}
