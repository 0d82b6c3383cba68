package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/** z = c·x for a constant number c (c = −1 is negation).  ∂z/∂x = c. */
final class Scale {
    private Scale() {}

    static Var apply(Var x, float c) {
        Tensor xv = x.value();
        float[] xd = xv.data();
        int xo = xv.offset();
        Tensor z = Tensor.zeros(xv.shape());
        float[] zd = z.data();
        for (int i = 0; i < zd.length; i++) {
            zd[i] = c * xd[xo + i];
        }
        return Var.op(z, g -> Grads.addScaled(x, c, g), x);
    }
}
