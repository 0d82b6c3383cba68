package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * Batch-norm running statistics per channel: not parameters (no gradient, not averaged as
 * weights unless a caller chooses to), but state updated by every training-mode batch:
 * mean ← (1 − m)·mean + m·μ_B, var ← (1 − m)·var + m·σ²_B·M/(M − 1), with the batch's biased
 * variance made unbiased over its M elements per channel, as PyTorch does. The two tensors may be
 * views into a caller's flat buffer.
 */
public final class RunningStats {
    private final Tensor mean;
    private final Tensor var;
    private final float momentum;

    /** Wraps existing tensors of shape (C), updated in place. */
    public RunningStats(Tensor mean, Tensor var, float momentum) {
        mean.requireSameShape(var, "running statistics");
        if (mean.rank() != 1) {
            throw new IllegalArgumentException("running statistics must be vectors, got shape "
                    + Shapes.str(mean.shape()));
        }
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("batch-norm momentum must be in [0, 1], got " + momentum);
        }
        this.mean = mean;
        this.var = var;
        this.momentum = momentum;
    }

    /** Fresh statistics for {@code channels} channels: mean 0, variance 1. */
    public static RunningStats fresh(int channels, float momentum) {
        Tensor v = Tensor.zeros(channels);
        v.fill(1f);
        return new RunningStats(Tensor.zeros(channels), v, momentum);
    }

    public Tensor mean() {
        return mean;
    }

    public Tensor var() {
        return var;
    }

    public float momentum() {
        return momentum;
    }

    public int channels() {
        return mean.size();
    }

    /** Folds one batch's statistics of channel c (biased variance over m elements) in. */
    void update(int c, double batchMean, double batchVar, int m) {
        double unbiased = m > 1 ? batchVar * m / (m - 1) : batchVar;
        int mi = mean.offset() + c;
        int vi = var.offset() + c;
        mean.data()[mi] = (float) ((1 - momentum) * mean.data()[mi] + momentum * batchMean);
        var.data()[vi] = (float) ((1 - momentum) * var.data()[vi] + momentum * unbiased);
    }
}
