package peerlearn.nn;

import java.util.ArrayList;
import java.util.List;
import peerlearn.tensor.ParameterLayout;
import peerlearn.tensor.Tensor;

/**
 * Collects a model's parameters while its modules are constructed: each module registers its
 * tensors here and keeps the returned index, which it later uses to fetch its bound
 * {@link peerlearn.autograd.Var} from a {@link Forward}. Parameters join the groups that are
 * current when they are registered (set with {@link #groups(String...)}), e.g. "body" for
 * feature layers and "head", "last" for the classifier.
 *
 * <p>State (batch-norm running statistics) is collected in a second, separate layout: it is
 * neither trained nor, by default, averaged between agents.
 */
public final class ModelBuilder {
    private final ParameterLayout.Builder params = new ParameterLayout.Builder();
    private final List<ParamSpec> paramSpecs = new ArrayList<>();
    private final ParameterLayout.Builder state = new ParameterLayout.Builder();
    private final List<ParamSpec> stateSpecs = new ArrayList<>();
    private final java.util.Set<String> names = new java.util.HashSet<>();
    private String[] groups = new String[0];

    /** Parameters registered from now on join these groups. */
    public ModelBuilder groups(String... names) {
        this.groups = names.clone();
        return this;
    }

    /** Registers a learnable tensor; returns its index for {@link Forward#param(int)}. */
    public int param(String name, int[] shape, Init init, int fanIn, int fanOut) {
        unique(name);
        var seg = params.add(name, Tensor.sizeOf(shape), groups);
        paramSpecs.add(new ParamSpec(seg, shape, init, fanIn, fanOut));
        return paramSpecs.size() - 1;
    }

    /** Registers a state tensor (not learnable); returns its index for {@link Forward#state(int)}. */
    public int state(String name, int[] shape, Init init) {
        unique(name);
        var seg = state.add(name, Tensor.sizeOf(shape));
        stateSpecs.add(new ParamSpec(seg, shape, init, 1, 1));
        return stateSpecs.size() - 1;
    }

    private void unique(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("two tensors of one model are named '" + name + "'");
        }
    }

    ParameterLayout parameterLayout() {
        return params.build();
    }

    List<ParamSpec> parameterSpecs() {
        return List.copyOf(paramSpecs);
    }

    ParameterLayout stateLayout() {
        return state.build();
    }

    List<ParamSpec> stateSpecs() {
        return List.copyOf(stateSpecs);
    }
}
