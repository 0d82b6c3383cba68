package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import peerlearn.testkit.KernelGenerators;
import peerlearn.testkit.Tolerances;

class RowDotsProperties {
    /** Both vector forms (one 512-bit vector, or two 256-bit ones per element) whatever this machine's width. */
    private static final List<RowDotKernel> VECTOR_KERNELS = List.of(new SimdRowDots(512), new SimdRowDots(256));

    /** One random problem: offsets, padded leading dimensions, α, β; C with margins no kernel may touch. */
    private record Case(int m, int n, int k, float alpha, float beta, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        static Case random(int m, int n, int k, long seed, boolean awkward) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] alphas = {1f, -1f, 0.5f, (float) r.nextDouble(-2, 2)};
            float[] betas = {0f, 1f, -0.25f, (float) r.nextDouble(-2, 2)};
            int lda = Math.max(1, k + r.nextInt(20)), ldb = Math.max(1, k + r.nextInt(20)), ldc = Math.max(1, n + r.nextInt(3));
            int aOff = r.nextInt(4), bOff = r.nextInt(4), cOff = r.nextInt(4);
            float[] a = awkward ? KernelGenerators.awkward(r, aOff + m * lda + 3) : KernelGenerators.uniform(r, aOff + m * lda + 3);
            float[] b = awkward ? KernelGenerators.awkward(r, bOff + n * ldb + 3) : KernelGenerators.uniform(r, bOff + n * ldb + 3);
            float[] c = KernelGenerators.uniform(r, cOff + m * ldc + 3);
            return new Case(m, n, k, alphas[r.nextInt(4)], betas[r.nextInt(4)], a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }

        float[] run(RowDotKernel kernel) {
            float[] out = c.clone();
            kernel.abt(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc, null);
            return out;
        }

        float[] runFacade() {
            float[] out = c.clone();
            RowDots.abt(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        /** The kernel with its partials in {@code ws} (poisoned first: what an earlier product left must not count). */
        float[] run(RowDotKernel kernel, GemmWorkspace ws) {
            ws.poison();
            float[] out = c.clone();
            kernel.abt(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc, ws);
            return out;
        }

        @Override
        public String toString() {
            return "row dots m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta
                    + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
        }
    }

    /** Asserts that every vector form gives the twin's bits on {@code g}; returns the twin's C. */
    private static float[] assertVectorKernelsMatchTheTwin(Case g) {
        float[] expected = g.run(new ScalarRowDots());
        for (RowDotKernel kernel : VECTOR_KERNELS) {
            assertArrayEquals(expected, g.run(kernel), g.toString());
        }
        return expected;
    }

    @Test
    void vectorRowDotsEqualTheirScalarTwinBitForBit() {
        qt().withExamples(400).forAll(integers().between(0, 11), integers().between(0, 11),
                        KernelGenerators.sizes(120), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    Case g = Case.random(m, n, k, seed, seed % 5 == 0);
                    float[] expected = assertVectorKernelsMatchTheTwin(g);
                    assertArrayEquals(expected, g.runFacade(), g.toString());
                });
    }

    @Test
    void aReusedWorkspaceGivesTheSameBits() {
        GemmWorkspace ws = new GemmWorkspace(); // shared by every example: it grows and keeps old contents
        qt().withExamples(150).forAll(integers().between(0, 11), integers().between(0, 11),
                        integers().between(0, 1100), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    Case g = Case.random(m, n, k, seed, false);
                    float[] expected = g.run(new ScalarRowDots());
                    for (RowDotKernel kernel : VECTOR_KERNELS) {
                        assertArrayEquals(expected, g.run(kernel, ws), g.toString());
                    }
                });
    }

    @Test
    void longRowsCarryTheirPartialsAcrossKBlocksBitForBit() {
        qt().withExamples(40).forAll(integers().between(1, 9), integers().between(1, 9),
                        integers().between(500, 1700), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    Case g = Case.random(m, n, k, seed, false);
                    assertVectorKernelsMatchTheTwin(g);
                });
    }

    /** |c − exact| ≤ (⌊k/16⌋ + 8)·u·(|α|·Σ_p |a_ip||b_jp| + |β c_ij|): chains of ⌈k/16⌉ terms, a 4-level fold, the epilogue. */
    @Test
    void rowDotsAreWithinTheFloatRoundingBoundOfTheExactProduct() {
        qt().withExamples(150).forAll(integers().between(0, 9), integers().between(0, 9),
                        integers().between(0, 3000), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    Case g = Case.random(m, n, k, seed, false);
                    float[] got = g.runFacade();
                    double bound = (k / 16 + 8) * Tolerances.FLOAT_UNIT_ROUNDOFF * (1 + 1e-3);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double exact = 0, magnitude = 0;
                            for (int p = 0; p < k; p++) {
                                double t = (double) g.a[g.aOff + i * g.lda + p] * g.b[g.bOff + j * g.ldb + p];
                                exact += t;
                                magnitude += Math.abs(t);
                            }
                            int ci = g.cOff + i * g.ldc + j;
                            double c0 = g.c[ci];
                            double want = g.alpha * exact + (g.beta == 0f ? 0 : g.beta * c0);
                            double scale = Math.abs(g.alpha) * magnitude + Math.abs(g.beta * c0);
                            assertTrue(Math.abs(got[ci] - want) <= bound * scale + Float.MIN_NORMAL,
                                    g + " at (" + i + "," + j + "): " + got[ci] + " vs " + want);
                        }
                    }
                });
    }

    @Test
    void rowDotsTouchNothingOutsideC() {
        qt().withExamples(100).forAll(integers().between(0, 11), integers().between(0, 11),
                        KernelGenerators.sizes(40), longs().all())
                .checkAssert((m, n, k, seed) -> {
                    Case g = Case.random(m, n, k, seed, false);
                    for (RowDotKernel kernel : VECTOR_KERNELS) {
                        float[] got = g.run(kernel);
                        for (int x = 0; x < got.length; x++) {
                            int rel = x - g.cOff;
                            boolean inside = rel >= 0 && rel < m * g.ldc && rel % g.ldc < n;
                            if (!inside) {
                                assertTrue(Float.floatToRawIntBits(got[x]) == Float.floatToRawIntBits(g.c[x]),
                                        g + ": element " + x + " outside C changed");
                            }
                        }
                    }
                });
    }

    @Test
    void rowDotsRejectOperandsTheirArraysCannotHold() {
        float[] a = new float[6 * 10], b = new float[5 * 10], c = new float[6 * 5];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowDots.abt(6, 5, 11, 1f, a, 0, 11, b, 0, 11, 0f, c, 0, 5));
        assertTrue(e.getMessage().contains("A (6×11, ld 11, offset 0) needs 66 floats but its array has 60"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RowDots.abt(-1, 5, 10, 1f, a, 0, 10, b, 0, 10, 0f, c, 0, 5));
    }
}
