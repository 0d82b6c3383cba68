package peerlearn.autograd;

import peerlearn.tensor.Tensor;

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
        float[] xd = xv.data();
        float[] bd = bv.data();
        int xo = xv.offset();
        int bo = bv.offset();
        Tensor z = Tensor.zeros(s);
        float[] zd = z.data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                float bj = bd[bo + j];
                int base = (i * c + j) * inner;
                for (int k = 0; k < inner; k++) {
                    zd[base + k] = xd[xo + base + k] + bj;
                }
            }
        }
        return Var.op(z, g -> {
            Grads.add(x, g);
            if (b.requiresGrad()) {
                addChannelSums(g, n, c, inner, b.gradForUpdate());
            }
        }, x, b);
    }

    /** db[c] ← db[c] + Σ_{n,k} g[n, c, k], summed in double. */
    static void addChannelSums(Tensor g, int n, int c, int inner, Tensor db) {
        float[] gd = g.data();
        int go = g.offset();
        float[] dd = db.data();
        int d0 = db.offset();
        for (int j = 0; j < c; j++) {
            double acc = 0;
            for (int i = 0; i < n; i++) {
                int base = go + (i * c + j) * inner;
                for (int k = 0; k < inner; k++) {
                    acc += gd[base + k];
                }
            }
            dd[d0 + j] += (float) acc;
        }
    }
}
