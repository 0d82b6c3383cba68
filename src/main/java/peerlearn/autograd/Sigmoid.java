package peerlearn.autograd;

/** y = σ(x) = 1/(1 + e⁻ˣ), evaluated without overflow for large |x|.  ∂y/∂x = y·(1 − y). */
final class Sigmoid {
    private Sigmoid() {}

    static Var apply(Var x) {
        return Pointwise.map(x,
                Sigmoid::sigmoid,
                (v, y) -> y * (1f - y));
    }

    static float sigmoid(float v) {
        double e = Math.exp(-Math.abs(v));
        return (float) (v >= 0f ? 1.0 / (1.0 + e) : e / (1.0 + e));
    }
}
