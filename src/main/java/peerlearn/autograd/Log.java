package peerlearn.autograd;

/** y = ln x (NaN for x < 0, −∞ at 0, as IEEE).  ∂y/∂x = 1/x. */
final class Log {
    private Log() {}

    static Var apply(Var x) {
        return Pointwise.map(x,
                v -> (float) Math.log(v),
                (v, y) -> 1f / v);
    }
}
