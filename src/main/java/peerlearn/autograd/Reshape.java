package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * The same elements under a new shape (one dimension may be −1). The value is a view sharing
 * x's data; the gradient is dy viewed in x's shape.
 */
final class Reshape {
    private Reshape() {}

    static Var apply(Var x, int... shape) {
        Tensor y = x.value().reshape(shape);
        return Var.op(y, g -> Grads.add(x, g), x);
    }

    /** (N, d₁, …, d_k) → (N, d₁·…·d_k). */
    static Var flatten(Var x) {
        Shapes.requireMinRank("flatten", "x", x, 1);
        int[] s = x.shape();
        return apply(x, s[0], Shapes.product(s, 1, s.length));
    }
}
