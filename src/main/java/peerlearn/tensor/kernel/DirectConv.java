package peerlearn.tensor.kernel;

import java.util.Arrays;

/**
 * Stride-1 convolution of a batch straight from zero-padded images, with no column matrix: the
 * first layer of a small CNN, where C·kh·kw is small (25 on LeNet-5, 27 on cganet5) and the
 * images are large, so {@link Im2col}'s columns (2.5 MB per LeNet-5 batch of 32, more than L2)
 * cost more to write and read back than the products themselves, and their time depends on
 * what else the machine keeps in its shared L3.
 *
 * <p>Layout: x: (N, C, H, W) is first copied by {@link #pad} into planes of ph = H + 2·pad rows
 * of {@link #paddedWidth} floats, zero outside the image (the extra columns on the right let
 * every vector load of a row stay inside its plane). Let K = C·kh·kw and kk = (c·kh + i)·kw + j.
 *
 * <p>The bits, fixed by the scalar twin {@code ScalarDirectConv}:
 * <ul>
 * <li>{@link #forward}: y[n, f, oi, oj] is the fma chain s ← fma(w[f, kk], xp[n, c, oi + i, oj + j], s)
 * over kk = 0, 1, …, K − 1 from s = +0 — the order of {@link Gemm} over im2col's columns, padding
 * zeros included, so the two paths give the same bits;</li>
 * <li>{@link #weightGrad}: dW[f, kk] += Σ_{n, oi, oj} dy[n, f, oi, oj]·xp[n, c, oi + i, oj + j] in 16
 * float partial sums: each output row is cut into chunks of 16 columns (the last one filled up
 * with dy = 0 terms, whose xp values lie inside the padded plane), column oj = 16·q + r goes into
 * partial r, each partial the fma chain in increasing (n, q, oi) from +0 (image by image, chunk
 * column by chunk column, down the rows); then the fold and
 * epilogue of {@link RowDots} (α = β = 1). The order differs from RowDots over im2col's columns
 * (there the partial is the position in the flattened N·Ho·Wo mod 16), so the two differ in the
 * last bits, but not with the vector width or the machine.</li>
 * </ul>
 * The dy = 0 terms past a row's end meet real pixels: an infinite pixel there makes the partial
 * NaN (0·∞), where im2col's path would not add that term; finite inputs are unaffected.
 */
public final class DirectConv {
    private DirectConv() {}

    /** Columns per partial-sum chunk of an output row in {@link #weightGrad}. */
    static final int CHUNK = ScalarRowDots.PARTIALS;
    /** Output columns the forward kernel may compute at once (two 16-lane vectors); rows are padded to it. */
    static final int ROW_STEP = 2 * CHUNK;

    /** Whether a convolution is better done here than by im2col and GEMM: stride 1 and K ≤ 81. */
    public static boolean suits(int c, int kh, int kw, int stride) {
        return stride == 1 && (long) c * kh * kw <= 81;
    }

    /** The row length of a padded plane: room for whole steps of {@link #ROW_STEP} output columns. */
    public static int paddedWidth(int w, int kw, int pad) {
        int wo = w + 2 * pad - kw + 1;
        return Math.ceilDiv(wo, ROW_STEP) * ROW_STEP + kw - 1;
    }

    /** Floats of the padded copy of an (N, C, H, W) batch. */
    public static int paddedSize(int n, int c, int h, int w, int kw, int pad) {
        return Math.multiplyExact(n * c * (h + 2 * pad), paddedWidth(w, kw, pad));
    }

    /** Floats of the partial sums {@link #weightGrad} needs: 16 per weight. */
    public static int partialsSize(int f, int c, int kh, int kw) {
        return f * c * kh * kw * CHUNK;
    }

    /** xp (N, C, H + 2·pad, paddedWidth) ← x (N, C, H, W) at row pad, column pad, zero elsewhere. */
    public static void pad(float[] x, int xOff, int n, int c, int h, int w, int kw, int pad, float[] xp) {
        int ph = h + 2 * pad;
        int pw = paddedWidth(w, kw, pad);
        VectorOps.check(x, xOff, n * c * h * w, "image");
        VectorOps.check(xp, 0, paddedSize(n, c, h, w, kw, pad), "padded image");
        for (int plane = 0; plane < n * c; plane++) {
            int base = plane * ph * pw;
            Arrays.fill(xp, base, base + pad * pw, 0f);
            for (int r = 0; r < h; r++) {
                int row = base + (pad + r) * pw;
                Arrays.fill(xp, row, row + pad, 0f);
                System.arraycopy(x, xOff + (plane * h + r) * w, xp, row + pad, w);
                Arrays.fill(xp, row + pad + w, row + pw, 0f);
            }
            Arrays.fill(xp, base + (pad + h) * pw, base + ph * pw, 0f);
        }
    }

    /** y (N, F, Ho, Wo) ← conv(xp, w (F, C, kh, kw)), every element written; xp from {@link #pad}. */
    public static void forward(float[] xp, int n, int c, int h, int w, int kh, int kw, int pad,
                               float[] wt, int wOff, int f, float[] y, int yOff) {
        Geometry g = Geometry.of(n, c, h, w, kh, kw, pad, f);
        g.check(xp, wt, wOff);
        VectorOps.check(y, yOff, n * f * g.ho * g.wo, "output");
        Kernels.DIRECT_CONV.forward(g, xp, wt, wOff, y, yOff);
    }

    /**
     * dW (F, C, kh, kw) += the correlation of dy (N, F, Ho, Wo) with xp (from {@link #pad}), in the
     * order above; {@code partials} holds at least {@link #partialsSize} floats (overwritten), or is null.
     */
    public static void weightGrad(float[] xp, int n, int c, int h, int w, int kh, int kw, int pad,
                                  float[] dy, int dyOff, int f, float[] dw, int dwOff, float[] partials) {
        Geometry g = Geometry.of(n, c, h, w, kh, kw, pad, f);
        g.check(xp, dw, dwOff);
        VectorOps.check(dy, dyOff, n * f * g.ho * g.wo, "output gradient");
        int size = partialsSize(f, c, kh, kw);
        float[] t = partials == null ? new float[size] : partials;
        VectorOps.check(t, 0, size, "partials");
        Arrays.fill(t, 0, size, 0f);
        Kernels.DIRECT_CONV.weightPartials(g, xp, dy, dyOff, t);
        for (int i = 0; i < f * g.k; i++) {
            dw[dwOff + i] = ScalarGemm.finish(ScalarRowDots.fold(t, i * CHUNK), 1f, 1f, dw[dwOff + i]);
        }
    }

    /**
     * One batch's geometry: ph × pw padded planes, K = C·kh·kw weights per filter, Ho × Wo outputs,
     * and the chunks of 16 columns per output row.
     */
    record Geometry(int n, int c, int kh, int kw, int f, int ph, int pw, int k, int ho, int wo, int chunks) {
        static Geometry of(int n, int c, int h, int w, int kh, int kw, int pad, int f) {
            if (n < 0 || c < 1 || h < 1 || w < 1 || kh < 1 || kw < 1 || pad < 0 || f < 1
                    || h + 2 * pad < kh || w + 2 * pad < kw) {
                throw new IllegalArgumentException("direct conv: bad geometry n=" + n + " c=" + c + " h=" + h + " w=" + w
                        + " kernel=" + kh + "×" + kw + " pad=" + pad + " filters=" + f);
            }
            int ho = h + 2 * pad - kh + 1, wo = w + 2 * pad - kw + 1;
            return new Geometry(n, c, kh, kw, f, h + 2 * pad, paddedWidth(w, kw, pad), c * kh * kw, ho, wo,
                    Math.ceilDiv(wo, CHUNK));
        }

        private void check(float[] xp, float[] wt, int wOff) {
            VectorOps.check(xp, 0, Math.multiplyExact(n * c * ph, pw), "padded image");
            VectorOps.check(wt, wOff, f * k, "weights");
        }

        /** Start of row r of plane (img, ci) in the padded images. */
        int row(int img, int ci, int r) {
            return ((img * c + ci) * ph + r) * pw;
        }

        /** Start of output row oi of plane (img, fi). */
        int out(int img, int fi, int oi) {
            return ((img * f + fi) * ho + oi) * wo;
        }
    }
}
