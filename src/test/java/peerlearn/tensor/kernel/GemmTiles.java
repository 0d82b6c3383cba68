package peerlearn.tensor.kernel;

/**
 * The SIMD GEMM's tile choices as products to time from outside the package
 * ({@link peerlearn.bench.GemmTileVersus}): the production kernel, the 6 × 4 tile alone, the pair
 * tile for every product from its rows on, and the production kernel with its packed B panels
 * wherever their array starts.
 */
public final class GemmTiles {
    private GemmTiles() {}

    /** Which kernel a product runs on. */
    public enum Tile {
        /** The production choice. */
        PRODUCTION,
        /** The 6 × 4 (or 3 × 3) tile for every product, with the production blocks. */
        WITHOUT_PAIRS,
        /** The pair tile for every product from its rows on, A transposed or not (Intel cores). */
        PAIRS_FOR_ANY_A
    }

    /**
     * C = op(A)·op(B) for the given operands (α = 1, β = 0, leading dimensions of the untransposed
     * shapes), with a workspace of its own; {@code lineAligned} false leaves the packed B panels
     * wherever their array starts.
     */
    public static Runnable product(Tile tile, boolean lineAligned, boolean transA, boolean transB, int m, int n,
                                   int k, float[] a, int lda, float[] b, int ldb, float[] c) {
        GemmKernel gemm = switch (tile) {
            case PRODUCTION -> new SimdGemm();
            case WITHOUT_PAIRS -> SimdGemm.withoutPairs();
            case PAIRS_FOR_ANY_A -> SimdGemm.withPairsForAnyA();
        };
        GemmWorkspace ws = lineAligned ? new GemmWorkspace() : new GemmWorkspace(0);
        return () -> gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n, ws);
    }
}
