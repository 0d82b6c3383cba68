package peerlearn.autograd;

import peerlearn.tensor.Tensor;

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
        float inv = 1f / (kernel * kernel);
        float[] xd = xv.data();
        int xo = xv.offset();
        Tensor y = Tensor.zeros(n, c, ho, wo);
        float[] yd = y.data();
        for (int plane = 0, out = 0; plane < n * c; plane++) {
            for (int oi = 0; oi < ho; oi++) {
                for (int oj = 0; oj < wo; oj++, out++) {
                    int top = xo + plane * h * w + oi * stride * w + oj * stride;
                    float s = 0f;
                    for (int ki = 0; ki < kernel; ki++) {
                        for (int kj = 0; kj < kernel; kj++) {
                            s += xd[top + ki * w + kj];
                        }
                    }
                    yd[out] = s * inv;
                }
            }
        }
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            float[] dd = dx.data();
            int d0 = dx.offset();
            for (int plane = 0, out = 0; plane < n * c; plane++) {
                for (int oi = 0; oi < ho; oi++) {
                    for (int oj = 0; oj < wo; oj++, out++) {
                        int top = d0 + plane * h * w + oi * stride * w + oj * stride;
                        float share = g.at(out) * inv;
                        for (int ki = 0; ki < kernel; ki++) {
                            for (int kj = 0; kj < kernel; kj++) {
                                dd[top + ki * w + kj] += share;
                            }
                        }
                    }
                }
            }
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
