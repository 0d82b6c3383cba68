package peerlearn.algo;

import peerlearn.optim.Optimizer;
import peerlearn.optim.Optimizers;
import peerlearn.optim.Schedule;

/**
 * The hyper-parameters every algorithm shares, plus its own {@link Params}.
 *
 * @param schedule       η_t with t counted in epochs
 * @param roundsPerEpoch rounds that make one epoch (round k lies in epoch ⌊k / roundsPerEpoch⌋)
 * @param optimizer      the local update rule's name for {@link Optimizers#create} ({@code sgd}, {@code adam}, …)
 * @param momentum       β (or μ): local momentum where the algorithm uses the optimizer's
 * @param nesterov       Nesterov rather than heavy-ball momentum
 * @param weightDecay    λ, L2 weight decay added to every gradient
 * @param params         the algorithm's own named values ({@code algo.*})
 */
public record Training(Schedule schedule, int roundsPerEpoch, String optimizer, float momentum, boolean nesterov,
                       float weightDecay, Params params) {
    public Training {
        if (roundsPerEpoch <= 0) {
            throw new IllegalArgumentException("rounds per epoch must be positive, got " + roundsPerEpoch);
        }
    }

    /** Plain SGD at a constant rate η, one round per epoch, no algorithm parameters (for tests). */
    public static Training sgd(double eta) {
        return new Training(Schedule.constant(eta), 1, "sgd", 0f, false, 0f, Params.none());
    }

    /** The same training with other algorithm parameters. */
    public Training withParams(Params p) {
        return new Training(schedule, roundsPerEpoch, optimizer, momentum, nesterov, weightDecay, p);
    }

    /** η at round k: the schedule at epoch ⌊k / roundsPerEpoch⌋. */
    public float lr(int k) {
        return (float) schedule.rate(k / roundsPerEpoch);
    }

    /** A fresh local optimizer of dimension d (its state is the agent's own). */
    public Optimizer newOptimizer(int d) {
        return Optimizers.create(optimizer, d, momentum, nesterov, weightDecay);
    }
}
