package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;

/**
 * EvoNorm-S0 as the NGC code implements it (Aketi et al., arXiv 2209.14390; after Liu et al.,
 * "Evolving Normalization-Activation Layers", NeurIPS 2020): normalisation and activation in one,
 * y = γ_c · x·hardsigmoid(x) / √(Var_group(x) + 10⁻⁵) + β_c, with per-sample statistics over G
 * channel groups, so it works under non-IID data where batch norm fails. No separate ReLU
 * follows. γ starts at 1, β at 0.
 */
public final class EvoNormS0 implements Module {
    private final int gamma;
    private final int beta;
    private final int groups;

    public EvoNormS0(ModelBuilder mb, String name, int channels, int groups) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups + " groups");
        }
        this.gamma = mb.param(name + ".weight", new int[] {channels}, Init.ONES, channels, channels);
        this.beta = mb.param(name + ".bias", new int[] {channels}, Init.ZEROS, channels, channels);
        this.groups = groups;
    }

    /** The NGC code's setting: 8 groups. */
    public EvoNormS0(ModelBuilder mb, String name, int channels) {
        this(mb, name, channels, Norm.groupsFor(channels));
    }

    @Override
    public Var forward(Var x, Forward f) {
        return Ops.evoNormS0(x, groups, f.param(gamma), f.param(beta));
    }
}
