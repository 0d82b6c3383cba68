package peerlearn.tensor.kernel;

/**
 * The SIMD GEMM's tile choices as products to time from outside the package
 * ({@link peerlearn.bench.GemmTileVersus}): the production kernel, the same kernel with the
 * pair tile switched off, and either with its packed B panels wherever their array starts.
 */
public final class GemmTiles {
    private GemmTiles() {}

    /**
     * C = op(A)·op(B) for the given operands (α = 1, β = 0, leading dimensions of the untransposed
     * shapes), with a workspace of its own; {@code pairs} false keeps every product on the 6 × 4 (or
     * 3 × 3) tile with the production blocks, {@code lineAligned} false leaves the packed B panels
     * wherever their array starts.
     */
    public static Runnable product(boolean pairs, boolean lineAligned, boolean transA, boolean transB, int m, int n,
                                   int k, float[] a, int lda, float[] b, int ldb, float[] c) {
        GemmKernel gemm = pairs ? new SimdGemm() : SimdGemm.withoutPairs();
        GemmWorkspace ws = lineAligned ? new GemmWorkspace() : new GemmWorkspace(0);
        return () -> gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n, ws);
    }
}
