package peerlearn.autograd;

/** y = x if x > 0 else α·(eˣ − 1).  ∂y/∂x = 1 if x > 0 else α·eˣ = y + α. */
final class Elu {
    private Elu() {}

    static Var apply(Var x, float alpha) {
        return Pointwise.map(x,
                v -> v > 0f ? v : (float) (alpha * Math.expm1(v)),
                (v, y) -> v > 0f ? 1f : y + alpha);
    }
}
