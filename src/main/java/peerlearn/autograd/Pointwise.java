package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * Element-wise functions y_i = f(x_i). The forward pass stores the local derivative f′(x_i)
 * (written in terms of x and y, whichever is cheaper), and the backward rule is the same for
 * all of them: dx_i += dy_i·f′(x_i).
 */
final class Pointwise {
    private Pointwise() {}

    /** f′ in terms of the input x and the output y = f(x). */
    @FunctionalInterface
    interface Derivative {
        float at(float x, float y);
    }

    @FunctionalInterface
    interface Function {
        float at(float x);
    }

    static Var map(Var x, Function f, Derivative df) {
        Tensor xv = x.value();
        Tensor y = Tensor.zeros(xv.shape());
        float[] yd = y.data();
        float[] d = new float[yd.length];
        for (int i = 0; i < yd.length; i++) {
            float v = xv.at(i);
            yd[i] = f.at(v);
            d[i] = df.at(v, yd[i]);
        }
        return node(x, y, d);
    }

    /** The node y with backward dx += dy ⊙ dydx. */
    static Var node(Var x, Tensor y, float[] dydx) {
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            float[] dd = dx.data();
            int d0 = dx.offset();
            float[] gd = g.data();
            int go = g.offset();
            for (int i = 0; i < dydx.length; i++) {
                dd[d0 + i] += gd[go + i] * dydx[i];
            }
        }, x);
    }
}
