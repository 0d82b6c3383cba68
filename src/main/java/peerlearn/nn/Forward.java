package peerlearn.nn;

import java.util.List;
import peerlearn.autograd.Scratch;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;

/**
 * One forward pass's bindings: the parameter {@link Var}s (views into a flat parameter vector
 * and, when training, into a flat gradient vector — nothing is copied), the state vector
 * (running statistics), the mode, and the random stream for dropout.
 */
public final class Forward {
    private final Var[] params;
    private final float[] state;
    private final List<ParamSpec> stateSpecs;
    private final boolean training;
    private final Rng rng;
    private final Scratch scratch;

    private Forward(Var[] params, float[] state, List<ParamSpec> stateSpecs, boolean training, Rng rng, Scratch scratch) {
        this.params = params;
        this.state = state;
        this.stateSpecs = stateSpecs;
        this.training = training;
        this.rng = rng;
        this.scratch = scratch;
    }

    /**
     * Binds {@code x} (and {@code grad}, when non-null, as the gradient buffers) to the model's
     * parameters. With {@code grad == null} the parameters are constants and no graph is kept.
     */
    static Forward bind(List<ParamSpec> specs, float[] x, float[] grad, float[] state, List<ParamSpec> stateSpecs,
                        boolean training, Rng rng, Scratch scratch) {
        Var[] vars = new Var[specs.size()];
        for (int i = 0; i < vars.length; i++) {
            ParamSpec s = specs.get(i);
            Tensor value = Tensor.view(x, s.segment().offset(), s.shapeRef());
            vars[i] = grad == null ? Var.constant(value) : Var.param(value, Tensor.view(grad, s.segment().offset(), s.shapeRef()));
        }
        return new Forward(vars, state, stateSpecs, training, rng, scratch);
    }

    /** The bound parameter registered under {@code index}. */
    public Var param(int index) {
        return params[index];
    }

    /** The state tensor registered under {@code index} (a view into the state vector). */
    public Tensor state(int index) {
        ParamSpec s = stateSpecs.get(index);
        return Tensor.view(state, s.segment().offset(), s.shapeRef());
    }

    /** Training mode: dropout active, batch norm uses and updates batch statistics. */
    public boolean training() {
        return training;
    }

    /** Reused working buffers for large temporaries (convolution columns), or null for fresh ones. */
    public Scratch scratch() {
        return scratch;
    }

    /** The stream dropout masks are drawn from (training mode only). */
    public Rng rng() {
        if (rng == null) {
            throw new IllegalStateException("this forward pass has no random stream (evaluation mode)");
        }
        return rng;
    }
}
