package peerlearn.nn;

import java.util.Arrays;
import java.util.List;
import peerlearn.autograd.Scratch;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.ParameterLayout;
import peerlearn.tensor.Segment;

/**
 * A network: a module tree plus the layout of its parameters in one flat vector (with named
 * segments per tensor and groups such as "body", "head", "last") and of its state (running
 * statistics) in another. A model holds no values: {@link #forward} binds any parameter vector,
 * which is how one agent evaluates another agent's parameters with no new model.
 */
public final class Model {
    private final String name;
    private final int[] inputShape;
    private final int classes;
    private final Module root;
    private final ParameterLayout layout;
    private final List<ParamSpec> specs;
    private final ParameterLayout stateLayout;
    private final List<ParamSpec> stateSpecs;

    /** Freezes what {@code builder} collected while {@code root}'s modules were constructed. */
    public Model(String name, int[] inputShape, int classes, Module root, ModelBuilder builder) {
        this.name = name;
        this.inputShape = inputShape.clone();
        this.classes = classes;
        this.root = root;
        this.layout = builder.parameterLayout();
        this.specs = builder.parameterSpecs();
        this.stateLayout = builder.stateLayout();
        this.stateSpecs = builder.stateSpecs();
    }

    public String name() {
        return name;
    }

    /** The shape of one input sample, e.g. (1, 28, 28). */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int classes() {
        return classes;
    }

    /** Number of learnable parameters, d. */
    public int parameterCount() {
        return layout.size();
    }

    public ParameterLayout layout() {
        return layout;
    }

    public List<ParamSpec> parameters() {
        return specs;
    }

    /** Layout of the state vector (running statistics); empty for models without batch norm. */
    public ParameterLayout stateLayout() {
        return stateLayout;
    }

    /**
     * x⁰ for {@code seed}: each tensor drawn from its own stream {@code Rng.stream(seed, -1,
     * "init/" + name)}, so every agent given the same seed starts from the same bits.
     */
    public float[] initialParameters(long seed) {
        float[] x = new float[layout.size()];
        for (ParamSpec s : specs) {
            Segment g = s.segment();
            s.init().fill(x, g.offset(), g.length(), s.fanIn(), s.fanOut(), Rng.stream(seed, -1, "init/" + g.name()));
        }
        return x;
    }

    /** The initial state (running means 0, running variances 1). */
    public float[] initialState() {
        float[] st = new float[stateLayout.size()];
        for (ParamSpec s : stateSpecs) {
            s.init().fill(st, s.segment().offset(), s.segment().length(), 1, 1, null);
        }
        return st;
    }

    /**
     * Logits for {@code input}: (N, inputShape...) → (N, classes), with parameters bound to
     * views of {@code x} and, when {@code grad} is non-null, gradients accumulating into views of
     * {@code grad}. {@code state} is read (and, in training mode, updated) by batch norm.
     */
    public Var forward(Var input, float[] x, float[] grad, float[] state, boolean training, Rng rng) {
        return forward(input, x, grad, state, training, rng, null);
    }

    /**
     * As {@link #forward(Var, float[], float[], float[], boolean, Rng)}, with large temporaries
     * taken from {@code scratch} (reused step after step; see {@link Scratch} for when the caller
     * may reset it), or allocated afresh when it is null.
     */
    public Var forward(Var input, float[] x, float[] grad, float[] state, boolean training, Rng rng, Scratch scratch) {
        if (x.length != layout.size()) {
            throw new IllegalArgumentException(name + " has " + layout.size() + " parameters, got a vector of length " + x.length);
        }
        if (grad != null && grad.length != layout.size()) {
            throw new IllegalArgumentException(name + " has " + layout.size() + " parameters, got a gradient of length " + grad.length);
        }
        if (state.length != stateLayout.size()) {
            throw new IllegalArgumentException(name + " has " + stateLayout.size() + " state values, got " + state.length);
        }
        int[] s = input.shape();
        if (s.length != inputShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), inputShape)) {
            throw new IllegalArgumentException(name + " takes inputs of shape (N, " + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "")
                    + "), got " + Arrays.toString(s));
        }
        return root.forward(input, Forward.bind(specs, x, grad, state, stateSpecs, training, rng, scratch));
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(inputShape) + " → " + classes + " classes, " + layout.size() + " parameters";
    }
}
