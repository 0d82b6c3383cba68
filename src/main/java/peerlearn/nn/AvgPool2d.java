package peerlearn.nn;

import peerlearn.autograd.Var;
import peerlearn.tensor.Tensor;

/**
 * Average pooling over k×k windows with stride s, no padding: (N, C, H, W) → (N, C, Ho, Wo),
 * Ho = (H − k)/s + 1. With k = H = W and s = 1 it is global average pooling ({@link #global()}),
 * whose output is flattened to (N, C). Backward spreads dy/k² over each window.
 */
public final class AvgPool2d implements Module {
    private final int kernel;
    private final int stride;
    private final boolean global;

    public AvgPool2d(int kernel, int stride) {
        if (kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("average pooling needs positive kernel and stride, got " + kernel + ", " + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.global = false;
    }

    private AvgPool2d() {
        this.kernel = 0;
        this.stride = 1;
        this.global = true;
    }

    /** Mean over all positions of each channel: (N, C, H, W) → (N, C). */
    public static AvgPool2d global() {
        return new AvgPool2d();
    }

    @Override
    public Var forward(Var x, Forward f) {
        Tensor xv = x.value();
        if (xv.rank() != 4) {
            throw new IllegalArgumentException("average pooling needs (N, C, H, W), got " + java.util.Arrays.toString(xv.shape()));
        }
        int n = xv.dim(0), c = xv.dim(1), h = xv.dim(2), w = xv.dim(3);
        int kh = global ? h : kernel;
        int kw = global ? w : kernel;
        if (kh > h || kw > w) {
            throw new IllegalArgumentException("pooling window " + kh + "×" + kw + " larger than input " + java.util.Arrays.toString(xv.shape()));
        }
        int ho = (h - kh) / stride + 1;
        int wo = (w - kw) / stride + 1;
        float scale = 1f / (kh * kw);
        Tensor y = global ? Tensor.zeros(n, c) : Tensor.zeros(n, c, ho, wo);
        float[] yd = y.data();
        float[] xd = xv.data();
        int xo = xv.offset();
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    float s = 0;
                    for (int a = 0; a < kh; a++) {
                        for (int b = 0; b < kw; b++) {
                            s += xd[xo + (p * h + i * stride + a) * w + j * stride + b];
                        }
                    }
                    yd[(p * ho + i) * wo + j] = s * scale;
                }
            }
        }
        return Var.op(y, dy -> {
            Tensor dx = x.gradForUpdate();
            float[] dxd = dx.data();
            int dxo = dx.offset();
            for (int p = 0; p < n * c; p++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        float g = dy.at((p * ho + i) * wo + j) * scale;
                        for (int a = 0; a < kh; a++) {
                            for (int b = 0; b < kw; b++) {
                                dxd[dxo + (p * h + i * stride + a) * w + j * stride + b] += g;
                            }
                        }
                    }
                }
            }
        }, x);
    }
}
