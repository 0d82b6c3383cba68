package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.VectorOps;

/**
 * z[n, c, …] = x[n, c, …] + b[c]: a per-channel (or per-feature) bias broadcast over axis 1 of
 * x: (N, C, *), with b: (C).  ∂z/∂x = 1;  ∂L/∂b_c = Σ_{n,…} g[n, c, …].
 */
final class AddBias {
    private AddBias() {}

    static Var apply(Var x, Var b) {
        Shapes.requireMinRank("addBias", "x", x, 2);
        int[] s = x.shape();
        int n = s[0];
        int c = s[1];
        int inner = Shapes.product(s, 2, s.length);
        Shapes.requireVector("addBias", "bias", b, c);
        Tensor xv = x.value();
        Tensor bv = b.value();
        Tensor z = xv.copy();
        if (inner == 1) { // (N, C): a feature bias on every row
            VectorOps.addRowVector(z.data(), 0, n, c, bv.data(), bv.offset());
        } else {
            VectorOps.addChannelBias(z.data(), 0, n, c, inner, bv.data(), bv.offset());
        }
        return Var.op(z, g -> {
            Grads.add(x, g);
            if (b.requiresGrad()) {
                Tensor db = b.gradForUpdate();
                if (inner == 1) {
                    VectorOps.columnSums(g.data(), g.offset(), n, c, db.data(), db.offset());
                } else {
                    VectorOps.channelSums(g.data(), g.offset(), n, c, inner, db.data(), db.offset());
                }
            }
        }, x, b);
    }
}
