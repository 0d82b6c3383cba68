package peerlearn.tensor.kernel;

import java.util.Arrays;

/**
 * Unfolds images into columns so that a convolution is one GEMM, and folds columns back (adding
 * overlaps) for the backward pass. Ho = (H + 2·pad − kh)/stride + 1, likewise Wo.
 *
 * <p>Batched layout: x: (N, C, H, W) unfolds to cols: (C·kh·kw, N·Ho·Wo); row (c, i, j) holds
 * x[n, c, oi·stride − pad + i, oj·stride − pad + j] (zero outside the image) at column
 * n·Ho·Wo + oi·Wo + oj. A whole batch's forward is then one product
 * y' (Cout, N·Ho·Wo) = W (Cout, C·kh·kw) · cols, and {@link VectorOps#swapLeadingAxes} turns
 * y' (Cout, N, Ho·Wo) into y (N, Cout, Ho·Wo). Alternatively, per image n, one product
 * y_n = W · cols[:, n·Ho·Wo …] with {@code ldb = N·Ho·Wo} writes NCHW directly. The backward:
 * dW += dy' · colsᵀ and dcols = Wᵀ · dy', then {@link #col2imBatch} adds dcols into dx.
 * The single-image methods are the batched ones with N = 1.
 *
 * <p>These are copies and additions, not arithmetic to reorder: col2im adds each dx element's terms in the
 * same order as the textbook loops of the twin {@code ScalarIm2col}, so the two agree bit for bit.
 */
public final class Im2col {
    private Im2col() {}

    public static int outSize(int in, int kernel, int stride, int pad) {
        return (in + 2 * pad - kernel) / stride + 1;
    }

    /** cols: (C·kh·kw, Ho·Wo) ← unfold(x: (C, H, W)). */
    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] cols, int colsOff) {
        im2colBatch(x, xOff, 1, c, h, w, kh, kw, stride, pad, cols, colsOff);
    }

    /** dx: (C, H, W) ← dx + fold(cols: (C·kh·kw, Ho·Wo)): the adjoint of {@link #im2col}. */
    public static void col2im(float[] cols, int colsOff, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] dx, int dxOff) {
        col2imBatch(cols, colsOff, 1, c, h, w, kh, kw, stride, pad, dx, dxOff);
    }

    /** cols: (C·kh·kw, N·Ho·Wo) ← unfold(x: (N, C, H, W)). */
    public static void im2colBatch(float[] x, int xOff, int n, int c, int h, int w, int kh, int kw,
                                   int stride, int pad, float[] cols, int colsOff) {
        int ho = outSize(h, kh, stride, pad);
        int wo = outSize(w, kw, stride, pad);
        check(x, xOff, cols, colsOff, n, c, h, w, kh, kw, stride, pad, ho, wo);
        int ld = n * ho * wo;
        int row = 0;
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++, row++) {
                    // Output columns oj whose input column jj = oj·stride − pad + kj lies in [0, w).
                    int lo = Math.min(wo, ceilDiv(Math.max(0, pad - kj), stride));
                    int hi = Math.max(lo, Math.min(wo, ceilDiv(w + pad - kj, stride)));
                    // Output rows oi whose input row ii = oi·stride − pad + ki lies in [0, h).
                    int rlo = Math.min(ho, ceilDiv(Math.max(0, pad - ki), stride));
                    int rhi = Math.max(rlo, Math.min(ho, ceilDiv(h + pad - ki, stride)));
                    for (int img = 0; img < n; img++) {
                        int base = colsOff + row * ld + img * ho * wo;
                        int plane = xOff + (img * c + ci) * h * w;
                        Arrays.fill(cols, base, base + rlo * wo, 0f);
                        Arrays.fill(cols, base + rhi * wo, base + ho * wo, 0f);
                        for (int oi = rlo; oi < rhi; oi++) {
                            int dst = base + oi * wo;
                            for (int oj = 0; oj < lo; oj++) {
                                cols[dst + oj] = 0f;
                            }
                            for (int oj = hi; oj < wo; oj++) {
                                cols[dst + oj] = 0f;
                            }
                        }
                        if (stride == 1) { // the rows in one call: they are short (10–28 on small CNNs)
                            Kernels.OPS.copyRows(x, plane + (rlo - pad + ki) * w - pad + kj + lo, w,
                                    cols, base + rlo * wo + lo, wo, rhi - rlo, hi - lo);
                            continue;
                        }
                        for (int oi = rlo; oi < rhi; oi++) {
                            int src = plane + (oi * stride - pad + ki) * w - pad + kj;
                            int dst = base + oi * wo;
                            for (int oj = lo; oj < hi; oj++) {
                                cols[dst + oj] = x[src + oj * stride];
                            }
                        }
                    }
                }
            }
        }
    }

    /** dx: (N, C, H, W) ← dx + fold(cols: (C·kh·kw, N·Ho·Wo)): the adjoint of {@link #im2colBatch}. */
    public static void col2imBatch(float[] cols, int colsOff, int n, int c, int h, int w, int kh, int kw,
                                   int stride, int pad, float[] dx, int dxOff) {
        int ho = outSize(h, kh, stride, pad);
        int wo = outSize(w, kw, stride, pad);
        check(dx, dxOff, cols, colsOff, n, c, h, w, kh, kw, stride, pad, ho, wo);
        int ld = n * ho * wo;
        for (int img = 0; img < n; img++) {
            int row = 0;
            for (int ci = 0; ci < c; ci++) {
                int plane = dxOff + (img * c + ci) * h * w;
                if (stride == 1) { // per kernel row, its kw shifted rows folded at once
                    // out row of output row oi: dx row oi − pad + ki from column −pad; its element
                    // q = oj + kj is dx column q − pad, kept where 0 ≤ q − pad < w
                    int qhi = Math.min(pad + w, wo + kw - 1);
                    for (int ki = 0; ki < kh; ki++, row += kw) {
                        int rlo = Math.min(ho, Math.max(0, pad - ki));
                        int rhi = Math.max(rlo, Math.min(ho, h + pad - ki));
                        Kernels.OPS.addShiftedRows(cols, colsOff + row * ld + img * ho * wo + rlo * wo, ld, wo, kw,
                                dx, plane + (rlo - pad + ki) * w - pad, w, rhi - rlo, wo, pad, qhi);
                    }
                    continue;
                }
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++, row++) {
                        int lo = Math.min(wo, ceilDiv(Math.max(0, pad - kj), stride));
                        int hi = Math.max(lo, Math.min(wo, ceilDiv(w + pad - kj, stride)));
                        int base = colsOff + row * ld + img * ho * wo;
                        int rlo = Math.min(ho, ceilDiv(Math.max(0, pad - ki), stride));
                        int rhi = Math.max(rlo, Math.min(ho, ceilDiv(h + pad - ki, stride)));
                        if (stride == 1) { // each dx element gets at most one term per (ki, kj): rows at once
                            if (rhi > rlo && hi > lo) {
                                Kernels.OPS.addRows(cols, base + rlo * wo + lo, wo,
                                        dx, plane + (rlo - pad + ki) * w - pad + kj + lo, w, rhi - rlo, hi - lo);
                            }
                            continue;
                        }
                        for (int oi = rlo; oi < rhi; oi++) {
                            int dst = plane + (oi * stride - pad + ki) * w - pad + kj;
                            int src = base + oi * wo;
                            for (int oj = lo; oj < hi; oj++) {
                                dx[dst + oj * stride] += cols[src + oj];
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return Math.ceilDiv(a, b);
    }

    private static void check(float[] x, int xOff, float[] cols, int colsOff, int n, int c, int h, int w,
                              int kh, int kw, int stride, int pad, int ho, int wo) {
        if (n < 0 || c < 0 || h < 0 || w < 0 || kh < 1 || kw < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("im2col: bad geometry n=" + n + " c=" + c + " h=" + h + " w=" + w
                    + " kernel=" + kh + "×" + kw + " stride=" + stride + " pad=" + pad);
        }
        if (ho < 1 || wo < 1) {
            throw new IllegalArgumentException("im2col: kernel " + kh + "×" + kw + " does not fit a " + h + "×" + w
                    + " image with padding " + pad);
        }
        long images = (long) n * c * h * w;
        long colsSize = (long) c * kh * kw * n * ho * wo;
        if (images > Integer.MAX_VALUE || colsSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("im2col: batch too large: " + images + " inputs, " + colsSize + " columns");
        }
        VectorOps.check(x, xOff, (int) images, "image");
        VectorOps.check(cols, colsOff, (int) colsSize, "cols");
    }
}
