package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/** z = a − b (equal shapes).  ∂z/∂a = 1, ∂z/∂b = −1. */
final class Sub {
    private Sub() {}

    static Var apply(Var a, Var b) {
        Shapes.requireSame("sub", a, b);
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor z = Tensor.zeros(av.shape());
        float[] zd = z.data();
        for (int i = 0; i < zd.length; i++) {
            zd[i] = av.at(i) - bv.at(i);
        }
        return Var.op(z, g -> {
            Grads.add(a, g);
            Grads.addScaled(b, -1f, g);
        }, a, b);
    }
}
