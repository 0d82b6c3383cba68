package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import peerlearn.testkit.KernelGenerators;

class GemmTest {
    // A = [1 2 3; 4 5 6] (2×3), B = [7 8; 9 10; 11 12] (3×2), A·B = [58 64; 139 154].
    private static final float[] A = {1, 2, 3, 4, 5, 6};
    private static final float[] AT = {1, 4, 2, 5, 3, 6};
    private static final float[] B = {7, 8, 9, 10, 11, 12};
    private static final float[] BT = {7, 9, 11, 8, 10, 12};
    private static final float[] AB = {58, 64, 139, 154};

    @Test
    void multipliesASmallExampleUnderEveryTranspose() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                float[] c = new float[4];
                Gemm.sgemm(ta, tb, 2, 2, 3, 1f, ta ? AT : A, 0, ta ? 2 : 3, tb ? BT : B, 0, tb ? 3 : 2, 0f, c, 0, 2);
                assertArrayEquals(AB, c, "transA=" + ta + " transB=" + tb);
            }
        }
    }

    @Test
    void appliesAlphaAndBeta() {
        float[] c = {1, 1, 1, 1};
        Gemm.sgemm(false, false, 2, 2, 3, 2f, A, 0, 3, B, 0, 2, -1f, c, 0, 2);
        assertArrayEquals(new float[] {115, 127, 277, 307}, c);
    }

    @Test
    void betaZeroIgnoresWhatCHeld() {
        float[] c = {Float.NaN, Float.NaN, Float.POSITIVE_INFINITY, Float.NaN};
        Gemm.sgemm(false, false, 2, 2, 3, 1f, A, 0, 3, B, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(AB, c);
    }

    @Test
    void emptyInnerDimensionScalesC() {
        float[] c = {1, 2, 3, 4};
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, c, 0, 2);
        assertArrayEquals(new float[] {3, 6, 9, 12}, c);
    }

    @Test
    void respectsOffsetsAndLeadingDimensions() {
        // A sits at offset 1 with row stride 4; C is the right 2×2 block of a 2×3 array.
        float[] a = {-9, 1, 2, 3, -9, 4, 5, 6, -9};
        float[] c = {-1, 0, 0, -1, 0, 0};
        Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 1, 4, B, 0, 2, 0f, c, 1, 3);
        assertArrayEquals(new float[] {-1, 58, 64, -1, 139, 154}, c);
    }

    /** Every combination of the tail sizes and transposes, against the scalar twin. */
    @Test
    void everyTailShapeAndTransposeMatchesTheTwin() {
        List<Integer> sizes = new ArrayList<>(KernelGenerators.edgeSizes(3 * KernelGenerators.LANES));
        sizes.addAll(List.of(2, 3, 4, 5, 6, 7, 13)); // around both tiles' 3 and 6 rows
        sizes = sizes.stream().distinct().toList();
        SplittableRandom r = new SplittableRandom(7);
        GemmWorkspace ws = new GemmWorkspace();
        List<GemmKernel> vectors = List.of(new SimdGemm(6, 4, 4, 6, SimdGemm.maxNr(), 9),
                new SimdGemm(3, 3, 4, 3, SimdGemm.maxNr(), 9),
                // the pair tile for every m, k-blocks of 4 (so k = 5 and 17 have odd ones)
                new SimdGemm(6, 4, 4, 24, SimdGemm.maxNr(), 9, 1));
        int cases = 0;
        for (int m : sizes) {
            for (int n : sizes) {
                for (int k : List.of(0, 1, 3, 5, 17)) {
                    for (int t = 0; t < 4; t++) {
                        GemmCase g = GemmCase.random(t % 2 == 1, t >= 2, m, n, k, 1.5f, t == 3 ? 0.5f : 0f, r);
                        float[] expected = g.run(new ScalarGemm(), null);
                        for (GemmKernel vector : vectors) {
                            assertArrayEquals(expected, g.run(vector, ws), g.toString());
                        }
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases > 1000);
    }

    /**
     * The pair tile runs its k-blocks two steps at a time, and an odd one gets a last step that
     * adds (+0)·(−0) = −0 to every sum. That leaves every float as it is, −0 among them: here each
     * product underflows, so the twin's sums are all −0. With +0 in that step they would be +0.
     */
    @Test
    void thePairTilesExtraStepLeavesNegativeZeroSumsAsTheTwinHasThem() {
        assumeTrue(SimdGemm.PAIRS_POSSIBLE, "the pair tile needs 16-lane vectors");
        for (boolean transA : new boolean[] {false, true}) {
            for (int k : new int[] {1, 3, 7}) {
                int m = 2 * SimdGemm.PAIR_MR + 5, n = SimdGemm.PAIR_NR + 3;
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                java.util.Arrays.fill(a, -1e-30f);
                java.util.Arrays.fill(b, 1e-30f);
                float[] expected = new float[m * n];
                float[] c = new float[m * n];
                int lda = transA ? m : k;
                new ScalarGemm().sgemm(transA, false, m, n, k, 1f, a, 0, lda, b, 0, n, 0f, expected, 0, n, null);
                new SimdGemm(6, 4, 64, 48, 64, 0, 1).sgemm(transA, false, m, n, k, 1f, a, 0, lda, b, 0, n, 0f,
                        c, 0, n, new GemmWorkspace());
                for (float v : expected) {
                    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(v), "the twin's sums are −0");
                }
                assertArrayEquals(expected, c, "transA=" + transA + " k=" + k);
            }
        }
    }

    /**
     * The pair tile's kernels compile to allocation-free code. Its micro-kernel is a large method:
     * with one more loop in it, C1's compile failed and the method stayed in code that boxes every
     * vector (0.6 GFLOP/s, theory/autograd.md), which no product in a training step would show.
     * Runs products (NN and NT, k-blocks parked, ragged tiles, α and β) until three rounds of them
     * in a row allocate nothing, for at most 60 s. Under a JVM held to C1
     * ({@code -XX:TieredStopAtLevel=1}) it fails, with 378 MB per round.
     */
    @Test
    void thePairTilesProductsRunWithoutAllocatingOnceCompiled() {
        assumeTrue(SimdGemm.PAIRS_POSSIBLE, "the pair tile needs 16-lane vectors");
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        SplittableRandom r = new SplittableRandom(3);
        GemmCase nn = GemmCase.random(false, false, 53, 40, 75, 1f, 0f, r);
        GemmCase nt = GemmCase.random(false, true, 48, 32, 64, 0.5f, 0.5f, r);
        SimdGemm pairs = new SimdGemm(6, 4, 32, 48, 64, 0, 1);
        GemmWorkspace ws = new GemmWorkspace();
        long start = System.nanoTime();
        int quiet = 0;
        long last = 0;
        while (quiet < 3) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                nn.runInPlace(pairs, ws);
                nt.runInPlace(pairs, ws);
            }
            last = threads.getCurrentThreadAllocatedBytes() - before;
            quiet = last == 0 ? quiet + 1 : 0;
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 60, String.format("100 products with the pair tile still allocate %,d bytes after %.0f s:"
                    + " a kernel runs in code that boxes its vectors", last, seconds));
        }
    }

    /**
     * With either tile an untransposed B is read in place by the first row panel of A, which packs
     * it for the others: one and several row blocks (mc = 6, 12), column blocks and k-blocks, n
     * around whole panels (tails 0, 1, lanes − 1, lanes, lanes + 1), both kinds of tile (the last
     * k-block stored straight into C or through the epilogue), and the workspace poisoned before
     * each product, so that a panel read before it is packed shows.
     */
    @Test
    void bReadInPlaceByTheFirstRowPanelIsPackedForTheOthers() {
        int nr = SimdGemm.maxNr();
        int lanes = KernelGenerators.LANES;
        List<GemmKernel> kernels = List.of(new SimdGemm(), new SimdGemm(6, 4, 7, 6, 2 * nr, 0),
                new SimdGemm(6, 4, 64, 12, nr, 0), new SimdGemm(3, 3, 7, 6, 2 * nr, 0),
                new SimdGemm(3, 3, 64, 12, nr, 0));
        SplittableRandom r = new SplittableRandom(11);
        GemmWorkspace ws = new GemmWorkspace();
        int cases = 0;
        for (int m : List.of(1, 6, 7, 13, 25)) {
            for (int n : List.of(nr - 1, nr, nr + 1, 2 * nr, 2 * nr + 1, 2 * nr + lanes - 1, 2 * nr + lanes,
                    2 * nr + lanes + 1)) {
                for (int k : List.of(1, lanes - 1, lanes, lanes + 1, 71)) {
                    for (int t = 0; t < 4; t++) {
                        GemmCase g = GemmCase.random(t % 2 == 1, false, m, n, k, t < 2 ? 1f : 0.5f,
                                t < 2 ? 0f : -0.25f, r);
                        float[] expected = g.run(new ScalarGemm(), null);
                        for (GemmKernel kernel : kernels) {
                            ws.poison();
                            assertArrayEquals(expected, g.run(kernel, ws), g.toString());
                        }
                        cases++;
                    }
                }
            }
        }
        assertEquals(5 * 8 * 5 * 4, cases);
    }

    @Test
    void rejectsArraysTooShortNamingTheMatrix() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 3, 1f, A, 0, 3, new float[5], 0, 2, 0f, new float[4], 0, 2));
        assertEquals("gemm: B (3×2, ld 2, offset 0) needs 6 floats but its array has 5", e.getMessage());
    }

    @Test
    void rejectsALeadingDimensionShorterThanARow() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, true, 2, 2, 3, 1f, A, 0, 2, BT, 0, 3, 0f, new float[4], 0, 2));
        assertEquals("gemm: leading dimension of A is 2 but its rows have 3 columns", e.getMessage());
    }
}
