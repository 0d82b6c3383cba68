package peerlearn.tensor.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DirectConv} on the Vector API; twin of {@link ScalarDirectConv}. Vectors run along the
 * output rows; every load of the padded images is a whole vector inside its plane (the padded
 * width leaves room), only dy's row ends and y's stores are masked.
 *
 * <p>Forward tile: 4 filters × 2 vectors of one output row (8 accumulators), per kk two loads of
 * xp and 4 broadcast weights for 8 fma. Weight gradient: 4 filters × 4 weights, one vector of
 * partials each (16 accumulators), swept down one image's rows (its dy planes and padded planes
 * stay in L1): 4 loads of dy and 4 of xp per 16 fma; with vectors narrower than 512 bits (AVX2's
 * 16 registers) 2 filters × 4 weights instead. A last block of fewer than 4 filters (or
 * weights) repeats filter F − 1 (weight K − 1) in its empty places: forward does not store those,
 * and the gradient's copies start from the same partials and add the same terms, so storing each
 * of them writes the same value.
 */
final class SimdDirectConv implements DirectConvKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int T = 4;
    private static final int CHUNK = DirectConv.CHUNK;
    /** Lanes 0, 1, …, L − 1 as floats: a mask of the first n lanes is a compare against it. */
    private static final FloatVector IOTA = FloatVector.zero(S).addIndex(1);

    /** Filters per tile of the weight gradient: 4, or 2 (see {@link #weightPartialsTwoFilters}). */
    private final int gradientFilters;

    /** The weight gradient's tile for this machine's width: 4 filters with 512-bit vectors, else 2. */
    SimdDirectConv() {
        this(L < 16 ? 2 : 4);
    }

    /** @param gradientFilters filters per tile of the weight gradient, 4 or 2 */
    SimdDirectConv(int gradientFilters) {
        if (CHUNK % L != 0 || 2 * L > DirectConv.ROW_STEP) {
            throw new IllegalStateException("direct conv: " + L + " lanes do not divide a chunk of " + CHUNK);
        }
        if (gradientFilters != 2 && gradientFilters != 4) {
            throw new IllegalArgumentException("direct conv: 2 or 4 filters per gradient tile, got " + gradientFilters);
        }
        this.gradientFilters = gradientFilters;
    }

    @Override
    public void forward(DirectConv.Geometry g, float[] xp, float[] w, int wOff, float[] y, int yOff) {
        int k = g.k(), f = g.f(), wo = g.wo();
        int[] offs = offsets(g);
        for (int img = 0; img < g.n(); img++) {
            for (int f0 = 0; f0 < f; f0 += T) {
                int wa = wOff + f0 * k, wb = wOff + Math.min(f0 + 1, f - 1) * k;
                int wc = wOff + Math.min(f0 + 2, f - 1) * k, wd = wOff + Math.min(f0 + 3, f - 1) * k;
                for (int oi = 0; oi < g.ho(); oi++) {
                    for (int oj = 0; oj < wo; oj += 2 * L) {
                        int row = g.row(img, 0, oi) + oj;
                        // zero(S), not a static zero vector: a loop phi merging a constant (boxed) vector keeps the sums boxed
                        FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
                        for (int kk = 0; kk < k; kk++) { // one loop over (c, i, j), not three short ones
                            FloatVector x0 = FloatVector.fromArray(S, xp, row + offs[kk]);
                            FloatVector x1 = FloatVector.fromArray(S, xp, row + offs[kk] + L);
                            FloatVector v = FloatVector.broadcast(S, w[wa + kk]);
                            a0 = v.fma(x0, a0);
                            a1 = v.fma(x1, a1);
                            v = FloatVector.broadcast(S, w[wb + kk]);
                            b0 = v.fma(x0, b0);
                            b1 = v.fma(x1, b1);
                            v = FloatVector.broadcast(S, w[wc + kk]);
                            c0 = v.fma(x0, c0);
                            c1 = v.fma(x1, c1);
                            v = FloatVector.broadcast(S, w[wd + kk]);
                            d0 = v.fma(x0, d0);
                            d1 = v.fma(x1, d1);
                        }
                        int lanes = wo - oj;
                        int plane = g.ho() * wo;
                        int at = yOff + g.out(img, f0, oi) + oj;
                        int stored = Math.min(T, f - f0);
                        // stores written out here: a vector handed to a method C2 does not inline is boxed
                        if (lanes >= 2 * L) {
                            a0.intoArray(y, at);
                            a1.intoArray(y, at + L);
                            if (stored > 1) {
                                b0.intoArray(y, at + plane);
                                b1.intoArray(y, at + plane + L);
                            }
                            if (stored > 2) {
                                c0.intoArray(y, at + 2 * plane);
                                c1.intoArray(y, at + 2 * plane + L);
                            }
                            if (stored > 3) {
                                d0.intoArray(y, at + 3 * plane);
                                d1.intoArray(y, at + 3 * plane + L);
                            }
                        } else if (at + (stored - 1) * plane + 2 * L <= y.length) {
                            VectorMask<Float> m0 = IOTA.compare(VectorOperators.LT, (float) lanes);
                            VectorMask<Float> m1 = IOTA.compare(VectorOperators.LT, (float) (lanes - L));
                            a0.intoArray(y, at, m0);
                            a1.intoArray(y, at + L, m1);
                            if (stored > 1) {
                                b0.intoArray(y, at + plane, m0);
                                b1.intoArray(y, at + plane + L, m1);
                            }
                            if (stored > 2) {
                                c0.intoArray(y, at + 2 * plane, m0);
                                c1.intoArray(y, at + 2 * plane + L, m1);
                            }
                            if (stored > 3) {
                                d0.intoArray(y, at + 3 * plane, m0);
                                d1.intoArray(y, at + 3 * plane + L, m1);
                            }
                        } else { // masked stores reaching past y's end take a slow path in the JDK: the twin's loop
                            for (int q = 0; q < stored; q++) {
                                for (int oc = oj; oc < wo; oc++) {
                                    y[yOff + g.out(img, f0 + q, oi) + oc] = ScalarDirectConv.output(g, xp, w, wOff, img, f0 + q, oi, oc);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The offset of weight kk's input, (c·ph + i)·pw + j, from the top left of a window. */
    private static int[] offsets(DirectConv.Geometry g) {
        int[] at = new int[g.k()];
        int kk = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++, kk++) {
                    at[kk] = g.row(0, ci, i) + j;
                }
            }
        }
        return at;
    }

    @Override
    public void weightPartials(DirectConv.Geometry g, float[] xp, float[] dy, int dyOff, float[] t) {
        if (gradientFilters == 2) {
            weightPartialsTwoFilters(g, xp, dy, dyOff, t);
            return;
        }
        int k = g.k(), f = g.f(), wo = g.wo(), pw = g.pw();
        int[] at = offsets(g);
        float[] spill = new float[T * L];
        for (int img = 0; img < g.n(); img++) {
            int xi = g.row(img, 0, 0);
            for (int f0 = 0; f0 < f; f0 += T) {
                int fb = Math.min(f0 + 1, f - 1), fc = Math.min(f0 + 2, f - 1), fd = Math.min(f0 + 3, f - 1);
                int da = dyOff + g.out(img, f0, 0), db = dyOff + g.out(img, fb, 0);
                int dc = dyOff + g.out(img, fc, 0), dd = dyOff + g.out(img, fd, 0);
                for (int kk = 0; kk < k; kk += T) { // weights kk … kk + 3 (the last, kk′ = K − 1, repeated at K's end)
                    int k1 = Math.min(kk + 1, k - 1), k2 = Math.min(kk + 2, k - 1), k3 = Math.min(kk + 3, k - 1);
                    for (int v = 0; v < CHUNK; v += L) { // lanes v … v + L − 1 of every chunk
                        // partials of (filter f, weight j) at t[(f·K + j)·16 + v …]: t_f0 + j·16
                        int ta = f0 * k * CHUNK + v, tb = fb * k * CHUNK + v, tc = fc * k * CHUNK + v, td = fd * k * CHUNK + v;
                        int j0 = kk * CHUNK, j1 = k1 * CHUNK, j2 = k2 * CHUNK, j3 = k3 * CHUNK;
                        FloatVector sa0 = FloatVector.fromArray(S, t, ta + j0), sa1 = FloatVector.fromArray(S, t, ta + j1);
                        FloatVector sa2 = FloatVector.fromArray(S, t, ta + j2), sa3 = FloatVector.fromArray(S, t, ta + j3);
                        FloatVector sb0 = FloatVector.fromArray(S, t, tb + j0), sb1 = FloatVector.fromArray(S, t, tb + j1);
                        FloatVector sb2 = FloatVector.fromArray(S, t, tb + j2), sb3 = FloatVector.fromArray(S, t, tb + j3);
                        FloatVector sc0 = FloatVector.fromArray(S, t, tc + j0), sc1 = FloatVector.fromArray(S, t, tc + j1);
                        FloatVector sc2 = FloatVector.fromArray(S, t, tc + j2), sc3 = FloatVector.fromArray(S, t, tc + j3);
                        FloatVector sd0 = FloatVector.fromArray(S, t, td + j0), sd1 = FloatVector.fromArray(S, t, td + j1);
                        FloatVector sd2 = FloatVector.fromArray(S, t, td + j2), sd3 = FloatVector.fromArray(S, t, td + j3);
                        // chunk column by chunk column, the rows innermost (a long loop): the twin's order
                        for (int q = 0; q < g.chunks(); q++) {
                            int oj = q * CHUNK + v;
                            int lanes = wo - oj;
                            int x0r = xi + at[kk] + oj, x1r = xi + at[k1] + oj, x2r = xi + at[k2] + oj, x3r = xi + at[k3] + oj;
                            boolean whole = lanes >= L;
                            VectorMask<Float> m = IOTA.compare(VectorOperators.LT, (float) lanes); // dy = 0 past the row
                            for (int oi = 0, o = oj; oi < g.ho(); oi++, o += wo) {
                                FloatVector ya, yb, yc, yd;
                                if (whole) {
                                    ya = FloatVector.fromArray(S, dy, da + o);
                                    yb = FloatVector.fromArray(S, dy, db + o);
                                    yc = FloatVector.fromArray(S, dy, dc + o);
                                    yd = FloatVector.fromArray(S, dy, dd + o);
                                } else if (dd + o + L <= dy.length) { // dd is the furthest of the four
                                    ya = FloatVector.fromArray(S, dy, da + o, m);
                                    yb = FloatVector.fromArray(S, dy, db + o, m);
                                    yc = FloatVector.fromArray(S, dy, dc + o, m);
                                    yd = FloatVector.fromArray(S, dy, dd + o, m);
                                } else { // a masked load reaching past dy's end takes a slow path in the JDK
                                    spill(dy, da + o, lanes, spill, 0);
                                    spill(dy, db + o, lanes, spill, L);
                                    spill(dy, dc + o, lanes, spill, 2 * L);
                                    spill(dy, dd + o, lanes, spill, 3 * L);
                                    ya = FloatVector.fromArray(S, spill, 0);
                                    yb = FloatVector.fromArray(S, spill, L);
                                    yc = FloatVector.fromArray(S, spill, 2 * L);
                                    yd = FloatVector.fromArray(S, spill, 3 * L);
                                }
                                // the tile's 16 fma written out (an array of vectors would live in memory, boxed)
                                FloatVector x0 = FloatVector.fromArray(S, xp, x0r + oi * pw);
                                sa0 = ya.fma(x0, sa0);
                                sb0 = yb.fma(x0, sb0);
                                sc0 = yc.fma(x0, sc0);
                                sd0 = yd.fma(x0, sd0);
                                FloatVector x1 = FloatVector.fromArray(S, xp, x1r + oi * pw);
                                sa1 = ya.fma(x1, sa1);
                                sb1 = yb.fma(x1, sb1);
                                sc1 = yc.fma(x1, sc1);
                                sd1 = yd.fma(x1, sd1);
                                FloatVector x2 = FloatVector.fromArray(S, xp, x2r + oi * pw);
                                sa2 = ya.fma(x2, sa2);
                                sb2 = yb.fma(x2, sb2);
                                sc2 = yc.fma(x2, sc2);
                                sd2 = yd.fma(x2, sd2);
                                FloatVector x3 = FloatVector.fromArray(S, xp, x3r + oi * pw);
                                sa3 = ya.fma(x3, sa3);
                                sb3 = yb.fma(x3, sb3);
                                sc3 = yc.fma(x3, sc3);
                                sd3 = yd.fma(x3, sd3);
                            }
                        }
                        sa0.intoArray(t, ta + j0);
                        sa1.intoArray(t, ta + j1);
                        sa2.intoArray(t, ta + j2);
                        sa3.intoArray(t, ta + j3);
                        sb0.intoArray(t, tb + j0);
                        sb1.intoArray(t, tb + j1);
                        sb2.intoArray(t, tb + j2);
                        sb3.intoArray(t, tb + j3);
                        sc0.intoArray(t, tc + j0);
                        sc1.intoArray(t, tc + j1);
                        sc2.intoArray(t, tc + j2);
                        sc3.intoArray(t, tc + j3);
                        sd0.intoArray(t, td + j0);
                        sd1.intoArray(t, td + j1);
                        sd2.intoArray(t, td + j2);
                        sd3.intoArray(t, td + j3);
                    }
                }
            }
        }
    }

    /**
     * The weight gradient's partials with a tile of 2 filters × 4 weights (8 accumulators, 2 + 1
     * loads live): with AVX2's 16 registers the 4 × 4 tile's 16 accumulators, 4 dy vectors and an
     * input vector spilled (the disassembly showed most fma loading and storing its sum on the
     * stack). Same partials, same order of additions, as {@link #weightPartials}.
     */
    private static void weightPartialsTwoFilters(DirectConv.Geometry g, float[] xp, float[] dy, int dyOff, float[] t) {
        int k = g.k(), f = g.f(), wo = g.wo(), pw = g.pw();
        int[] at = offsets(g);
        float[] spill = new float[T * L];
        for (int img = 0; img < g.n(); img++) {
            int xi = g.row(img, 0, 0);
            for (int f0 = 0; f0 < f; f0 += 2) {
                int fb = Math.min(f0 + 1, f - 1);
                int da = dyOff + g.out(img, f0, 0), db = dyOff + g.out(img, fb, 0);
                for (int kk = 0; kk < k; kk += T) { // weights kk … kk + 3 (the last, kk′ = K − 1, repeated at K's end)
                    int k1 = Math.min(kk + 1, k - 1), k2 = Math.min(kk + 2, k - 1), k3 = Math.min(kk + 3, k - 1);
                    for (int v = 0; v < CHUNK; v += L) { // lanes v … v + L − 1 of every chunk
                        // partials of (filter f, weight j) at t[(f·K + j)·16 + v …]: t_f0 + j·16
                        int ta = f0 * k * CHUNK + v, tb = fb * k * CHUNK + v;
                        int j0 = kk * CHUNK, j1 = k1 * CHUNK, j2 = k2 * CHUNK, j3 = k3 * CHUNK;
                        FloatVector sa0 = FloatVector.fromArray(S, t, ta + j0), sa1 = FloatVector.fromArray(S, t, ta + j1);
                        FloatVector sa2 = FloatVector.fromArray(S, t, ta + j2), sa3 = FloatVector.fromArray(S, t, ta + j3);
                        FloatVector sb0 = FloatVector.fromArray(S, t, tb + j0), sb1 = FloatVector.fromArray(S, t, tb + j1);
                        FloatVector sb2 = FloatVector.fromArray(S, t, tb + j2), sb3 = FloatVector.fromArray(S, t, tb + j3);
                        // chunk column by chunk column, the rows innermost (a long loop): the twin's order
                        for (int q = 0; q < g.chunks(); q++) {
                            int oj = q * CHUNK + v;
                            int lanes = wo - oj;
                            int x0r = xi + at[kk] + oj, x1r = xi + at[k1] + oj, x2r = xi + at[k2] + oj, x3r = xi + at[k3] + oj;
                            boolean whole = lanes >= L;
                            VectorMask<Float> m = IOTA.compare(VectorOperators.LT, (float) lanes); // dy = 0 past the row
                            for (int oi = 0, o = oj; oi < g.ho(); oi++, o += wo) {
                                FloatVector ya, yb;
                                if (whole) {
                                    ya = FloatVector.fromArray(S, dy, da + o);
                                    yb = FloatVector.fromArray(S, dy, db + o);
                                } else if (db + o + L <= dy.length) { // db is the further of the two
                                    ya = FloatVector.fromArray(S, dy, da + o, m);
                                    yb = FloatVector.fromArray(S, dy, db + o, m);
                                } else { // a masked load reaching past dy's end takes a slow path in the JDK
                                    spill(dy, da + o, lanes, spill, 0);
                                    spill(dy, db + o, lanes, spill, L);
                                    ya = FloatVector.fromArray(S, spill, 0);
                                    yb = FloatVector.fromArray(S, spill, L);
                                }
                                // the tile's 8 fma written out
                                FloatVector x0 = FloatVector.fromArray(S, xp, x0r + oi * pw);
                                sa0 = ya.fma(x0, sa0);
                                sb0 = yb.fma(x0, sb0);
                                FloatVector x1 = FloatVector.fromArray(S, xp, x1r + oi * pw);
                                sa1 = ya.fma(x1, sa1);
                                sb1 = yb.fma(x1, sb1);
                                FloatVector x2 = FloatVector.fromArray(S, xp, x2r + oi * pw);
                                sa2 = ya.fma(x2, sa2);
                                sb2 = yb.fma(x2, sb2);
                                FloatVector x3 = FloatVector.fromArray(S, xp, x3r + oi * pw);
                                sa3 = ya.fma(x3, sa3);
                                sb3 = yb.fma(x3, sb3);
                            }
                        }
                        sa0.intoArray(t, ta + j0);
                        sa1.intoArray(t, ta + j1);
                        sa2.intoArray(t, ta + j2);
                        sa3.intoArray(t, ta + j3);
                        sb0.intoArray(t, tb + j0);
                        sb1.intoArray(t, tb + j1);
                        sb2.intoArray(t, tb + j2);
                        sb3.intoArray(t, tb + j3);
                    }
                }
            }
        }
    }

    /** out[outAt …] ← L floats: a[at …] in the first {@code lanes} (< L), then zeros. */
    private static void spill(float[] a, int at, int lanes, float[] out, int outAt) {
        Arrays.fill(out, outAt, outAt + L, 0f);
        if (lanes > 0) {
            System.arraycopy(a, at, out, outAt, lanes);
        }
    }
}
