package peerlearn.tensor.kernel;

import java.util.SplittableRandom;
import peerlearn.testkit.KernelGenerators;

/**
 * One random GEMM problem: transposes, α, β, offsets and padded leading dimensions drawn from a
 * seed, operands uniform in [−1, 1). C's array has margins that no kernel may touch.
 */
record GemmCase(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {

    static GemmCase random(int m, int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean ta = r.nextBoolean();
        boolean tb = r.nextBoolean();
        float[] alphas = {1f, -1f, 0.5f, (float) r.nextDouble(-2, 2), 0f};
        float[] betas = {0f, 1f, -0.25f, (float) r.nextDouble(-2, 2)};
        return random(ta, tb, m, n, k, alphas[r.nextInt(alphas.length)], betas[r.nextInt(betas.length)], r);
    }

    static GemmCase random(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, SplittableRandom r) {
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = Math.max(1, aCols + r.nextInt(3));
        int ldb = Math.max(1, bCols + r.nextInt(3));
        int ldc = Math.max(1, n + r.nextInt(3));
        int aOff = r.nextInt(4), bOff = r.nextInt(4), cOff = r.nextInt(4);
        float[] a = KernelGenerators.uniform(r, aOff + aRows * lda + 3);
        float[] b = KernelGenerators.uniform(r, bOff + bRows * ldb + 3);
        float[] c = KernelGenerators.uniform(r, cOff + m * ldc + 3);
        return new GemmCase(ta, tb, m, n, k, alpha, beta, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** A copy of C after running {@code kernel} on this case. */
    float[] run(GemmKernel kernel, GemmWorkspace ws) {
        float[] out = c.clone();
        kernel.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc, ws);
        return out;
    }

    /** Runs {@code kernel} on this case into C itself (for tests that count allocations). */
    void runInPlace(GemmKernel kernel, GemmWorkspace ws) {
        kernel.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ws);
    }

    /** A copy of C after the public facade (whichever kernel the dispatcher chose). */
    float[] runFacade() {
        float[] out = c.clone();
        Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
        return out;
    }

    float opA(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float opB(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    @Override
    public String toString() {
        return "gemm " + (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc
                + " offsets=" + aOff + "," + bOff + "," + cOff;
    }
}
