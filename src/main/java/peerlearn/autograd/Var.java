package peerlearn.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import peerlearn.tensor.Tensor;

/**
 * A node of a define-by-run computation: a value, the gradient of the final scalar with respect
 * to it, the nodes it was computed from, and the rule that sends its gradient to them.
 *
 * <p>Leaves are parameters (gradient wanted, possibly written into a caller-supplied buffer, e.g.
 * a view into a flat gradient vector) or constants (no gradient). A primitive computes its
 * forward value and returns {@link #op(Tensor, Backward, Var...)} with a closure that, given the
 * output gradient, adds into its parents' gradients via {@link #gradForUpdate()}.
 */
public final class Var {
    /** Sends an output gradient to the parents; runs once per {@link #backward()} call. */
    @FunctionalInterface
    public interface Backward {
        void apply(Tensor outGrad);
    }

    private final Tensor value;
    private final Var[] parents;
    private final Backward backward;
    private final boolean requiresGrad;
    /** Where this graph's temporaries live, inherited from its input; null: fresh arrays. */
    private final Scratch scratch;
    private Tensor grad;

    private Var(Tensor value, Tensor grad, Var[] parents, Backward backward, boolean requiresGrad, Scratch scratch) {
        this.value = value;
        this.grad = grad;
        this.parents = parents;
        this.backward = backward;
        this.requiresGrad = requiresGrad;
        this.scratch = scratch;
    }

    /** A leaf whose gradient is wanted; it accumulates into {@code gradBuffer} (same shape). */
    public static Var param(Tensor value, Tensor gradBuffer) {
        value.requireSameShape(gradBuffer, "parameter gradient buffer");
        return new Var(value, gradBuffer, new Var[0], null, true, null);
    }

    /** A leaf whose gradient is wanted, into a fresh zero buffer. */
    public static Var param(Tensor value) {
        return new Var(value, null, new Var[0], null, true, null);
    }

    /** A leaf with no gradient (data, labels, a neighbour's feature). */
    public static Var constant(Tensor value) {
        return new Var(value, null, new Var[0], null, false, null);
    }

    /**
     * A constant input (a minibatch) whose graph takes its temporaries from {@code scratch}: the
     * ops computed from it (directly or not) put their values, where they support it, and every
     * intermediate gradient on the scratch's buffers. The {@link Scratch} contract applies: after
     * {@code scratch.reset()} no value or gradient of this graph may be read again.
     */
    public static Var input(Tensor value, Scratch scratch) {
        return new Var(value, null, new Var[0], null, false, scratch);
    }

    /**
     * The result of a primitive. If no parent needs a gradient the result is a constant and
     * {@code backward} is dropped.
     */
    public static Var op(Tensor value, Backward backward, Var... parents) {
        boolean needs = false;
        Scratch scratch = null;
        for (Var p : parents) {
            needs |= p.requiresGrad;
            scratch = scratch != null ? scratch : p.scratch;
        }
        return needs ? new Var(value, null, parents.clone(), backward, true, scratch)
                     : new Var(value, null, new Var[0], null, false, scratch);
    }

    /** The scratch of this graph's input (see {@link #input}), or null. */
    Scratch scratch() {
        return scratch;
    }

    public Tensor value() {
        return value;
    }

    public int[] shape() {
        return value.shape();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The accumulated gradient, or {@code null} if none has reached this node. */
    public Tensor grad() {
        return grad;
    }

    /**
     * The gradient buffer to add into, created as zeros on first use. Backward rules call this
     * on parents that {@link #requiresGrad()}.
     */
    public Tensor gradForUpdate() {
        if (grad == null) { // an intermediate's gradient on the scratch, a leaf's always fresh
            grad = backward != null ? Scratch.zeros(scratch, value.shape()) : Tensor.zeros(value.shape());
        }
        return grad;
    }

    /**
     * Reverse-mode sweep from this scalar: seeds dself = 1, then runs every node's backward rule
     * in reverse topological order, so each node's gradient is complete before it is used.
     * Leaf gradients are added to, never overwritten: the caller zeroes them between steps.
     */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalStateException("backward() needs a scalar, got shape "
                    + java.util.Arrays.toString(value.shape()));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a value that depends on no parameter");
        }
        List<Var> order = topologicalOrder();
        // Intermediate gradients start from zero on every sweep (a second backward() over the same
        // graph then adds to the leaves exactly once more); leaves keep accumulating.
        for (Var v : order) {
            if (v.backward != null) {
                v.grad = null;
            }
        }
        Tensor seed = gradForUpdate();
        seed.data()[seed.offset()] += 1f;
        for (int i = order.size() - 1; i >= 0; i--) {
            Var v = order.get(i);
            if (v.backward != null && v.grad != null) {
                v.backward.apply(v.grad);
            }
        }
    }

    /** Nodes reachable from this one, each after all of its parents (iterative DFS). */
    private List<Var> topologicalOrder() {
        List<Var> order = new ArrayList<>();
        Set<Var> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Deque<Var> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.add(this);
        while (!stack.isEmpty()) {
            Var v = stack.peek();
            int k = next.pop();
            if (k < v.parents.length) {
                next.push(k + 1);
                Var p = v.parents[k];
                if (p.requiresGrad && seen.add(p)) {
                    stack.push(p);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(v);
            }
        }
        return order;
    }
}
