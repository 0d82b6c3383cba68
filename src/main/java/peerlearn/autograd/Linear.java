package peerlearn.autograd;

/**
 * y = x·Wᵀ + b with x: (N, in), W: (out, in) (PyTorch's layout), b: (out) or none.
 * Composed of {@link MatMul} (with B transposed) and {@link AddBias}, whose backward rules give
 * dx = dy·W, dW = dyᵀ·x, db = Σ_n dy_n.
 */
final class Linear {
    private Linear() {}

    static Var apply(Var x, Var w, Var b) {
        Shapes.requireRank("linear", "x", x, 2);
        Shapes.requireRank("linear", "weight", w, 2);
        if (x.value().dim(1) != w.value().dim(1)) {
            throw new IllegalArgumentException("linear: input has " + x.value().dim(1)
                    + " features but weight " + Shapes.str(w.shape()) + " expects " + w.value().dim(1));
        }
        Var y = MatMul.apply(x, w, false, true);
        return b == null ? y : AddBias.apply(y, b);
    }
}
