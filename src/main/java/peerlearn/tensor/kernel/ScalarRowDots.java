package peerlearn.tensor.kernel;

/**
 * The scalar twin of {@code SimdRowDots}, and the definition of {@link RowDots#abt}'s bits: for
 * each (i, j), 16 float partial sums, s_r the fma chain over p ≡ r (mod 16) in increasing p from
 * +0; folded s_r += s_{r+8}, then s_r += s_{r+4}, +2, +1 (as {@link ScalarOps}'s reductions, but in
 * float); then the epilogue of {@link ScalarGemm#finish}.
 */
final class ScalarRowDots implements RowDotKernel {
    static final int PARTIALS = 16;

    @Override
    public void abt(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc, GemmWorkspace ws) {
        float[] s = new float[PARTIALS];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                java.util.Arrays.fill(s, 0f);
                int ai = aOff + i * lda;
                int bj = bOff + j * ldb;
                for (int p = 0; p < k; p++) {
                    s[p % PARTIALS] = Math.fma(a[ai + p], b[bj + p], s[p % PARTIALS]);
                }
                int ci = cOff + i * ldc + j;
                c[ci] = ScalarGemm.finish(fold(s, 0), alpha, beta, c[ci]);
            }
        }
    }

    /** The fixed pairwise fold of the 16 partials at {@code s[at]} (destroys them). */
    static float fold(float[] s, int at) {
        for (int half = PARTIALS / 2; half >= 1; half /= 2) {
            for (int r = 0; r < half; r++) {
                s[at + r] += s[at + r + half];
            }
        }
        return s[at];
    }
}
