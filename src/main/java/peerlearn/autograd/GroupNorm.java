package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * Group normalization (Wu &amp; He, ECCV 2018): x: (N, C, *) with C split into G groups of C/G
 * channels; each (sample, group) block of M = (C/G)·S elements is normalized with its own mean
 * and biased variance, x̂ = (x − μ)/√(σ² + ε), then y = γ_c·x̂ + β_c.
 * Backward per block, with dx̂ = γ_c·dy: dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / √(σ² + ε).
 */
final class GroupNorm {
    private GroupNorm() {}

    static Var apply(Var x, int groups, Var gamma, Var beta, float eps) {
        Shapes.Ncs dims = Shapes.ncs("groupNorm", x);
        Shapes.requireGroups("groupNorm", dims, groups);
        ChannelAffine.check("groupNorm", gamma, beta, dims.c());
        int[] shape = dims.shape();
        int n = dims.n();
        int c = dims.c();
        int s = dims.s();
        int m = c / groups * s;
        Tensor xv = x.value();
        Scratch scratch = x.scratch();
        float[] xhat = scratch == null ? new float[xv.size()] : scratch.floats(xv.size());
        float[] rstd = new float[n * groups];
        for (int block = 0; block < n * groups; block++) {
            int off = xv.offset() + block * m;
            double[] mv = Moments.meanVar(xv.data(), off, 1, m, 1);
            rstd[block] = Moments.standardize(xv.data(), off, 1, m, 1, mv, xhat, block * m, eps);
        }
        Tensor y = ChannelAffine.forward(xhat, gamma, beta, shape, n, c, s, scratch);
        return Var.op(y, g -> {
            float[] dxhat = ChannelAffine.backward(g, xhat, gamma, beta, n, c, s,
                    scratch == null ? null : scratch.floats(xv.size()));
            if (x.requiresGrad()) {
                Tensor dx = x.gradForUpdate();
                for (int block = 0; block < n * groups; block++) {
                    Moments.backward(dxhat, xhat, block * m, 1, m, 1, rstd[block], dx.data(), dx.offset() + block * m);
                }
            }
        }, Shapes.parents(x, gamma, beta));
    }
}
