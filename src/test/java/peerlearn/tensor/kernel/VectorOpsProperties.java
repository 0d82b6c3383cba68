package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import peerlearn.testkit.KernelGenerators;
import peerlearn.testkit.Tolerances;

class VectorOpsProperties {
    private static final FlatKernel SCALAR = new ScalarOps();
    private static final FlatKernel VECTOR = new SimdOps();
    private static final int MAX = 5 * KernelGenerators.LANES + 3;

    /** Inputs for one example: three awkward vectors (with NaN, ±0, ±∞, subnormals) at offsets. */
    private record Inputs(int n, int off, float[] x, float[] y, float[] z, float a) {
        static Inputs of(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int off = r.nextInt(3);
            return new Inputs(n, off, KernelGenerators.awkward(r, n + 3), KernelGenerators.awkward(r, n + 3),
                    KernelGenerators.awkward(r, n + 3), (float) r.nextDouble(-3, 3));
        }
    }

    /** Runs {@code op} on fresh copies with each kernel and asserts the outputs are the same bits. */
    private static void twinsAgree(int n, long seed, OpOnCopies op) {
        Inputs in = Inputs.of(n, seed);
        float[][] s = {in.x.clone(), in.y.clone(), in.z.clone()};
        float[][] v = {in.x.clone(), in.y.clone(), in.z.clone()};
        op.run(SCALAR, in, s);
        op.run(VECTOR, in, v);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(s[i], v[i], "array " + i + " differs for n=" + n + " offset " + in.off);
        }
    }

    private interface OpOnCopies {
        void run(FlatKernel k, Inputs in, float[][] arrays);
    }

    private static void forAllSizes(Consumer<long[]> body) {
        qt().withExamples(200).forAll(KernelGenerators.sizes(MAX), longs().all())
                .checkAssert((n, seed) -> body.accept(new long[] {n, seed}));
    }

    private static void elementwiseTwinsAgree(OpOnCopies op) {
        forAllSizes(p -> twinsAgree((int) p[0], p[1], op));
    }

    @Test
    void axpyTwinsAgree() {
        elementwiseTwinsAgree((k, in, a) -> k.axpy(in.a, a[0], in.off, a[1], 1, in.n));
    }

    @Test
    void scaleAndAddScalarTwinsAgree() {
        elementwiseTwinsAgree((k, in, a) -> {
            k.scale(in.a, a[0], in.off, in.n);
            k.addScalar(in.a, a[1], in.off, in.n);
        });
    }

    @Test
    void addSubMulTwinsAgreeInPlaceAndOut() {
        elementwiseTwinsAgree((k, in, a) -> {
            k.add(a[0], in.off, a[1], 0, a[2], 1, in.n);
            k.sub(a[2], 0, a[0], in.off, a[2], 0, in.n);
            k.mul(a[1], 1, a[2], 2, a[0], in.off, in.n);
        });
    }

    /**
     * Ranges with room after them, so the vector kernels' masked tails run (they take a tail as one
     * masked vector only where a whole vector fits in the array); the arrays compared whole also
     * show that nothing past a range changed.
     */
    @Test
    void addAndCopyTwinsAgreeOnRangesInsideLargerArrays() {
        forAllSizes(p -> {
            int n = (int) p[0];
            SplittableRandom r = new SplittableRandom(p[1]);
            int slack = 2 * KernelGenerators.LANES;
            float[] x = KernelGenerators.awkward(r, n + slack), y = KernelGenerators.awkward(r, n + slack);
            float[] out = KernelGenerators.awkward(r, n + slack);
            int off = r.nextInt(slack / 2);
            float[] s = out.clone(), v = out.clone();
            SCALAR.add(x, off, y, 1, s, off, n);
            VECTOR.add(x, off, y, 1, v, off, n);
            assertArrayEquals(s, v, "add, n=" + n + " offset " + off);
            SCALAR.copy(x, 2, s, off, n);
            VECTOR.copy(x, 2, v, off, n);
            assertArrayEquals(s, v, "copy, n=" + n + " offset " + off);
        });
    }

    /** Rows of any length (the tails included) at strides wider than the rows, with and without room after the last. */
    @Test
    void copyRowsAndAddRowsTwinsAgree() {
        forAllSizes(p -> {
            int len = (int) p[0];
            SplittableRandom r = new SplittableRandom(p[1]);
            int rows = r.nextInt(5);
            int xStride = len + r.nextInt(4), outStride = len + r.nextInt(4);
            int slack = r.nextBoolean() ? 0 : KernelGenerators.LANES;
            float[] x = KernelGenerators.awkward(r, 1 + rows * xStride + slack);
            float[] out = KernelGenerators.awkward(r, 2 + rows * outStride + slack);
            float[] s = out.clone(), v = out.clone();
            SCALAR.addRows(x, 1, xStride, s, 2, outStride, rows, len);
            VECTOR.addRows(x, 1, xStride, v, 2, outStride, rows, len);
            assertArrayEquals(s, v, "addRows, " + rows + " rows of " + len);
            SCALAR.copyRows(x, 1, xStride, s, 2, outStride, rows, len);
            VECTOR.copyRows(x, 1, xStride, v, 2, outStride, rows, len);
            assertArrayEquals(s, v, "copyRows, " + rows + " rows of " + len);
        });
    }

    /**
     * col2im's folded kernel rows: any row length and shift count (out rows of one to several
     * vectors), rows clipped at either end as padding clips them, strides wider than the rows, and
     * arrays ending right after the footprint or with room (so both the vector path and the twin
     * fallback run).
     */
    @Test
    void addShiftedRowsTwinsAgreeBitForBit() {
        addShiftedRowsTwinsAgree(false);
    }

    /**
     * The same with every input −0: a lane a shift leaves out must keep its −0 (the twin never
     * adds there), which an implementation adding +0 in those lanes would turn into +0.
     */
    @Test
    void addShiftedRowsKeepsNegativeZeroWhereNoShiftReaches() {
        addShiftedRowsTwinsAgree(true);
    }

    private static void addShiftedRowsTwinsAgree(boolean negativeZeros) {
        forAllSizes(p -> {
            int len = 1 + (int) p[0];
            SplittableRandom r = new SplittableRandom(p[1]);
            int rows = r.nextInt(5), shifts = 1 + r.nextInt(6);
            int xStride = len + r.nextInt(4), outStride = len + shifts - 1 + r.nextInt(4);
            int xShift = Math.max(1, rows * xStride + r.nextInt(3) - 1);
            int ow = len + shifts - 1;
            int qlo = r.nextInt(Math.min(3, ow)), qhi = ow - r.nextInt(Math.min(3, ow - qlo));
            int xOff = r.nextInt(2);
            int slack = r.nextBoolean() ? 0 : 2 * KernelGenerators.LANES;
            float[] x = KernelGenerators.awkward(r, xOff + (shifts - 1) * xShift + rows * xStride + slack);
            float[] out = KernelGenerators.awkward(r, 2 + rows * outStride + slack);
            if (negativeZeros) {
                Arrays.fill(x, -0f);
                Arrays.fill(out, -0f);
            }
            float[] s = out.clone(), v = out.clone();
            SCALAR.addShiftedRows(x, xOff, xShift, xStride, shifts, s, 2 - qlo, outStride, rows, len, qlo, qhi);
            VECTOR.addShiftedRows(x, xOff, xShift, xStride, shifts, v, 2 - qlo, outStride, rows, len, qlo, qhi);
            assertArrayEquals(s, v, "addShiftedRows, " + rows + " rows of " + len + ", " + shifts + " shifts, q in ["
                    + qlo + ", " + qhi + ")");
        });
    }

    /**
     * 2×2 max-pooling: any plane count and size (odd ones drop their last row and column; rows of
     * one to several vectors of windows), awkward values (ties, ±0, NaN, infinities), arrays ending
     * right after the data or with room (so both the vector steps and the twin's fallback run):
     * values and indices equal bit for bit.
     */
    @Test
    void maxPool2x2TwinsAgreeBitForBit() {
        forAllSizes(p -> {
            SplittableRandom r = new SplittableRandom(p[1]);
            int h = 2 + r.nextInt(12), w = 2 + (int) (p[0] % 70), planes = r.nextInt(4);
            int slack = r.nextBoolean() ? 0 : 2 * KernelGenerators.LANES;
            float[] x = KernelGenerators.awkward(r, 3 + planes * h * w + slack);
            if (r.nextBoolean()) { // many ties
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.round(x[i]) % 2;
                }
            }
            int outs = planes * (h / 2) * (w / 2);
            float[] ys = new float[1 + outs + slack], yv = ys.clone();
            int[] as = new int[2 + outs + slack], av = as.clone();
            SCALAR.maxPool2x2(x, 3, planes, h, w, ys, 1, as, 2);
            VECTOR.maxPool2x2(x, 3, planes, h, w, yv, 1, av, 2);
            assertArrayEquals(ys, yv, "max-pool values, " + planes + "×" + h + "×" + w);
            assertArrayEquals(as, av, "max-pool indices, " + planes + "×" + h + "×" + w);
        });
    }

    @Test
    void addProductTwinsAgree() {
        elementwiseTwinsAgree((k, in, a) -> k.addProduct(a[0], in.off, a[1], 0, a[2], 2, in.n));
    }

    @Test
    void reluForwardAndBackwardTwinsAgree() {
        elementwiseTwinsAgree((k, in, a) -> {
            k.reluBackward(a[0], in.off, a[1], 0, a[2], 1, in.n);
            k.relu(a[0], in.off, a[1], 2, in.n);
        });
    }

    /**
     * EvoNorm-S0's two element loops, on inputs where the hard sigmoid's pieces meet: ±3 (where
     * h′ switches between 1/6 and 0, the interval open at both ends), the floats either side of ±3,
     * values saturating h at 0 and 1, and the awkward values (NaN, ±∞, ±0, subnormals).
     */
    @Test
    void evoNormS0TwinsAgreeAtTheHardSigmoidsKinks() {
        float[] kinks = {3f, -3f, Math.nextUp(3f), Math.nextDown(3f), Math.nextUp(-3f), Math.nextDown(-3f),
            2.9999998f, -2.9999998f, 6f, -6f, 0f, -0f};
        forAllSizes(p -> {
            int n = (int) p[0];
            SplittableRandom r = new SplittableRandom(p[1]);
            float[] x = KernelGenerators.awkward(r, n + 3);
            for (int i = 0; i < x.length; i++) {
                int pick = r.nextInt(4);
                x[i] = pick == 0 ? kinks[r.nextInt(kinks.length)] : pick == 1 ? (float) r.nextDouble(-4, 4) : x[i];
            }
            float[] du = KernelGenerators.awkward(r, n + 1);
            float[] dx = KernelGenerators.awkward(r, n + 2);
            float scale = (float) r.nextDouble(0.01, 10), viaVar = (float) r.nextDouble(-1, 1);
            float mean = (float) r.nextDouble(-2, 2);
            float[] s = dx.clone(), v = dx.clone();
            SCALAR.evoNormS0Backward(x, 3, du, 1, s, 2, n, scale, viaVar, mean);
            VECTOR.evoNormS0Backward(x, 3, du, 1, v, 2, n, scale, viaVar, mean);
            assertArrayEquals(s, v, "evoNormS0Backward, n=" + n);
            float[] so = new float[n + 1], vo = new float[n + 1];
            SCALAR.hardSwishScaled(x, 3, so, 1, n, scale);
            VECTOR.hardSwishScaled(x, 3, vo, 1, n, scale);
            assertArrayEquals(so, vo, "hardSwishScaled, n=" + n);
        });
    }

    /** The scalar twin's hard sigmoid and slope by hand at the kinks: h(±3) = 1 and 0, h′(±3) = 0. */
    @Test
    void evoNormS0ByHandAtTheKinks() {
        float[] x = {3f, -3f, 0f, Math.nextDown(3f), 9f};
        float[] out = new float[5];
        SCALAR.hardSwishScaled(x, 0, out, 0, 5, 2f);
        assertArrayEquals(new float[] {6f, -0f, 0f, Math.nextDown(3f) * ScalarOps.hardSigmoid(Math.nextDown(3f)) * 2f, 18f}, out);
        // with du = 1, scale = 1, viaVar = 0: dx = h(x) + x·h′(x)
        float[] dx = new float[5];
        SCALAR.evoNormS0Backward(x, 0, new float[] {1f, 1f, 1f, 1f, 1f}, 0, dx, 0, 5, 1f, 0f, 0f);
        float below = Math.nextDown(3f);
        assertArrayEquals(new float[] {1f, 0f, 0.5f, ScalarOps.hardSigmoid(below) + below * (1f / 6f), 1f}, dx);
    }

    @Test
    void weightedSumTwinsAgree() {
        forAllSizes(p -> {
            int n = (int) p[0];
            SplittableRandom r = new SplittableRandom(p[1]);
            int count = r.nextInt(6);
            float[] w = KernelGenerators.uniform(r, count);
            float[][] xs = new float[count][];
            for (int i = 0; i < count; i++) {
                xs[i] = KernelGenerators.awkward(r, n + 2);
            }
            float[] s = new float[n + 2];
            float[] v = new float[n + 2];
            SCALAR.weightedSum(w, xs, s, 1, n);
            VECTOR.weightedSum(w, xs, v, 1, n);
            assertArrayEquals(s, v);
        });
    }

    @Test
    void reductionTwinsAgreeBitForBit() {
        forAllSizes(p -> {
            Inputs in = Inputs.of((int) p[0], p[1]);
            assertEquals(Double.doubleToLongBits(SCALAR.dot(in.x, in.off, in.y, 2, in.n)),
                    Double.doubleToLongBits(VECTOR.dot(in.x, in.off, in.y, 2, in.n)), "dot, n=" + in.n);
            assertEquals(Double.doubleToLongBits(SCALAR.sum(in.x, in.off, in.n)),
                    Double.doubleToLongBits(VECTOR.sum(in.x, in.off, in.n)), "sum, n=" + in.n);
        });
    }

    /** |dot − exact| ≤ n·u_double·Σ|x_i y_i| (products are exact in double; only the sums round). */
    @Test
    void dotIsWithinTheDoubleRoundingBoundOfTheExactSum() {
        qt().withExamples(200).forAll(KernelGenerators.sizes(2000), longs().all()).checkAssert((n, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = KernelGenerators.uniform(r, n);
            float[] y = KernelGenerators.uniform(r, n);
            java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
            double magnitude = 0;
            for (int i = 0; i < n; i++) {
                double t = (double) x[i] * y[i];
                exact = exact.add(new java.math.BigDecimal(t));
                magnitude += Math.abs(t);
            }
            double got = VectorOps.dot(x, y);
            assertTrue(Math.abs(got - exact.doubleValue()) <= n * Tolerances.DOUBLE_UNIT_ROUNDOFF * magnitude * 1.01,
                    "n=" + n + ": " + got + " vs " + exact);
        });
    }
}
