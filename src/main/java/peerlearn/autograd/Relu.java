package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/** y = max(0, x).  ∂y/∂x = 1 if x > 0 else 0 (0 at the kink, as PyTorch). */
final class Relu {
    private Relu() {}

    static Var apply(Var x) {
        Tensor xv = x.value();
        float[] xd = xv.data();
        int xo = xv.offset();
        Tensor y = Tensor.zeros(xv.shape());
        float[] yd = y.data();
        for (int i = 0; i < yd.length; i++) {
            yd[i] = Math.max(0f, xd[xo + i]);
        }
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            float[] dd = dx.data();
            int d0 = dx.offset();
            float[] gd = g.data();
            int go = g.offset();
            for (int i = 0; i < yd.length; i++) {
                if (yd[i] > 0f) {
                    dd[d0 + i] += gd[go + i];
                }
            }
        }, x);
    }
}
