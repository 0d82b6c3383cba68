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
 * xp and 4 broadcast weights for 8 fma. Weight gradient: 4 filters × one vector of partials per
 * (kk, lane group), swept over one image's rows (its dy planes and padded planes stay in L1),
 * 1 load of xp and 4 of dy per 4 fma. A last block of fewer than 4 filters repeats filter F − 1 in
 * its empty places: forward does not store those, and the gradient's copies start from the same
 * partials and add the same terms, so storing each of them writes the same value.
 */
final class SimdDirectConv implements DirectConvKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int T = 4;
    private static final int CHUNK = DirectConv.CHUNK;
    /** Lanes 0, 1, …, L − 1 as floats: a mask of the first n lanes is a compare against it. */
    private static final FloatVector IOTA = FloatVector.zero(S).addIndex(1);

    SimdDirectConv() {
        if (CHUNK % L != 0 || 2 * L > DirectConv.ROW_STEP) {
            throw new IllegalStateException("direct conv: " + L + " lanes do not divide a chunk of " + CHUNK);
        }
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
        int k = g.k(), f = g.f(), wo = g.wo(), pw = g.pw();
        int[] at = offsets(g);
        float[] spill = new float[T * L];
        for (int img = 0; img < g.n(); img++) {
            int x0 = g.row(img, 0, 0);
            for (int f0 = 0; f0 < f; f0 += T) {
                int fb = Math.min(f0 + 1, f - 1), fc = Math.min(f0 + 2, f - 1), fd = Math.min(f0 + 3, f - 1);
                int da = dyOff + g.out(img, f0, 0), db = dyOff + g.out(img, fb, 0);
                int dc = dyOff + g.out(img, fc, 0), dd = dyOff + g.out(img, fd, 0);
                for (int kk = 0; kk < k; kk += 2) { // weights kk and ke = kk + 1 (kk again at an odd K's end)
                    int ke = Math.min(kk + 1, k - 1);
                    for (int v = 0; v < CHUNK; v += L) { // lanes v … v + L − 1 of every chunk
                        int ta = (f0 * k + kk) * CHUNK + v, tb = (fb * k + kk) * CHUNK + v;
                        int tc = (fc * k + kk) * CHUNK + v, td = (fd * k + kk) * CHUNK + v;
                        int te = ta + (ke - kk) * CHUNK, tf = tb + (ke - kk) * CHUNK;
                        int tg = tc + (ke - kk) * CHUNK, th = td + (ke - kk) * CHUNK;
                        FloatVector sa = FloatVector.fromArray(S, t, ta), sb = FloatVector.fromArray(S, t, tb);
                        FloatVector sc = FloatVector.fromArray(S, t, tc), sd = FloatVector.fromArray(S, t, td);
                        FloatVector se = FloatVector.fromArray(S, t, te), sf = FloatVector.fromArray(S, t, tf);
                        FloatVector sg = FloatVector.fromArray(S, t, tg), sh = FloatVector.fromArray(S, t, th);
                        // chunk column by chunk column, the rows innermost (a long loop): the twin's order
                        for (int q = 0; q < g.chunks(); q++) {
                            int oj = q * CHUNK + v;
                            int lanes = wo - oj;
                            int xr = x0 + at[kk] + oj, xs = x0 + at[ke] + oj;
                            boolean whole = lanes >= L;
                            VectorMask<Float> m = IOTA.compare(VectorOperators.LT, (float) lanes); // dy = 0 past the row
                            for (int oi = 0, o = oj; oi < g.ho(); oi++, o += wo) {
                                FloatVector x = FloatVector.fromArray(S, xp, xr + oi * pw);
                                FloatVector z = FloatVector.fromArray(S, xp, xs + oi * pw);
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
                                sa = ya.fma(x, sa);
                                sb = yb.fma(x, sb);
                                sc = yc.fma(x, sc);
                                sd = yd.fma(x, sd);
                                se = ya.fma(z, se);
                                sf = yb.fma(z, sf);
                                sg = yc.fma(z, sg);
                                sh = yd.fma(z, sh);
                            }
                        }
                        sa.intoArray(t, ta);
                        sb.intoArray(t, tb);
                        sc.intoArray(t, tc);
                        sd.intoArray(t, td);
                        se.intoArray(t, te);
                        sf.intoArray(t, tf);
                        sg.intoArray(t, tg);
                        sh.intoArray(t, th);
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
