package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/** z = a / b (element-wise, equal shapes).  ∂z/∂a = 1/b, ∂z/∂b = −a/b² = −z/b. */
final class Div {
    private Div() {}

    static Var apply(Var a, Var b) {
        Shapes.requireSame("div", a, b);
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor z = Tensor.zeros(av.shape());
        float[] zd = z.data();
        for (int i = 0; i < zd.length; i++) {
            zd[i] = av.at(i) / bv.at(i);
        }
        return Var.op(z, g -> {
            float[] gd = g.data();
            int go = g.offset();
            if (a.requiresGrad()) {
                Tensor da = a.gradForUpdate();
                float[] dd = da.data();
                int d0 = da.offset();
                for (int i = 0; i < zd.length; i++) {
                    dd[d0 + i] += gd[go + i] / bv.at(i);
                }
            }
            if (b.requiresGrad()) {
                Tensor db = b.gradForUpdate();
                float[] dd = db.data();
                int d0 = db.offset();
                for (int i = 0; i < zd.length; i++) {
                    dd[d0 + i] -= gd[go + i] * zd[i] / bv.at(i);
                }
            }
        }, a, b);
    }
}
