package peerlearn.tensor.kernel;

/**
 * Unfolds one image x: (C, H, W) into columns cols: (C·kh·kw, Ho·Wo) so that a convolution is one
 * GEMM, and folds columns back (adding overlaps) for the backward pass.
 * Ho = (H + 2·pad − kh)/stride + 1, likewise Wo.
 *
 * <p>Placeholder scalar bodies; the tuned kernels and their scalar twins replace them.
 */
public final class Im2col {
    private Im2col() {}

    public static int outSize(int in, int kernel, int stride, int pad) {
        return (in + 2 * pad - kernel) / stride + 1;
    }

    public static void im2col(float[] x, int xOff, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] cols, int colsOff) {
        int ho = outSize(h, kh, stride, pad);
        int wo = outSize(w, kw, stride, pad);
        int row = 0;
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++, row++) {
                    int base = colsOff + row * ho * wo;
                    for (int oi = 0; oi < ho; oi++) {
                        int ii = oi * stride - pad + ki;
                        for (int oj = 0; oj < wo; oj++) {
                            int jj = oj * stride - pad + kj;
                            cols[base + oi * wo + oj] = ii >= 0 && ii < h && jj >= 0 && jj < w
                                    ? x[xOff + (ci * h + ii) * w + jj] : 0f;
                        }
                    }
                }
            }
        }
    }

    /** dx ← dx + fold(cols): the adjoint of {@link #im2col}. */
    public static void col2im(float[] cols, int colsOff, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] dx, int dxOff) {
        int ho = outSize(h, kh, stride, pad);
        int wo = outSize(w, kw, stride, pad);
        int row = 0;
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++, row++) {
                    int base = colsOff + row * ho * wo;
                    for (int oi = 0; oi < ho; oi++) {
                        int ii = oi * stride - pad + ki;
                        if (ii < 0 || ii >= h) {
                            continue;
                        }
                        for (int oj = 0; oj < wo; oj++) {
                            int jj = oj * stride - pad + kj;
                            if (jj >= 0 && jj < w) {
                                dx[dxOff + (ci * h + ii) * w + jj] += cols[base + oi * wo + oj];
                            }
                        }
                    }
                }
            }
        }
    }
}
