package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.testkit.KernelGenerators;
import peerlearn.testkit.Tolerances;

class GemmProperties {
    private static final int NR = SimdGemm.maxNr();

    /**
     * The production kernel, and kernels with tiny blocks that force every blocking path, with
     * all three tiles (6×4 and 3×3 vectors, and the 24×16 pair tile where the lanes are 16)
     * whatever this machine's production choice.
     */
    private static final List<GemmKernel> VECTOR_KERNELS = List.of(
            new SimdGemm(),
            new SimdGemm(6, 4, 5, 6 * 2, NR, 0),
            new SimdGemm(3, 3, 5, 3 * 2, NR, 0),
            new SimdGemm(6, 4, 3, 6, 2 * NR, 1000),
            new SimdGemm(3, 3, 3, 3, 2 * NR, 1000),
            new SimdGemm(6, 4, 64, 64, 3 * NR, 1000),
            new SimdGemm(3, 3, 64, 64, 3 * NR, 1000),
            new SimdGemm(6, 4, 5, 24 * 2, NR, 0, 1),
            new SimdGemm(6, 4, 64, 24, 2 * NR, 0, 1),
            new SimdGemm(6, 4, 3, 24 * 3, 16, 1000, 30));

    @Test
    void vectorGemmEqualsItsScalarTwinBitForBit() {
        GemmWorkspace shared = new GemmWorkspace();
        qt().withExamples(300).forAll(KernelGenerators.sizes(3 * NR + 3), KernelGenerators.sizes(3 * NR + 3),
                        KernelGenerators.sizes(40), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    GemmCase g = GemmCase.random(m, n, k, seed);
                    float[] expected = g.run(new ScalarGemm(), null);
                    for (GemmKernel kernel : VECTOR_KERNELS) {
                        assertArrayEquals(expected, g.run(kernel, shared), g.toString());
                    }
                    assertArrayEquals(expected, g.runFacade(), g.toString());
                });
    }

    /**
     * The packed B panels may start anywhere in their buffer, 0 to 15 floats in, as they do when the
     * workspace puts them on a cache line: every such start gives the twin's bits, and a buffer
     * sized for the product holds the panels from the last of them (a fresh workspace per
     * example, so no larger buffer from an earlier product hides a short one).
     */
    @Test
    void everyStartOfThePackedBPanelsGivesTheTwinsBits() {
        qt().withExamples(200).forAll(KernelGenerators.sizes(3 * NR + 3), KernelGenerators.sizes(3 * NR + 3),
                        KernelGenerators.sizes(40), longs().all().zip(integers().between(0, 15), Seeded::new))
                .checkAssert((m, n, k, s) -> {
                    GemmCase g = GemmCase.random(m, n, k, s.seed());
                    float[] expected = g.run(new ScalarGemm(), null);
                    for (GemmKernel kernel : VECTOR_KERNELS) {
                        assertArrayEquals(expected, g.run(kernel, new GemmWorkspace(s.lead())), g + ", lead " + s.lead());
                    }
                });
    }

    /** A case's seed with the floats before its packed B panels. */
    private record Seeded(long seed, int lead) {}

    @Test
    void longReductionsCarryTheirSumsAcrossKBlocksBitForBit() {
        qt().withExamples(30).forAll(KernelGenerators.sizes(20), KernelGenerators.sizes(2 * NR + 1),
                        longs().between(300, 700), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    GemmCase g = GemmCase.random(m, n, (int) (long) k, seed);
                    float[] expected = g.run(new ScalarGemm(), null);
                    for (GemmKernel kernel : VECTOR_KERNELS) {
                        assertArrayEquals(expected, g.run(kernel, new GemmWorkspace()), g.toString());
                    }
                });
    }

    /** B transposed with rows 4 KiB apart (ldb = 1024), which packs source row by source row. */
    @Test
    void transposedBWithRowsFourKiBApartEqualsTheTwinBitForBit() {
        qt().withExamples(40).forAll(KernelGenerators.sizes(20), KernelGenerators.sizes(2 * NR + 3),
                        KernelGenerators.sizes(40), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    int lda = Math.max(1, k), ldc = Math.max(1, n);
                    GemmCase g = new GemmCase(false, true, m, n, k, 1f, 0.5f,
                            KernelGenerators.uniform(r, m * lda + 1), 0, lda,
                            KernelGenerators.uniform(r, n * 1024 + 1), 1, 1024,
                            KernelGenerators.uniform(r, m * ldc + 1), 0, ldc);
                    float[] expected = g.run(new ScalarGemm(), null);
                    for (GemmKernel kernel : VECTOR_KERNELS) {
                        assertArrayEquals(expected, g.run(kernel, new GemmWorkspace()), g.toString());
                    }
                });
    }

    /**
     * |c − exact| ≤ (k + 3)·u·(|α|·Σ_p |a_ip||b_pj| + |β c_ij|) against the product in double.
     */
    @Test
    void gemmIsWithinTheFloatRoundingBoundOfTheExactProduct() {
        qt().withExamples(150).forAll(KernelGenerators.sizes(2 * NR + 3), KernelGenerators.sizes(2 * NR + 3),
                        KernelGenerators.sizes(70), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    GemmCase g = GemmCase.random(m, n, k, seed);
                    float[] got = g.runFacade();
                    double bound = (k + 3) * Tolerances.FLOAT_UNIT_ROUNDOFF * (1 + 1e-3);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double exact = 0, magnitude = 0;
                            for (int p = 0; p < k; p++) {
                                double t = (double) g.opA(i, p) * g.opB(p, j);
                                exact += t;
                                magnitude += Math.abs(t);
                            }
                            int ci = g.cOff() + i * g.ldc() + j;
                            double c0 = g.c()[ci];
                            double want = g.alpha() * exact + (g.beta() == 0f ? 0 : g.beta() * c0);
                            double scale = Math.abs(g.alpha()) * magnitude + Math.abs(g.beta() * c0);
                            assertTrue(Math.abs(got[ci] - want) <= bound * scale + Float.MIN_NORMAL,
                                    g + " at (" + i + "," + j + "): " + got[ci] + " vs " + want);
                        }
                    }
                });
    }

    @Test
    void gemmTouchesNothingOutsideC() {
        qt().withExamples(100).forAll(KernelGenerators.sizes(2 * NR + 3), KernelGenerators.sizes(2 * NR + 3),
                        KernelGenerators.sizes(20), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    GemmCase g = GemmCase.random(m, n, k, seed);
                    float[] got = g.runFacade();
                    for (int x = 0; x < got.length; x++) {
                        int rel = x - g.cOff();
                        boolean inside = rel >= 0 && rel < m * g.ldc() && rel % g.ldc() < n;
                        if (!inside) {
                            assertTrue(Float.floatToRawIntBits(got[x]) == Float.floatToRawIntBits(g.c()[x]),
                                    g + ": element " + x + " outside C changed");
                        }
                    }
                });
    }
}
