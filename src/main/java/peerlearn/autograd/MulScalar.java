package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * z = s·x where s is a one-element Var (e.g. an attention weight α_ij mixing whole tensors).
 * ∂z/∂x = s, ∂L/∂s = Σ_i g_i·x_i.
 */
final class MulScalar {
    private MulScalar() {}

    static Var apply(Var x, Var s) {
        Shapes.requireScalar("mulScalar", "s", s);
        Tensor xv = x.value();
        float[] xd = xv.data();
        int xo = xv.offset();
        float sv = s.value().at(0);
        Tensor z = Tensor.zeros(xv.shape());
        float[] zd = z.data();
        for (int i = 0; i < zd.length; i++) {
            zd[i] = sv * xd[xo + i];
        }
        return Var.op(z, g -> {
            Grads.addScaled(x, sv, g);
            if (s.requiresGrad()) {
                float[] gd = g.data();
                int go = g.offset();
                double acc = 0;
                for (int i = 0; i < zd.length; i++) {
                    acc += (double) gd[go + i] * xd[xo + i];
                }
                Tensor ds = s.gradForUpdate();
                ds.data()[ds.offset()] += (float) acc;
            }
        }, x, s);
    }
}
