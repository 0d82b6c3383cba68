package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * Max pooling over k×k windows with the given stride, no padding, floor rounding:
 * x: (N, C, H, W) → y: (N, C, Ho, Wo), Ho = (H − k)/stride + 1.
 * The forward pass records, for every output, the flat index of its maximum (the first one
 * in row-major order on ties, NaN wins as in PyTorch); backward adds dy there: dx[argmax] += dy.
 */
final class MaxPool2d {
    private MaxPool2d() {}

    static Var apply(Var x, int kernel, int stride) {
        Shapes.Pool dims = Shapes.pool("maxPool2d", x, kernel, stride);
        int n = dims.n(), c = dims.c(), h = dims.h(), w = dims.w(), ho = dims.ho(), wo = dims.wo();
        Tensor xv = x.value();
        float[] xd = xv.data();
        int xo = xv.offset();
        Tensor y = Tensor.zeros(n, c, ho, wo);
        float[] yd = y.data();
        int[] argmax = new int[yd.length];
        int out = 0;
        for (int plane = 0; plane < n * c; plane++) {
            int base = plane * h * w;
            for (int oi = 0; oi < ho; oi++) {
                for (int oj = 0; oj < wo; oj++, out++) {
                    int top = base + oi * stride * w + oj * stride;
                    int best = top;
                    float max = xd[xo + top];
                    for (int ki = 0; ki < kernel; ki++) {
                        int row = top + ki * w;
                        for (int kj = 0; kj < kernel; kj++) {
                            float v = xd[xo + row + kj];
                            if (v > max || (Float.isNaN(v) && !Float.isNaN(max))) {
                                max = v;
                                best = row + kj;
                            }
                        }
                    }
                    yd[out] = max;
                    argmax[out] = best;
                }
            }
        }
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            float[] dd = dx.data();
            int d0 = dx.offset();
            float[] gd = g.data();
            int go = g.offset();
            for (int i = 0; i < argmax.length; i++) {
                dd[d0 + argmax[i]] += gd[go + i];
            }
        }, x);
    }
}
