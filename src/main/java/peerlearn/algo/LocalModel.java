package peerlearn.algo;

import peerlearn.objective.Objective;

/**
 * An agent's own model state, shared by the algorithm files: x_i (starting at x⁰), a gradient
 * buffer g_i, and the loss of the last minibatch.
 */
final class LocalModel implements peerlearn.state.Stateful {
    final Objective f;
    final float[] x;
    final float[] g;
    double loss = Double.NaN;

    LocalModel(AgentContext ctx) {
        this.f = ctx.objective();
        this.x = f.initialParameters();
        this.g = new float[f.dimension()];
    }

    /**
     * x_i and the last minibatch loss. The gradient buffer is not state: every round computes it
     * afresh before reading it.
     */
    @Override
    public void state(peerlearn.state.State s) {
        s.floats("x", x);
        loss = s.number("loss", loss);
    }

    int dimension() {
        return x.length;
    }

    /** g_i = ∇F_i(at; ξ_i) on the next minibatch ξ_i; returns g_i. */
    float[] gradient(float[] at) {
        loss = f.lossAndGradient(at, f.nextBatch(), g);
        return g;
    }

    /** g_i = ∇F_i(x_i; ξ_i). */
    float[] gradient() {
        return gradient(x);
    }
}
