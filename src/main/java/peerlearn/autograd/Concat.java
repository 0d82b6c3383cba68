package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * Concatenation along an axis, and its adjoint, slicing. Viewing each tensor as
 * (outer, d_axis, inner) — outer the product of the dimensions before the axis, inner of those
 * after — both move contiguous runs of d·inner floats; backward moves them the other way.
 */
final class Concat {
    private Concat() {}

    static Var concat(int axis, Var... xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("concat of no tensors");
        }
        int[] shape = xs[0].shape();
        int a = Shapes.axis("concat", axis, shape.length);
        int total = 0;
        for (Var x : xs) {
            int[] s = x.shape();
            boolean ok = s.length == shape.length;
            for (int i = 0; ok && i < s.length; i++) {
                ok = i == a || s[i] == shape[i];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat along axis " + a + ": shapes " + Shapes.str(shape)
                        + " and " + Shapes.str(s) + " differ off that axis");
            }
            total += s[a];
        }
        int outer = Shapes.product(shape, 0, a);
        int inner = Shapes.product(shape, a + 1, shape.length);
        int[] outShape = shape.clone();
        outShape[a] = total;
        Tensor y = Tensor.zeros(outShape);
        int rowLen = total * inner;
        int at = 0;
        for (Var x : xs) {
            int run = x.value().dim(a) * inner;
            Tensor xv = x.value();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(xv.data(), xv.offset() + o * run, y.data(), o * rowLen + at, run);
            }
            at += run;
        }
        return Var.op(y, g -> {
            int from = 0;
            for (Var x : xs) {
                int run = x.value().dim(a) * inner;
                if (x.requiresGrad()) {
                    addRuns(g.data(), g.offset() + from, rowLen, x.gradForUpdate(), run, outer);
                }
                from += run;
            }
        }, xs);
    }

    /** The elements with index in [from, to) along the axis. */
    static Var slice(Var x, int axis, int from, int to) {
        int[] shape = x.shape();
        int a = Shapes.axis("slice", axis, shape.length);
        if (from < 0 || to < from || to > shape[a]) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") out of range for axis " + a
                    + " of shape " + Shapes.str(shape));
        }
        int outer = Shapes.product(shape, 0, a);
        int inner = Shapes.product(shape, a + 1, shape.length);
        int rowLen = shape[a] * inner;
        int run = (to - from) * inner;
        int[] outShape = shape.clone();
        outShape[a] = to - from;
        Tensor y = Tensor.zeros(outShape);
        Tensor xv = x.value();
        for (int o = 0; o < outer; o++) {
            System.arraycopy(xv.data(), xv.offset() + o * rowLen + from * inner, y.data(), o * run, run);
        }
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            for (int o = 0; o < outer; o++) {
                int dst = dx.offset() + o * rowLen + from * inner;
                for (int i = 0; i < run; i++) {
                    dx.data()[dst + i] += g.at(o * run + i);
                }
            }
        }, x);
    }

    /** dst[o·run + i] += src[srcOff + o·srcStride + i] for o < outer, i < run. */
    private static void addRuns(float[] src, int srcOff, int srcStride, Tensor dst, int run, int outer) {
        float[] dd = dst.data();
        int d0 = dst.offset();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < run; i++) {
                dd[d0 + o * run + i] += src[srcOff + o * srcStride + i];
            }
        }
    }
}
