package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.Im2col;

/**
 * 2-D convolution (cross-correlation, as PyTorch), NCHW:
 * x: (N, C, H, W), w: (F, C, kh, kw), b: (F) or none → y: (N, F, Ho, Wo) with
 * Ho = (H + 2·pad − kh)/stride + 1, likewise Wo.
 *
 * <p>Per image n, with K = C·kh·kw and P = Ho·Wo: cols_n = im2col(x_n): (K, P) and
 * y_n = W·cols_n, a (F×K)·(K×P) GEMM that writes y_n in NCHW order directly. Backward:
 * dW += Σ_n dy_n·cols_nᵀ (GEMMs accumulating straight into W's gradient buffer),
 * dx_n = col2im(Wᵀ·dy_n), db_f = Σ_{n,p} dy[n,f,p]. The columns are kept for dW; a 1×1,
 * stride-1, unpadded convolution uses x itself as its columns.
 */
final class Conv2d {
    private Conv2d() {}

    static Var apply(Var x, Var w, Var b, int stride, int pad) {
        Shapes.requireRank("conv2d", "x", x, 4);
        Shapes.requireRank("conv2d", "weight", w, 4);
        Shapes.requirePositive("conv2d", "stride", stride);
        if (pad < 0) {
            throw new IllegalArgumentException("conv2d: padding must be ≥ 0, got " + pad);
        }
        Tensor xv = x.value();
        Tensor wv = w.value();
        int n = xv.dim(0), c = xv.dim(1), h = xv.dim(2), wd = xv.dim(3);
        int f = wv.dim(0), kh = wv.dim(2), kw = wv.dim(3);
        if (wv.dim(1) != c) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(x.shape()) + " has " + c
                    + " channels but weight " + Shapes.str(w.shape()) + " expects " + wv.dim(1));
        }
        if (b != null) {
            Shapes.requireVector("conv2d", "bias", b, f);
        }
        if (h + 2 * pad < kh || wd + 2 * pad < kw) {
            throw new IllegalArgumentException("conv2d: kernel " + kh + "×" + kw + " larger than padded input "
                    + Shapes.str(x.shape()) + " with padding " + pad);
        }
        int ho = Im2col.outSize(h, kh, stride, pad);
        int wo = Im2col.outSize(wd, kw, stride, pad);
        int k = c * kh * kw;
        int p = ho * wo;
        int chw = c * h * wd;
        boolean direct = kh == 1 && kw == 1 && stride == 1 && pad == 0;

        // cols: (N, K, P) — or x itself for a plain 1×1 convolution.
        float[] cols = direct ? xv.data() : new float[n * k * p];
        int colsBase = direct ? xv.offset() : 0;
        int colsStride = direct ? chw : k * p;
        Tensor y = Tensor.zeros(n, f, ho, wo);
        float[] yd = y.data();
        float[] wdat = wv.data();
        int wo0 = wv.offset();
        for (int i = 0; i < n; i++) {
            if (!direct) {
                Im2col.im2col(xv.data(), xv.offset() + i * chw, c, h, wd, kh, kw, stride, pad, cols, i * k * p);
            }
            Gemm.sgemm(false, false, f, p, k, 1f, wdat, wo0, k, cols, colsBase + i * colsStride, p,
                    0f, yd, i * f * p, p);
        }
        if (b != null) {
            Tensor bv = b.value();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f; j++) {
                    float bj = bv.at(j);
                    int base = (i * f + j) * p;
                    for (int q = 0; q < p; q++) {
                        yd[base + q] += bj;
                    }
                }
            }
        }
        return Var.op(y, g -> {
            float[] gd = g.data();
            int go = g.offset();
            if (b != null && b.requiresGrad()) {
                AddBias.addChannelSums(g, n, f, p, b.gradForUpdate());
            }
            if (w.requiresGrad()) { // dW (F×K) += dy_n (F×P) · cols_nᵀ (P×K)
                Tensor dw = w.gradForUpdate();
                for (int i = 0; i < n; i++) {
                    Gemm.sgemm(false, true, f, k, p, 1f, gd, go + i * f * p, p, cols, colsBase + i * colsStride, p,
                            1f, dw.data(), dw.offset(), k);
                }
            }
            if (x.requiresGrad()) { // dcols_n (K×P) = Wᵀ (K×F) · dy_n (F×P);  dx_n += col2im(dcols_n)
                Tensor dx = x.gradForUpdate();
                float[] dcols = direct ? null : new float[k * p];
                for (int i = 0; i < n; i++) {
                    if (direct) {
                        Gemm.sgemm(true, false, k, p, f, 1f, wdat, wo0, k, gd, go + i * f * p, p,
                                1f, dx.data(), dx.offset() + i * chw, p);
                    } else {
                        Gemm.sgemm(true, false, k, p, f, 1f, wdat, wo0, k, gd, go + i * f * p, p,
                                0f, dcols, 0, p);
                        Im2col.col2im(dcols, 0, c, h, wd, kh, kw, stride, pad, dx.data(), dx.offset() + i * chw);
                    }
                }
            }
        }, Shapes.parents(x, w, b));
    }
}
