package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.VectorOps;

/**
 * The per-channel affine step shared by the normalizations: y[n, c, s] = γ_c·u[n, c, s] + β_c for
 * a normalized u: (N, C, S), with γ, β: (C) or null (meaning 1 and 0). Backward:
 * dγ_c = Σ_{n,s} dy·u, dβ_c = Σ_{n,s} dy, du = γ_c·dy.
 */
final class ChannelAffine {
    private ChannelAffine() {}

    static void check(String op, Var gamma, Var beta, int c) {
        if (gamma != null) {
            Shapes.requireVector(op, "gamma", gamma, c);
        }
        if (beta != null) {
            Shapes.requireVector(op, "beta", beta, c);
        }
    }

    /** y = γ·u + β, on the scratch's buffers when {@code scratch} is not null. */
    static Tensor forward(float[] u, Var gamma, Var beta, int[] shape, int n, int c, int s, Scratch scratch) {
        Tensor y = Scratch.uninitialized(scratch, shape);
        float[] yd = y.data();
        for (int j = 0; j < c; j++) {
            float gj = gamma == null ? 1f : gamma.value().at(j);
            float bj = beta == null ? 0f : beta.value().at(j);
            for (int i = 0; i < n; i++) {
                int base = (i * c + j) * s;
                for (int q = 0; q < s; q++) {
                    yd[base + q] = gj * u[base + q] + bj;
                }
            }
        }
        return y;
    }

    /**
     * Adds dγ and dβ into their gradients and returns du = γ·dy (into {@code du} when it is not
     * null). The channel sums add the planes' sums (each by {@link VectorOps#sum} and
     * {@link VectorOps#dot}, in double) in order of n.
     */
    static float[] backward(Tensor g, float[] u, Var gamma, Var beta, int n, int c, int s, float[] du) {
        du = du != null ? du : new float[u.length];
        float[] gd = g.data();
        int go = g.offset();
        for (int j = 0; j < c; j++) {
            float gj = gamma == null ? 1f : gamma.value().at(j);
            double sumDy = 0;
            double sumDyU = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + j) * s;
                sumDy += VectorOps.sum(gd, go + base, s);
                sumDyU += VectorOps.dot(gd, go + base, u, base, s);
                for (int q = 0; q < s; q++) {
                    du[base + q] = gj * gd[go + base + q];
                }
            }
            if (gamma != null && gamma.requiresGrad()) {
                Tensor dg = gamma.gradForUpdate();
                dg.data()[dg.offset() + j] += (float) sumDyU;
            }
            if (beta != null && beta.requiresGrad()) {
                Tensor db = beta.gradForUpdate();
                db.data()[db.offset() + j] += (float) sumDy;
            }
        }
        return du;
    }
}
