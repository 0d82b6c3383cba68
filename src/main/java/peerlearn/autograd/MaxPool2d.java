package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.MaxPool2x2;
import peerlearn.tensor.kernel.Pooling;

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
        Tensor y = Scratch.uninitialized(x.scratch(), n, c, ho, wo);
        int[] argmax = x.scratch() == null ? new int[y.size()] : x.scratch().ints(y.size());
        if (kernel == 2 && stride == 2) {
            MaxPool2x2.forward(xv.data(), xv.offset(), n * c, h, w, y.data(), 0, argmax, 0);
        } else {
            Pooling.maxForward(xv.data(), xv.offset(), n * c, h, w, kernel, kernel, stride, y.data(), 0, argmax, 0);
        }
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            Pooling.maxBackward(g.data(), g.offset(), argmax, 0, y.size(), dx.data(), dx.offset());
        }, x);
    }
}
