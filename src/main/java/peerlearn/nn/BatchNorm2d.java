package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.RunningStats;
import peerlearn.autograd.Var;

/**
 * Batch normalisation per channel over (N, H, W) (Ioffe and Szegedy, ICML 2015), as PyTorch's
 * {@code BatchNorm2d}: batch statistics in training (updating the running statistics with
 * momentum m), running statistics in evaluation; y = γ_c x̂ + β_c.
 *
 * <p>γ and β are parameters; the running mean and variance are <em>state</em>, registered in
 * the model's separate state vector, since decentralized algorithms average parameters but not
 * necessarily statistics.
 */
public final class BatchNorm2d implements Module {
    private final int gamma;
    private final int beta;
    private final int runningMean;
    private final int runningVar;
    private final float momentum;
    private final float eps;

    public BatchNorm2d(ModelBuilder mb, String name, int channels, float momentum, float eps) {
        this.gamma = mb.param(name + ".weight", new int[] {channels}, Init.ONES, channels, channels);
        this.beta = mb.param(name + ".bias", new int[] {channels}, Init.ZEROS, channels, channels);
        this.runningMean = mb.state(name + ".running_mean", new int[] {channels}, Init.ZEROS);
        this.runningVar = mb.state(name + ".running_var", new int[] {channels}, Init.ONES);
        this.momentum = momentum;
        this.eps = eps;
    }

    /** PyTorch's defaults: momentum 0.1, ε = 1e-5. */
    public BatchNorm2d(ModelBuilder mb, String name, int channels) {
        this(mb, name, channels, 0.1f, 1e-5f);
    }

    @Override
    public Var forward(Var x, Forward f) {
        RunningStats stats = new RunningStats(f.state(runningMean), f.state(runningVar), momentum);
        return Ops.batchNorm(x, f.param(gamma), f.param(beta), stats, f.training(), eps);
    }
}
