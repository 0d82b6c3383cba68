package peerlearn.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Flat-vector primitives on the Vector API; twin of {@link ScalarOps}. Element-wise loops run to
 * {@code S.loopBound(n)} and hand the tail to the twin itself. Reductions keep
 * the twin's 16 double partial sums (two 8-double vectors with 512-bit vectors, four 4-double
 * ones with 256-bit), so the bits of the result are those of the twin on every machine. They load
 * floats in the preferred species like every other kernel: a second float species in the program
 * (these used 128-bit loads) shares the profiles of the Vector API's own methods, and a C2 compile
 * that leans on those profiles (when a kernel reaches C2 straight from C1's unprofiled tier) then
 * finds two receiver classes and keeps the vectors boxed: the kernel runs about 4× slower and
 * allocates on every call, to the end of the run. The same happens with no second species when a
 * vector carried round a loop is the receiver of a method only one kernel calls: C2 parses the
 * loop's variable as any FloatVector, so it needs that method's receiver profile to inline the
 * call, and a kernel that reached C2 from the unprofiled tier left none. {@link #addShiftedRows}'s
 * masked add on its running sum did this in 2 of 13 runs of bench-agents on an Intel core
 * (12 MB allocated per LeNet-5 step, the step 2.2× slower). So there the running sum is only an
 * argument: each term is the receiver, and the sum is stored through a fresh −0 + sum. The other
 * loop-carried receivers here (the reductions' partial sums, weightedSum's) call the plain add,
 * fma and intoArray, whose profiles every kernel fills.
 */
final class SimdOps implements FlatKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Doubles in a vector of S's size: each float vector widens into two of them. */
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    /** Doubles in D: half a float vector's lanes. */
    private static final int DL = D.length();
    /** Swaps the lower and upper half of a float vector's lanes. */
    private static final VectorShuffle<Float> HALVES = VectorShuffle.fromOp(S, j -> (j + L / 2) % L);
    /** 16 float lanes (one load per 16 partials), else 8 (two loads); {@link SimdKernels} offers no narrower. */
    private static final boolean WIDE = L == ScalarOps.PARTIALS;
    private static final ScalarOps TWIN = new ScalarOps();
    /**
     * Lanes 0, 1, …, L − 1 as floats (exact): masks of lane ranges are compares against it, the same
     * code for ranges starting before lane 0 (indexInRange takes a different path for those).
     */
    private static final FloatVector IOTA = FloatVector.zero(S).addIndex(1);
    /** −0 in every lane: x + (−0) is x for every float x, −0 and +0 included. */
    private static final FloatVector NEG_ZERO = FloatVector.broadcast(S, -0f);
    private static final FloatVector ZERO = FloatVector.zero(S);
    /** The hard sigmoid's slope 1/6 (as a float, the twin's {@code 1f / 6f}) and offset 1/2. */
    private static final FloatVector SIXTH = FloatVector.broadcast(S, 1f / 6f);
    private static final FloatVector HALF = FloatVector.broadcast(S, 0.5f);
    /** Ints in a vector of S's size, for max-pooling's indices. */
    private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, S.vectorShape());
    /** Lane selectors 0, 2, …, 2L − 2 and 1, 3, …, 2L − 1 over two vectors; and 0, 2, …, 2L − 2 as ints. */
    private static final FloatVector EVEN = IOTA.mul(2f);
    private static final FloatVector ODD = EVEN.add(1f);
    private static final IntVector TWICE = IntVector.zero(IS).addIndex(2);

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        FloatVector av = FloatVector.broadcast(S, a);
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(av, FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        TWIN.axpy(a, x, xOff + i, y, yOff + i, n - i);
    }

    @Override
    public void scale(float a, float[] x, int off, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, off + i).mul(a).intoArray(x, off + i);
        }
        TWIN.scale(a, x, off + i, n - i);
    }

    @Override
    public void addScalar(float s, float[] x, int off, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, off + i).add(s).intoArray(x, off + i);
        }
        TWIN.addScalar(s, x, off + i, n - i);
    }

    @Override
    public void copy(float[] x, int xOff, float[] out, int outOff, int n) {
        copyRows(x, xOff, 0, out, outOff, 0, 1, n);
    }

    /**
     * As the other element-wise kernels, but the tail is one masked vector where a whole vector at
     * each tail start lies inside its array (masked accesses that would reach past an array's end
     * take a slow path in the JDK): col2im adds rows of 10–28 elements, all tail on 16 lanes.
     */
    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).add(FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(out, outOff + i);
        }
        if (i < n && whole(x, xOff + i) && whole(y, yOff + i) && whole(out, outOff + i)) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).add(FloatVector.fromArray(S, y, yOff + i, m))
                    .intoArray(out, outOff + i, m);
        } else {
            TWIN.add(x, xOff + i, y, yOff + i, out, outOff + i, n - i);
        }
    }

    /**
     * {@link #copy} row after row, with the tail mask made once: im2col copies a few hundred
     * thousand rows of 10–28 elements per LeNet-5 step, where a call per row cost more than the copy.
     */
    @Override
    public void copyRows(float[] x, int xOff, int xStride, float[] out, int outOff, int outStride, int rows, int len) {
        int bound = S.loopBound(len);
        VectorMask<Float> m = S.indexInRange(bound, len);
        for (int r = 0; r < rows; r++) {
            int xs = xOff + r * xStride;
            int os = outOff + r * outStride;
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, x, xs + i).intoArray(out, os + i);
            }
            if (bound == len) {
                continue;
            }
            if (whole(x, xs + bound) && whole(out, os + bound)) {
                FloatVector.fromArray(S, x, xs + bound, m).intoArray(out, os + bound, m);
            } else {
                TWIN.copy(x, xs + bound, out, os + bound, len - bound);
            }
        }
    }

    /** {@link #add} (out += x) row after row, with the tail mask made once, for col2im. */
    @Override
    public void addRows(float[] x, int xOff, int xStride, float[] out, int outOff, int outStride, int rows, int len) {
        int bound = S.loopBound(len);
        VectorMask<Float> m = S.indexInRange(bound, len);
        for (int r = 0; r < rows; r++) {
            int xs = xOff + r * xStride;
            int os = outOff + r * outStride;
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, out, os + i).add(FloatVector.fromArray(S, x, xs + i)).intoArray(out, os + i);
            }
            if (bound == len) {
                continue;
            }
            if (whole(x, xs + bound) && whole(out, os + bound)) {
                FloatVector.fromArray(S, out, os + bound, m).add(FloatVector.fromArray(S, x, xs + bound, m))
                        .intoArray(out, os + bound, m);
            } else {
                TWIN.add(out, os + bound, x, xs + bound, out, os + bound, len - bound);
            }
        }
    }

    /**
     * Per row of out and per vector of its touched elements [qlo, qhi): one load of out, a
     * masked load and masked add per shift (lane i takes x[… + j0 + i − s] where 0 ≤ j0 + i − s < len),
     * one store. Adding each shift's row straight into out (as {@link #addRows} would) reloads
     * elements a masked store has just written, which the store buffer cannot forward. When some
     * vector of the footprint would reach outside an array (masked accesses there take a slow path
     * in the JDK), the whole call goes to the twin: same additions, same order.
     */
    @Override
    public void addShiftedRows(float[] x, int xOff, int xShift, int xStride, int shifts, float[] out, int outOff,
                               int outStride, int rows, int len, int qlo, int qhi) {
        if (rows <= 0 || shifts <= 0 || len <= 0 || qhi <= qlo) {
            return;
        }
        int span = (qhi - qlo + L - 1) / L * L;
        long reach = (long) (shifts - 1) * (xShift - 1); // x index of lane 0 moves by s·(xShift − 1)
        long xLo = (long) xOff + qlo + Math.min(0, reach);
        long xHi = (long) xOff + (long) (rows - 1) * xStride + qlo + Math.max(0, reach) + span;
        long oLo = (long) outOff + qlo;
        long oHi = (long) outOff + (long) (rows - 1) * outStride + qlo + span;
        if (xLo < 0 || xHi > x.length || oLo < 0 || oHi > out.length) {
            TWIN.addShiftedRows(x, xOff, xShift, xStride, shifts, out, outOff, outStride, rows, len, qlo, qhi);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int xs = xOff + r * xStride;
            int os = outOff + r * outStride;
            for (int j0 = qlo; j0 < qhi; j0 += L) { // lane i is element q = j0 + i of the row
                VectorMask<Float> mo = IOTA.compare(VectorOperators.LT, (float) (qhi - j0));
                FloatVector acc = FloatVector.fromArray(S, out, os + j0, mo);
                for (int sh = 0; sh < shifts; sh++) { // lanes with 0 ≤ j0 + i − sh < len
                    VectorMask<Float> m = IOTA.compare(VectorOperators.GE, (float) (sh - j0))
                            .and(IOTA.compare(VectorOperators.LT, (float) (len + sh - j0)));
                    // the shifted row where m is set and −0 elsewhere: adding −0 leaves every float
                    // as it is, so this is the masked sum. The term, not acc, is the receiver (see
                    // the class comment); the footprint check above keeps the load in x.
                    acc = NEG_ZERO.blend(FloatVector.fromArray(S, x, xs + sh * xShift + j0 - sh), m).add(acc);
                }
                NEG_ZERO.add(acc).intoArray(out, os + j0, mo);
            }
        }
    }

    /**
     * Per output row, L windows at a time: two vectors of each window row (2L elements), split into
     * the windows' left and right elements by two-vector lane selections, then the twin's Math.max
     * and strict compares lane by lane, the indices in an int vector of the same shape; the last,
     * partial step of a row stores under a mask. A step whose vectors would reach past an array's
     * end runs the twin's loop.
     */
    @Override
    public void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] y, int yOff, int[] argmax, int argOff) {
        int wo = w / 2;
        int rows = planes * (h / 2); // output rows, plane after plane
        for (int row = 0, o = 0; row < rows; row++, o += wo) {
            int top = (row / (h / 2)) * h * w + 2 * (row % (h / 2)) * w;
            for (int oj = 0; oj < wo; oj += L) {
                int n = Math.min(L, wo - oj);
                int i = top + 2 * oj;
                int at = xOff + i;
                if (at + w + 2 * L > x.length || yOff + o + oj + L > y.length || argOff + o + oj + L > argmax.length) {
                    ScalarOps.maxPool2x2Row(x, xOff, w, top, oj, oj + n, y, yOff + o, argmax, argOff + o);
                    continue;
                }
                FloatVector t0 = FloatVector.fromArray(S, x, at), t1 = FloatVector.fromArray(S, x, at + L);
                FloatVector b0 = FloatVector.fromArray(S, x, at + w), b1 = FloatVector.fromArray(S, x, at + w + L);
                FloatVector a = EVEN.selectFrom(t0, t1), b = ODD.selectFrom(t0, t1);
                FloatVector c = EVEN.selectFrom(b0, b1), d = ODD.selectFrom(b0, b1);
                FloatVector ab = a.max(b), cd = c.max(d);
                IntVector ia = TWICE.add(i);
                IntVector iab = ia.blend(ia.add(1), b.compare(VectorOperators.GT, a).cast(IS));
                IntVector ic = ia.add(w);
                IntVector icd = ic.blend(ic.add(1), d.compare(VectorOperators.GT, c).cast(IS));
                IntVector arg = iab.blend(icd, cd.compare(VectorOperators.GT, ab).cast(IS));
                FloatVector m = ab.max(cd);
                if (n == L) {
                    m.intoArray(y, yOff + o + oj);
                    arg.intoArray(argmax, argOff + o + oj);
                } else {
                    VectorMask<Float> mo = IOTA.compare(VectorOperators.LT, (float) n);
                    m.intoArray(y, yOff + o + oj, mo);
                    arg.intoArray(argmax, argOff + o + oj, mo.cast(IS));
                }
            }
        }
    }

    /** Whether a whole vector starting at {@code at} lies inside {@code a}. */
    private static boolean whole(float[] a, int at) {
        return at >= 0 && at <= a.length - L;
    }

    @Override
    public void sub(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).sub(FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(out, outOff + i);
        }
        TWIN.sub(x, xOff + i, y, yOff + i, out, outOff + i, n - i);
    }

    @Override
    public void mul(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(out, outOff + i);
        }
        TWIN.mul(x, xOff + i, y, yOff + i, out, outOff + i, n - i);
    }

    @Override
    public void addProduct(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i)
                    .fma(FloatVector.fromArray(S, y, yOff + i), FloatVector.fromArray(S, out, outOff + i))
                    .intoArray(out, outOff + i);
        }
        TWIN.addProduct(x, xOff + i, y, yOff + i, out, outOff + i, n - i);
    }

    @Override
    public void weightedSum(float[] w, float[][] xs, float[] out, int off, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector s = FloatVector.zero(S);
            for (int k = 0; k < xs.length; k++) {
                s = FloatVector.fromArray(S, xs[k], off + i).fma(FloatVector.broadcast(S, w[k]), s);
            }
            s.intoArray(out, off + i);
        }
        TWIN.weightedSum(w, xs, out, off + i, n - i);
    }

    @Override
    public void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.MAX, 0f).intoArray(out, outOff + i);
        }
        TWIN.relu(x, xOff + i, out, outOff + i, n - i);
    }

    @Override
    public void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMask<Float> on = FloatVector.fromArray(S, x, xOff + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(S, dx, dxOff + i).add(FloatVector.fromArray(S, dy, dyOff + i), on)
                    .intoArray(dx, dxOff + i);
        }
        TWIN.reluBackward(x, xOff + i, dy, dyOff + i, dx, dxOff + i, n - i);
    }

    /** h(v) = min(1, max(0, fma(v, 1/6, 1/2))) lane by lane, {@link ScalarOps#hardSigmoid}'s operations in its order. */
    private static FloatVector hardSigmoid(FloatVector v) {
        return v.fma(SIXTH, HALF).max(0f).min(1f);
    }

    @Override
    public void hardSwishScaled(float[] x, int xOff, float[] out, int outOff, int n, float scale) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.mul(hardSigmoid(v)).mul(scale).intoArray(out, outOff + i);
        }
        TWIN.hardSwishScaled(x, xOff + i, out, outOff + i, n - i, scale);
    }

    @Override
    public void evoNormS0Backward(float[] x, int xOff, float[] du, int duOff, float[] dx, int dxOff, int n,
                                  float scale, float viaVar, float mean) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            // h′(v) = 1/6 strictly inside (−3, 3), else 0 (NaN included: both compares fail)
            VectorMask<Float> inside = v.compare(VectorOperators.GT, -3f).and(v.compare(VectorOperators.LT, 3f));
            FloatVector slope = ZERO.blend(SIXTH, inside);
            FloatVector viaH = FloatVector.fromArray(S, du, duOff + i).mul(hardSigmoid(v).add(v.mul(slope))).mul(scale);
            FloatVector viaMean = v.sub(mean).mul(viaVar);
            FloatVector.fromArray(S, dx, dxOff + i).add(viaH.add(viaMean)).intoArray(dx, dxOff + i);
        }
        TWIN.evoNormS0Backward(x, xOff + i, du, duOff + i, dx, dxOff + i, n - i, scale, viaVar, mean);
    }

    @Override
    public double dot(float[] x, int xOff, float[] y, int yOff, int n) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        int bound = n - n % ScalarOps.PARTIALS;
        int room = Math.min(x.length - xOff, y.length - yOff);
        // Whole blocks whose loads, 16 + DL floats, stay within both arrays: each group of DL
        // floats is the lower half of a load of its own (successive loads overlap by half).
        for (; i < bound && i + ScalarOps.PARTIALS + DL <= room; i += ScalarOps.PARTIALS) {
            s0 = lo(x, xOff + i).fma(lo(y, yOff + i), s0);
            s1 = lo(x, xOff + i + DL).fma(lo(y, yOff + i + DL), s1);
            if (!WIDE) {
                s2 = lo(x, xOff + i + 2 * DL).fma(lo(y, yOff + i + 2 * DL), s2);
                s3 = lo(x, xOff + i + 3 * DL).fma(lo(y, yOff + i + 3 * DL), s3);
            }
        }
        for (; i < bound; i += ScalarOps.PARTIALS) { // the last whole block, at an array's end
            FloatVector a = FloatVector.fromArray(S, x, xOff + i);
            FloatVector b = FloatVector.fromArray(S, y, yOff + i);
            s0 = lo(a).fma(lo(b), s0);
            s1 = hi(a).fma(hi(b), s1);
            if (!WIDE) {
                a = FloatVector.fromArray(S, x, xOff + i + L);
                b = FloatVector.fromArray(S, y, yOff + i + L);
                s2 = lo(a).fma(lo(b), s2);
                s3 = hi(a).fma(hi(b), s3);
            }
        }
        double r = fold(s0, s1, s2, s3);
        for (; i < n; i++) {
            r += (double) x[xOff + i] * y[yOff + i];
        }
        return r;
    }

    /** The DL floats of x from at as doubles (reads L floats: at + L ≤ x.length). */
    private static DoubleVector lo(float[] x, int at) {
        return lo(FloatVector.fromArray(S, x, at));
    }

    @Override
    public double sum(float[] x, int off, int n) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        int bound = n - n % ScalarOps.PARTIALS;
        for (; i < bound && i + ScalarOps.PARTIALS + DL <= x.length - off; i += ScalarOps.PARTIALS) { // as in dot
            s0 = s0.add(lo(x, off + i));
            s1 = s1.add(lo(x, off + i + DL));
            if (!WIDE) {
                s2 = s2.add(lo(x, off + i + 2 * DL));
                s3 = s3.add(lo(x, off + i + 3 * DL));
            }
        }
        for (; i < bound; i += ScalarOps.PARTIALS) {
            FloatVector a = FloatVector.fromArray(S, x, off + i);
            s0 = s0.add(lo(a));
            s1 = s1.add(hi(a));
            if (!WIDE) {
                a = FloatVector.fromArray(S, x, off + i + L);
                s2 = s2.add(lo(a));
                s3 = s3.add(hi(a));
            }
        }
        double r = fold(s0, s1, s2, s3);
        for (; i < n; i++) {
            r += x[off + i];
        }
        return r;
    }

    /** The lower half of a's lanes as doubles. */
    private static DoubleVector lo(FloatVector a) {
        return (DoubleVector) a.convertShape(VectorOperators.F2D, D, 0);
    }

    /**
     * The upper half of a's lanes as doubles: moved down by a shuffle, then converted as the lower
     * half. convertShape's own part 1 is not compiled on AVX2 (dot ran 8× slower there, boxing
     * every vector); a half-width load would bring a second FloatVector class into the JVM, which
     * boxes other kernels (see the class comment). The shuffle costs: dot and sum use it only in
     * the last block at an array's end, and elsewhere the lower half of a load DL floats on
     * (992 floats: 200 ns a dot on a Zen 2 core, against 335 with the shuffle in every block).
     */
    private static DoubleVector hi(FloatVector a) {
        return lo(a.rearrange(HALVES));
    }

    /**
     * {@link ScalarOps#fold} on the 16 partials: with 512-bit vectors s0 = (p0..p7) and
     * s1 = (p8..p15) (s2, s3 unused), else s0 = (p0..p3), s1 = (p4..p7), s2 = (p8..p11),
     * s3 = (p12..p15); the same additions in the same order either way.
     */
    private static double fold(DoubleVector s0, DoubleVector s1, DoubleVector s2, DoubleVector s3) {
        if (WIDE) { // t_j = p_j + p_(8+j); w_j = t_j + t_(4+j) = (p_j + p_(8+j)) + (p_(4+j) + p_(12+j))
            DoubleVector t = s0.add(s1);
            return ((t.lane(0) + t.lane(4)) + (t.lane(2) + t.lane(6)))
                    + ((t.lane(1) + t.lane(5)) + (t.lane(3) + t.lane(7)));
        }
        DoubleVector w = s0.add(s2).add(s1.add(s3));
        return (w.lane(0) + w.lane(2)) + (w.lane(1) + w.lane(3));
    }
}
