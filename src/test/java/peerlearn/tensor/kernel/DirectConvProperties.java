package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import peerlearn.testkit.KernelGenerators;
import peerlearn.testkit.Tolerances;

class DirectConvProperties {

    /**
     * A random stride-1 batch whose output width is, half the time, a vector tail case
     * (1, lanes − 1, lanes, lanes + 1, 2·lanes ± 1, …); x, w, dy with a margin before and after.
     */
    private record Case(int n, int c, int h, int w, int kh, int kw, int pad, int f, float[] x, float[] wt, float[] dy) {
        static final int MARGIN = 3;

        static Case random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(5), pad = r.nextInt(3);
            List<Integer> tails = KernelGenerators.edgeSizes(40).stream().filter(s -> s > 0).toList();
            int wo = r.nextBoolean() ? tails.get(r.nextInt(tails.size())) : 1 + r.nextInt(40);
            int w = Math.max(1, wo + kw - 1 - 2 * pad);
            int h = Math.max(1, kh - 2 * pad) + r.nextInt(9);
            int n = r.nextInt(4), c = 1 + r.nextInt(3), f = 1 + r.nextInt(9);
            int ho = h + 2 * pad - kh + 1, wOut = w + 2 * pad - kw + 1;
            boolean awkward = r.nextInt(5) == 0;
            float[] x = awkward ? KernelGenerators.awkward(r, n * c * h * w + 2 * MARGIN) : KernelGenerators.uniform(r, n * c * h * w + 2 * MARGIN);
            float[] wt = KernelGenerators.uniform(r, f * c * kh * kw + 2 * MARGIN);
            float[] dy = awkward ? KernelGenerators.awkward(r, n * f * ho * wOut + 2 * MARGIN)
                    : KernelGenerators.uniform(r, n * f * ho * wOut + 2 * MARGIN);
            return new Case(n, c, h, w, kh, kw, pad, f, x, wt, dy);
        }

        int ho() {
            return h + 2 * pad - kh + 1;
        }

        int wo() {
            return w + 2 * pad - kw + 1;
        }

        DirectConv.Geometry geometry() {
            return DirectConv.Geometry.of(n, c, h, w, kh, kw, pad, f);
        }

        float[] padded() {
            float[] xp = new float[DirectConv.paddedSize(n, c, h, w, kw, pad)];
            Arrays.fill(xp, Float.NaN); // pad must write every element
            DirectConv.pad(x, MARGIN, n, c, h, w, kw, pad, xp);
            return xp;
        }

        /** The kernel's forward into y with a NaN-filled body (every element must be written) and 7s around it. */
        float[] forward(DirectConvKernel kernel) {
            float[] y = new float[n * f * ho() * wo() + 2 * MARGIN];
            Arrays.fill(y, Float.NaN);
            Arrays.fill(y, 0, MARGIN, 7f);
            Arrays.fill(y, y.length - MARGIN, y.length, 7f);
            kernel.forward(geometry(), padded(), wt, MARGIN, y, MARGIN);
            return y;
        }

        float[] partials(DirectConvKernel kernel) {
            float[] t = new float[DirectConv.partialsSize(f, c, kh, kw)];
            kernel.weightPartials(geometry(), padded(), dy, MARGIN, t);
            return t;
        }

        @Override
        public String toString() {
            return "direct conv n=" + n + " c=" + c + " " + h + "×" + w + " kernel " + kh + "×" + kw + " pad " + pad
                    + " filters " + f + " (output " + ho() + "×" + wo() + ")";
        }
    }

    @Test
    void vectorDirectConvEqualsItsScalarTwinBitForBit() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Case g = Case.random(seed);
            float[] want = g.forward(new ScalarDirectConv());
            assertArrayEquals(want, g.forward(new SimdDirectConv()), "forward, " + g);
            for (int i = Case.MARGIN; i < want.length - Case.MARGIN; i++) {
                assertTrue(!Float.isNaN(want[i]) || hasNonFinite(g.x), "output " + i + " not written, " + g);
            }
            float[] partials = g.partials(new ScalarDirectConv());
            assertArrayEquals(partials, g.partials(new SimdDirectConv()), "partials, " + g);
            // both tiles of the weight gradient, whichever this machine's width picks
            assertArrayEquals(partials, g.partials(new SimdDirectConv(4)), "partials, 4 filters a tile, " + g);
            assertArrayEquals(partials, g.partials(new SimdDirectConv(2)), "partials, 2 filters a tile, " + g);
        });
    }

    /** The forward is GEMM's chain over im2col's columns, padding zeros included: the same bits. */
    @Test
    void forwardEqualsIm2colAndGemmBitForBit() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Case g = Case.random(seed);
            int p = g.ho() * g.wo(), k = g.c * g.kh * g.kw;
            float[] cols = new float[k * g.n * p];
            ScalarIm2col.im2col(g.x, Case.MARGIN, g.n, g.c, g.h, g.w, g.kh, g.kw, 1, g.pad, cols, 0);
            float[] yt = new float[g.f * g.n * p];
            new ScalarGemm().sgemm(false, false, g.f, g.n * p, k, 1f, g.wt, Case.MARGIN, k, cols, 0, g.n * p, 0f,
                    yt, 0, g.n * p, new GemmWorkspace());
            float[] want = new float[yt.length + 2 * Case.MARGIN];
            Arrays.fill(want, 0, Case.MARGIN, 7f);
            Arrays.fill(want, want.length - Case.MARGIN, want.length, 7f);
            VectorOps.swapLeadingAxes(yt, 0, g.f, g.n, p, want, Case.MARGIN);
            assertArrayEquals(want, g.forward(new ScalarDirectConv()), g.toString());
        });
    }

    /** The facade's weight gradient: dW + the exact sum, to float rounding (finite inputs), margins untouched. */
    @Test
    void weightGradientAddsTheCorrelationOfDyWithX() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Case g = Case.random(seed);
            if (hasNonFinite(g.x) || hasNonFinite(g.dy)) {
                return;
            }
            int k = g.c * g.kh * g.kw;
            float[] dw = KernelGenerators.uniform(new SplittableRandom(seed ^ 1), g.f * k + 2 * Case.MARGIN);
            float[] start = dw.clone();
            DirectConv.weightGrad(g.padded(), g.n, g.c, g.h, g.w, g.kh, g.kw, g.pad, g.dy, Case.MARGIN, g.f, dw, Case.MARGIN, null);
            for (int i = 0; i < Case.MARGIN; i++) {
                assertTrue(dw[i] == start[i] && dw[dw.length - 1 - i] == start[dw.length - 1 - i], "margin written, " + g);
            }
            for (int fi = 0; fi < g.f; fi++) {
                for (int kk = 0; kk < k; kk++) {
                    int ci = kk / (g.kh * g.kw), i = kk / g.kw % g.kh, j = kk % g.kw;
                    double s = 0, mag = 0;
                    for (int img = 0; img < g.n; img++) {
                        for (int oi = 0; oi < g.ho(); oi++) {
                            for (int oj = 0; oj < g.wo(); oj++) {
                                int r = oi + i - g.pad, q = oj + j - g.pad;
                                if (r < 0 || r >= g.h || q < 0 || q >= g.w) {
                                    continue;
                                }
                                double term = (double) g.dy[Case.MARGIN + ((img * g.f + fi) * g.ho() + oi) * g.wo() + oj]
                                        * g.x[Case.MARGIN + ((img * g.c + ci) * g.h + r) * g.w + q];
                                s += term;
                                mag += Math.abs(term);
                            }
                        }
                    }
                    int at = Case.MARGIN + fi * k + kk;
                    double want = start[at] + s;
                    assertTrue(Math.abs(dw[at] - want) <= Tolerances.FLOAT_ROUNDING * (mag + Math.abs(start[at]) + 1e-30),
                            "dW[" + fi + ", " + kk + "] = " + dw[at] + ", want " + want + ", " + g);
                }
            }
        });
    }

    @Test
    void theFacadeRejectsBadGeometryAndShortArrays() {
        float[] xp = new float[DirectConv.paddedSize(1, 1, 4, 4, 3, 1)];
        float[] w = new float[9];
        assertThrows(IllegalArgumentException.class, () -> DirectConv.forward(xp, 1, 1, 4, 4, 3, 3, 1, w, 0, 1, new float[15], 0));
        assertThrows(IllegalArgumentException.class, () -> DirectConv.forward(xp, 1, 1, 4, 4, 5, 5, 0, w, 0, 1, new float[16], 0));
        assertThrows(IllegalArgumentException.class,
                () -> DirectConv.weightGrad(xp, 1, 1, 4, 4, 3, 3, 1, new float[16], 0, 1, new float[9], 0, new float[10]));
        assertThrows(IllegalArgumentException.class, () -> DirectConv.pad(new float[15], 0, 1, 1, 4, 4, 3, 1, xp));
    }

    private static boolean hasNonFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return true;
            }
        }
        return false;
    }
}
