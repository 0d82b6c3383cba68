package peerlearn.autograd;

/** y = x if x > 0 else slope·x.  ∂y/∂x = 1 if x > 0 else slope. */
final class LeakyRelu {
    private LeakyRelu() {}

    static Var apply(Var x, float slope) {
        return Pointwise.map(x,
                v -> v > 0f ? v : slope * v,
                (v, y) -> v > 0f ? 1f : slope);
    }
}
