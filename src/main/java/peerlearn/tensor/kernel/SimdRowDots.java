package peerlearn.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDots#abt} on the Vector API; twin of {@link ScalarRowDots}. The 16 partial sums of one
 * element are one 512-bit vector, or two 256-bit ones (lanes 0–7 and 8–15), so the bits do not
 * depend on the width. The vector loops run over the first k − k mod 16 elements of the rows; the
 * partials are then stored, and the tail (element p into partial p mod 16), the fold and the
 * epilogue run in scalar code, as in the twin.
 *
 * <p>Tiles: with 512-bit vectors and C at least 4 × 6, 4 rows of A against 6 rows of B (24 sums,
 * 10 loads per 24 fma, 31 of the 32 registers with each row of A loaded where it is used). On
 * the Intel Xeon core of theory/autograd.md the loads, not the fma units, bound this kernel, and
 * against the 4 × 4 tile it replaced (8 loads per 16 fma) it ran the layers' weight gradients
 * about 8% faster. Otherwise one row against 4 rows (or one against one). Where m or n is not a
 * multiple of its tile side the last tile is moved back to overlap the one before, and only the
 * elements it has not written yet are written: every element
 * is a function of its two rows alone, so recomputing it changes nothing. The k-range is cut into
 * blocks of {@link #KC}; every tile's partials are parked between blocks. Neither the blocks nor
 * the order in which tiles meet changes the order of any element's additions.
 */
final class SimdRowDots implements RowDotKernel {
    private static final VectorSpecies<Float> W = FloatVector.SPECIES_512;
    private static final VectorSpecies<Float> H = FloatVector.SPECIES_256;
    private static final int P = ScalarRowDots.PARTIALS;
    private static final int T = 4;
    /** Rows of B in the wide tile (4 × 6: 24 sums, 6 + 1 live loads, 10 loads per 24 fma). */
    private static final int SIX = 6;
    /**
     * Elements of the rows per k-block: a block of B's rows (n·2 KiB) and the parked partials stay
     * in L2 while A's rows sweep past them, instead of streaming all of B from memory once per four
     * rows of A (cganet5's second layer has B = 288 rows of 32,768).
     */
    private static final int KC = 512;

    private final boolean wide;

    /** @param bits 512 (one vector per element) or 256 (two) */
    SimdRowDots(int bits) {
        if (bits != 512 && bits != 256) {
            throw new IllegalArgumentException("row dots: 512- or 256-bit vectors, got " + bits);
        }
        this.wide = bits == 512;
    }

    @Override
    public void abt(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc, GemmWorkspace ws) {
        if (m == 0 || n == 0) {
            return;
        }
        int kb = k - k % P;
        // The tile grid: tr×tc tiles of sr×sc elements (the last row and column of tiles moved back
        // to overlap the one before); the partials of tile (u, v), element (r, q), at
        // t[((u·tc + v)·sr·sc + r·sc + q)·16 …], carried from one k-block to the next.
        boolean six = wide && m >= T && n >= SIX;
        int sr = six || (n < T && m >= T) ? T : 1;
        int sc = six ? SIX : n >= T ? T : 1;
        int tr = sr > 1 ? (m + sr - 1) / sr : m;
        int tc = sc > 1 ? (n + sc - 1) / sc : n;
        int tile = sr * sc * P;
        float[] t = ws == null ? new float[tr * tc * tile] : ws.rowDotPartials(tr * tc * tile);
        if (ws != null) {
            java.util.Arrays.fill(t, 0, tr * tc * tile, 0f); // the first k-block adds to them
        }
        // Within a k-block the tiles of one row of tiles of the larger operand (its rows' block
        // slice stays in L1) meet every tile of the smaller one, whose whole block is read again
        // from L2 for each. The other way round, cganet5's dW (A = 32 rows, B = 288 rows of
        // 32,768) read B's 576 KiB block 32 times, from L3 wherever L2 is 512 KiB.
        boolean aInner = m <= n;
        int outer = aInner ? tc : tr, inner = aInner ? tr : tc;
        for (int p0 = 0; p0 < kb; p0 += KC) {
            int p1 = Math.min(kb, p0 + KC);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int u = aInner ? i : o, v = aInner ? o : i;
                    int ai = aOff + (sr > 1 ? Math.min(u * sr, m - sr) : u) * lda;
                    int bj = bOff + (sc > 1 ? Math.min(v * sc, n - sc) : v) * ldb;
                    int ti = (u * tc + v) * tile;
                    if (six) {
                        tile4x6(a, ai, lda, b, bj, ldb, p0, p1, t, ti);
                    } else if (sc == T) {
                        oneAgainstFour(a, ai, b, bj, ldb, p0, p1, t, ti);
                    } else if (sr == T) {
                        oneAgainstFour(b, bj, a, ai, lda, p0, p1, t, ti);
                    } else {
                        oneAgainstOne(a, ai, b, bj, p0, p1, t, ti);
                    }
                }
            }
        }
        // The scalar end of every element, once: its tail, the fold and the epilogue.
        for (int u = 0; u < tr; u++) {
            int i0 = sr > 1 ? Math.min(u * sr, m - sr) : u;
            for (int v = 0; v < tc; v++) {
                int j0 = sc > 1 ? Math.min(v * sc, n - sc) : v;
                for (int r = sr > 1 ? u * sr - i0 : 0; r < sr; r++) {
                    for (int q = sc > 1 ? v * sc - j0 : 0; q < sc; q++) {
                        int s = (u * tc + v) * tile + (r * sc + q) * P;
                        int ai = aOff + (i0 + r) * lda;
                        int bj = bOff + (j0 + q) * ldb;
                        for (int p = kb; p < k; p++) {
                            t[s + p - kb] = Math.fma(a[ai + p], b[bj + p], t[s + p - kb]);
                        }
                        int ci = cOff + (i0 + r) * ldc + j0 + q;
                        c[ci] = ScalarGemm.finish(ScalarRowDots.fold(t, s), alpha, beta, c[ci]);
                    }
                }
            }
        }
    }

    /**
     * 512-bit vectors: advances the partials of rows x0..x3 against y0..y5, parked x-major at
     * t[ti …], over p0 ≤ p < p1: per step six loads of y, then each row of x loaded and used at once.
     */
    private static void tile4x6(float[] x, int x0, int ldx, float[] y, int y0, int ldy, int p0, int p1,
                                float[] t, int ti) {
        int x1 = x0 + ldx, x2 = x1 + ldx, x3 = x2 + ldx;
        int y1 = y0 + ldy, y2 = y1 + ldy, y3 = y2 + ldy, y4 = y3 + ldy, y5 = y4 + ldy;
        FloatVector s00 = FloatVector.fromArray(W, t, ti);
        FloatVector s01 = FloatVector.fromArray(W, t, ti + P);
        FloatVector s02 = FloatVector.fromArray(W, t, ti + 2 * P);
        FloatVector s03 = FloatVector.fromArray(W, t, ti + 3 * P);
        FloatVector s04 = FloatVector.fromArray(W, t, ti + 4 * P);
        FloatVector s05 = FloatVector.fromArray(W, t, ti + 5 * P);
        FloatVector s10 = FloatVector.fromArray(W, t, ti + 6 * P);
        FloatVector s11 = FloatVector.fromArray(W, t, ti + 7 * P);
        FloatVector s12 = FloatVector.fromArray(W, t, ti + 8 * P);
        FloatVector s13 = FloatVector.fromArray(W, t, ti + 9 * P);
        FloatVector s14 = FloatVector.fromArray(W, t, ti + 10 * P);
        FloatVector s15 = FloatVector.fromArray(W, t, ti + 11 * P);
        FloatVector s20 = FloatVector.fromArray(W, t, ti + 12 * P);
        FloatVector s21 = FloatVector.fromArray(W, t, ti + 13 * P);
        FloatVector s22 = FloatVector.fromArray(W, t, ti + 14 * P);
        FloatVector s23 = FloatVector.fromArray(W, t, ti + 15 * P);
        FloatVector s24 = FloatVector.fromArray(W, t, ti + 16 * P);
        FloatVector s25 = FloatVector.fromArray(W, t, ti + 17 * P);
        FloatVector s30 = FloatVector.fromArray(W, t, ti + 18 * P);
        FloatVector s31 = FloatVector.fromArray(W, t, ti + 19 * P);
        FloatVector s32 = FloatVector.fromArray(W, t, ti + 20 * P);
        FloatVector s33 = FloatVector.fromArray(W, t, ti + 21 * P);
        FloatVector s34 = FloatVector.fromArray(W, t, ti + 22 * P);
        FloatVector s35 = FloatVector.fromArray(W, t, ti + 23 * P);
        for (int p = p0; p < p1; p += P) {
            FloatVector b0 = FloatVector.fromArray(W, y, y0 + p);
            FloatVector b1 = FloatVector.fromArray(W, y, y1 + p);
            FloatVector b2 = FloatVector.fromArray(W, y, y2 + p);
            FloatVector b3 = FloatVector.fromArray(W, y, y3 + p);
            FloatVector b4 = FloatVector.fromArray(W, y, y4 + p);
            FloatVector b5 = FloatVector.fromArray(W, y, y5 + p);
            FloatVector a = FloatVector.fromArray(W, x, x0 + p);
            s00 = a.fma(b0, s00);
            s01 = a.fma(b1, s01);
            s02 = a.fma(b2, s02);
            s03 = a.fma(b3, s03);
            s04 = a.fma(b4, s04);
            s05 = a.fma(b5, s05);
            a = FloatVector.fromArray(W, x, x1 + p);
            s10 = a.fma(b0, s10);
            s11 = a.fma(b1, s11);
            s12 = a.fma(b2, s12);
            s13 = a.fma(b3, s13);
            s14 = a.fma(b4, s14);
            s15 = a.fma(b5, s15);
            a = FloatVector.fromArray(W, x, x2 + p);
            s20 = a.fma(b0, s20);
            s21 = a.fma(b1, s21);
            s22 = a.fma(b2, s22);
            s23 = a.fma(b3, s23);
            s24 = a.fma(b4, s24);
            s25 = a.fma(b5, s25);
            a = FloatVector.fromArray(W, x, x3 + p);
            s30 = a.fma(b0, s30);
            s31 = a.fma(b1, s31);
            s32 = a.fma(b2, s32);
            s33 = a.fma(b3, s33);
            s34 = a.fma(b4, s34);
            s35 = a.fma(b5, s35);
        }
        s00.intoArray(t, ti);
        s01.intoArray(t, ti + P);
        s02.intoArray(t, ti + 2 * P);
        s03.intoArray(t, ti + 3 * P);
        s04.intoArray(t, ti + 4 * P);
        s05.intoArray(t, ti + 5 * P);
        s10.intoArray(t, ti + 6 * P);
        s11.intoArray(t, ti + 7 * P);
        s12.intoArray(t, ti + 8 * P);
        s13.intoArray(t, ti + 9 * P);
        s14.intoArray(t, ti + 10 * P);
        s15.intoArray(t, ti + 11 * P);
        s20.intoArray(t, ti + 12 * P);
        s21.intoArray(t, ti + 13 * P);
        s22.intoArray(t, ti + 14 * P);
        s23.intoArray(t, ti + 15 * P);
        s24.intoArray(t, ti + 16 * P);
        s25.intoArray(t, ti + 17 * P);
        s30.intoArray(t, ti + 18 * P);
        s31.intoArray(t, ti + 19 * P);
        s32.intoArray(t, ti + 20 * P);
        s33.intoArray(t, ti + 21 * P);
        s34.intoArray(t, ti + 22 * P);
        s35.intoArray(t, ti + 23 * P);
    }

    /**
     * Advances the partials of row x (at x0) against rows y0..y3 (ldy apart), parked at t[ti …],
     * t[ti + 16 …], …, over p0 ≤ p < p1.
     */
    private void oneAgainstFour(float[] x, int x0, float[] y, int y0, int ldy, int p0, int p1, float[] t, int ti) {
        int y1 = y0 + ldy, y2 = y1 + ldy, y3 = y2 + ldy;
        if (wide) {
            FloatVector s0 = FloatVector.fromArray(W, t, ti);
            FloatVector s1 = FloatVector.fromArray(W, t, ti + P);
            FloatVector s2 = FloatVector.fromArray(W, t, ti + 2 * P);
            FloatVector s3 = FloatVector.fromArray(W, t, ti + 3 * P);
            for (int p = p0; p < p1; p += P) {
                FloatVector a = FloatVector.fromArray(W, x, x0 + p);
                s0 = a.fma(FloatVector.fromArray(W, y, y0 + p), s0);
                s1 = a.fma(FloatVector.fromArray(W, y, y1 + p), s1);
                s2 = a.fma(FloatVector.fromArray(W, y, y2 + p), s2);
                s3 = a.fma(FloatVector.fromArray(W, y, y3 + p), s3);
            }
            s0.intoArray(t, ti);
            s1.intoArray(t, ti + P);
            s2.intoArray(t, ti + 2 * P);
            s3.intoArray(t, ti + 3 * P);
        } else {
            int l = P / 2;
            FloatVector s0 = FloatVector.fromArray(H, t, ti);
            FloatVector u0 = FloatVector.fromArray(H, t, ti + l);
            FloatVector s1 = FloatVector.fromArray(H, t, ti + P);
            FloatVector u1 = FloatVector.fromArray(H, t, ti + P + l);
            FloatVector s2 = FloatVector.fromArray(H, t, ti + 2 * P);
            FloatVector u2 = FloatVector.fromArray(H, t, ti + 2 * P + l);
            FloatVector s3 = FloatVector.fromArray(H, t, ti + 3 * P);
            FloatVector u3 = FloatVector.fromArray(H, t, ti + 3 * P + l);
            for (int p = p0; p < p1; p += P) {
                FloatVector a = FloatVector.fromArray(H, x, x0 + p);
                FloatVector ah = FloatVector.fromArray(H, x, x0 + p + l);
                s0 = a.fma(FloatVector.fromArray(H, y, y0 + p), s0);
                u0 = ah.fma(FloatVector.fromArray(H, y, y0 + p + l), u0);
                s1 = a.fma(FloatVector.fromArray(H, y, y1 + p), s1);
                u1 = ah.fma(FloatVector.fromArray(H, y, y1 + p + l), u1);
                s2 = a.fma(FloatVector.fromArray(H, y, y2 + p), s2);
                u2 = ah.fma(FloatVector.fromArray(H, y, y2 + p + l), u2);
                s3 = a.fma(FloatVector.fromArray(H, y, y3 + p), s3);
                u3 = ah.fma(FloatVector.fromArray(H, y, y3 + p + l), u3);
            }
            s0.intoArray(t, ti);
            u0.intoArray(t, ti + l);
            s1.intoArray(t, ti + P);
            u1.intoArray(t, ti + P + l);
            s2.intoArray(t, ti + 2 * P);
            u2.intoArray(t, ti + 2 * P + l);
            s3.intoArray(t, ti + 3 * P);
            u3.intoArray(t, ti + 3 * P + l);
        }
    }

    /** Advances the partials of row x (at x0) against row y (at y0), parked at t[ti … ti + 16), over p0 ≤ p < p1. */
    private void oneAgainstOne(float[] x, int x0, float[] y, int y0, int p0, int p1, float[] t, int ti) {
        if (wide) {
            FloatVector s = FloatVector.fromArray(W, t, ti);
            for (int p = p0; p < p1; p += P) {
                s = FloatVector.fromArray(W, x, x0 + p).fma(FloatVector.fromArray(W, y, y0 + p), s);
            }
            s.intoArray(t, ti);
        } else {
            int l = P / 2;
            FloatVector s = FloatVector.fromArray(H, t, ti);
            FloatVector u = FloatVector.fromArray(H, t, ti + l);
            for (int p = p0; p < p1; p += P) {
                s = FloatVector.fromArray(H, x, x0 + p).fma(FloatVector.fromArray(H, y, y0 + p), s);
                u = FloatVector.fromArray(H, x, x0 + p + l).fma(FloatVector.fromArray(H, y, y0 + p + l), u);
            }
            s.intoArray(t, ti);
            u.intoArray(t, ti + l);
        }
    }
}
