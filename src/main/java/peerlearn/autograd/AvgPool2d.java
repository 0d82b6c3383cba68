package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.Pooling;

/**
 * Average pooling over k×k windows with the given stride, no padding, floor rounding:
 * x: (N, C, H, W) → y: (N, C, Ho, Wo), y = (1/k²)·Σ_window x. Backward: every x in a window
 * receives dy/k².
 */
final class AvgPool2d {
    private AvgPool2d() {}

    static Var apply(Var x, int kernel, int stride) {
        Shapes.Pool dims = Shapes.pool("avgPool2d", x, kernel, stride);
        int n = dims.n(), c = dims.c(), h = dims.h(), w = dims.w(), ho = dims.ho(), wo = dims.wo();
        Tensor xv = x.value();
        Tensor y = Tensor.zeros(n, c, ho, wo);
        Pooling.avgForward(xv.data(), xv.offset(), n * c, h, w, kernel, kernel, stride, y.data(), 0);
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            Pooling.avgBackward(g.data(), g.offset(), n * c, h, w, kernel, kernel, stride, dx.data(), dx.offset());
        }, x);
    }

    /** (N, C, H, W) → (N, C): the mean of each channel plane. dx = dy/(H·W) everywhere. */
    static Var global(Var x) {
        Shapes.requireRank("globalAvgPool", "x", x, 4);
        Tensor xv = x.value();
        int n = xv.dim(0), c = xv.dim(1), hw = xv.dim(2) * xv.dim(3);
        if (hw == 0) {
            throw new IllegalArgumentException("globalAvgPool of empty planes, x " + Shapes.str(x.shape()));
        }
        Tensor y = Tensor.zeros(n, c);
        float[] yd = y.data();
        for (int plane = 0; plane < n * c; plane++) {
            double s = 0;
            for (int q = 0; q < hw; q++) {
                s += xv.at(plane * hw + q);
            }
            yd[plane] = (float) (s / hw);
        }
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            float[] dd = dx.data();
            int d0 = dx.offset();
            for (int plane = 0; plane < n * c; plane++) {
                float share = g.at(plane) / hw;
                for (int q = 0; q < hw; q++) {
                    dd[d0 + plane * hw + q] += share;
                }
            }
        }, x);
    }
}
