package peerlearn.experiment;

import peerlearn.objective.Evaluation;
import peerlearn.objective.Objective;

/**
 * The learning problem of an experiment: each agent's objective (its data and model) and the
 * global test set every model is also scored on.
 */
interface Problem {
    /** A short description for reports, e.g. "fashion-mnist, dirichlet:0.1, lenet5". */
    String description();

    /** Agent i's own objective (fresh buffers; only agent i's thread uses it). */
    Objective objective(int agent);

    /** An extra objective for the runner's own evaluations (the averaged model x̄). */
    Objective evaluator();

    /** Loss and accuracy of x on the global test set, through {@code o}'s buffers. */
    Evaluation evaluateGlobal(Objective o, float[] x);

    /** Whether agents hold validation samples apart from their training data (partition option {@code val=}). */
    default boolean hasValidation() {
        return false;
    }

    /** Loss and accuracy of x on agent i's validation samples, through {@code o}'s buffers (only if {@link #hasValidation}). */
    default Evaluation evaluateValidation(int agent, Objective o, float[] x) {
        throw new UnsupportedOperationException("this problem has no validation split");
    }

    /** Training samples agent i holds (for the rounds-per-epoch count). */
    int trainSamples(int agent);

    /** Every agent's ground-truth cluster as the split defines it (all 0 when it defines none). */
    default int[] clusters(int agents) {
        return new int[agents];
    }
}
