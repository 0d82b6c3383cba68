package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;

/**
 * Group normalisation (Wu and He, "Group Normalization", ECCV 2018): per sample and channel
 * group, x̂ = (x − μ)/√(σ² + ε), y = γ_c x̂ + β_c; x: (N, C, ...). Per-sample statistics: the
 * same in training and evaluation, no running state. γ starts at 1, β at 0.
 */
public final class GroupNorm implements Module {
    private final int gamma;
    private final int beta;
    private final int groups;
    private final float eps;

    public GroupNorm(ModelBuilder mb, String name, int channels, int groups, float eps) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups + " groups");
        }
        this.gamma = mb.param(name + ".weight", new int[] {channels}, Init.ONES, channels, channels);
        this.beta = mb.param(name + ".bias", new int[] {channels}, Init.ZEROS, channels, channels);
        this.groups = groups;
        this.eps = eps;
    }

    @Override
    public Var forward(Var x, Forward f) {
        return Ops.groupNorm(x, groups, f.param(gamma), f.param(beta), eps);
    }
}
