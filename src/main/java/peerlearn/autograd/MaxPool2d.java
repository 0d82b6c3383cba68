package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.Im2col;

/**
 * Max pooling over k×k windows with the given stride, no padding, floor rounding:
 * x: (N, C, H, W) → y: (N, C, Ho, Wo), Ho = (H − k)/stride + 1.
 * The forward pass records, for every output, the flat index of its maximum (the first one
 * in row-major order on ties, NaN wins as in PyTorch); backward adds dy there: dx[argmax] += dy.
 */
final class MaxPool2d {
    private MaxPool2d() {}

    static Var apply(Var x, int kernel, int stride) {
        Shapes.requireRank("maxPool2d", "x", x, 4);
        Shapes.requirePositive("maxPool2d", "kernel", kernel);
        Shapes.requirePositive("maxPool2d", "stride", stride);
        Tensor xv = x.value();
        int n = xv.dim(0), c = xv.dim(1), h = xv.dim(2), w = xv.dim(3);
        if (h < kernel || w < kernel) {
            throw new IllegalArgumentException("maxPool2d: kernel " + kernel + " larger than input "
                    + Shapes.str(x.shape()));
        }
        int ho = Im2col.outSize(h, kernel, stride, 0);
        int wo = Im2col.outSize(w, kernel, stride, 0);
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
