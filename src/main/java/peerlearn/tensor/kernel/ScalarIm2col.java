package peerlearn.tensor.kernel;

/**
 * The scalar twin of {@link Im2col}: the textbook loops, element by element, over a batch
 * x: (N, C, H, W) and cols: (C·kh·kw, N·Ho·Wo). Row r = (c·kh + i)·kw + j of cols holds, for
 * every image n and output pixel (oi, oj), x[n, c, oi·stride − pad + i, oj·stride − pad + j]
 * (zero outside the image), at column n·Ho·Wo + oi·Wo + oj.
 */
final class ScalarIm2col {
    private ScalarIm2col() {}

    static void im2col(float[] x, int xOff, int n, int c, int h, int w, int kh, int kw, int stride, int pad,
                       float[] cols, int colsOff) {
        int ho = Im2col.outSize(h, kh, stride, pad);
        int wo = Im2col.outSize(w, kw, stride, pad);
        int ld = n * ho * wo;
        for (int img = 0; img < n; img++) {
            int row = 0;
            for (int ci = 0; ci < c; ci++) {
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++, row++) {
                        int base = colsOff + row * ld + img * ho * wo;
                        for (int oi = 0; oi < ho; oi++) {
                            int ii = oi * stride - pad + ki;
                            for (int oj = 0; oj < wo; oj++) {
                                int jj = oj * stride - pad + kj;
                                cols[base + oi * wo + oj] = ii >= 0 && ii < h && jj >= 0 && jj < w
                                        ? x[xOff + ((img * c + ci) * h + ii) * w + jj] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** dx ← dx + fold(cols); each dx element receives its terms in (kh, kw, oi, oj) order. */
    static void col2im(float[] cols, int colsOff, int n, int c, int h, int w, int kh, int kw, int stride, int pad,
                       float[] dx, int dxOff) {
        int ho = Im2col.outSize(h, kh, stride, pad);
        int wo = Im2col.outSize(w, kw, stride, pad);
        int ld = n * ho * wo;
        for (int img = 0; img < n; img++) {
            int row = 0;
            for (int ci = 0; ci < c; ci++) {
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++, row++) {
                        int base = colsOff + row * ld + img * ho * wo;
                        for (int oi = 0; oi < ho; oi++) {
                            int ii = oi * stride - pad + ki;
                            for (int oj = 0; oj < wo; oj++) {
                                int jj = oj * stride - pad + kj;
                                if (ii >= 0 && ii < h && jj >= 0 && jj < w) {
                                    dx[dxOff + ((img * c + ci) * h + ii) * w + jj] += cols[base + oi * wo + oj];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
