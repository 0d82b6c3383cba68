package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;

/**
 * Inverted dropout (Srivastava et al., JMLR 2014) with drop probability p: active in training,
 * masks drawn from the forward pass's random stream (the agent's own); the identity in evaluation.
 */
public final class Dropout implements Module {
    private final float p;

    public Dropout(float p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    @Override
    public Var forward(Var x, Forward f) {
        return f.training() && p > 0 ? Ops.dropout(x, p, f.rng(), true) : x;
    }
}
