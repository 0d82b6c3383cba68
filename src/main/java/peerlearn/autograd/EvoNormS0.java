package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.VectorOps;

/**
 * EvoNorm-S0 (Liu et al., NeurIPS 2020) as the NGC/CGA code uses it (theory/autograd.md):
 * y = γ_c · x·hardsigmoid(x) / √(Var_g(x) + ε) + β_c, with x: (N, C, *), the variance taken per
 * sample over each of G channel groups (biased, like group-norm), hardsigmoid(x) =
 * min(1, max(0, x/6 + 1/2)). With u = x·h(x)/s, s = √(σ² + ε) and du = γ_c·dy, per group:
 * dx_i = du_i·(h(x_i) + x_i·h′(x_i))/s + ds·(x_i − μ)/(s·M), ds = −Σ_j du_j·u_j/s,
 * h′ = 1/6 on (−3, 3) and 0 outside.
 */
final class EvoNormS0 {
    private EvoNormS0() {}

    static Var apply(Var x, int groups, Var gamma, Var beta, float eps) {
        Shapes.Ncs dims = Shapes.ncs("evoNormS0", x);
        Shapes.requireGroups("evoNormS0", dims, groups);
        ChannelAffine.check("evoNormS0", gamma, beta, dims.c());
        int[] shape = dims.shape();
        int n = dims.n();
        int c = dims.c();
        int s = dims.s();
        int m = c / groups * s;
        Tensor xv = x.value();
        float[] xd = xv.data();
        int xo = xv.offset();
        Scratch scratch = x.scratch();
        float[] u = scratch == null ? new float[xv.size()] : scratch.floats(xv.size());
        float[] mean = new float[n * groups];
        float[] sd = new float[n * groups];
        for (int block = 0; block < n * groups; block++) {
            double[] mv = Moments.meanVar(xd, xo + block * m, 1, m, 1);
            mean[block] = (float) mv[0];
            sd[block] = (float) Math.sqrt(mv[1] + eps);
            VectorOps.hardSwishScaled(xd, xo + block * m, u, block * m, m, 1f / sd[block]);
        }
        Tensor y = ChannelAffine.forward(u, gamma, beta, shape, n, c, s, scratch);
        return Var.op(y, g -> {
            float[] du = ChannelAffine.backward(g, u, gamma, beta, n, c, s,
                    scratch == null ? null : scratch.floats(u.length));
            if (!x.requiresGrad()) {
                return;
            }
            Tensor dx = x.gradForUpdate();
            float[] dd = dx.data();
            int d0 = dx.offset();
            for (int block = 0; block < n * groups; block++) {
                float sb = sd[block];
                double dsAcc = -VectorOps.dot(du, block * m, u, block * m, m);
                float viaVar = (float) (dsAcc / sb / (sb * m)); // ds·(1/(s·M)), ds = −Σ du·u / s
                VectorOps.evoNormS0Backward(xd, xo + block * m, du, block * m, dd, d0 + block * m, m, 1f / sb, viaVar,
                        mean[block]);
            }
        }, Shapes.parents(x, gamma, beta));
    }
}
