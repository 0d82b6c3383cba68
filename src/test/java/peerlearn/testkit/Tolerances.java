package peerlearn.testkit;

/**
 * Every numerical tolerance the tests use, each with the reason it is what it is.
 * Add new ones here rather than writing literals in tests.
 */
public final class Tolerances {
    private Tolerances() {}

    /** Bit-identical: Vector API kernels and their scalar twins sum in the same order with fma. */
    public static final float EXACT = 0f;

    /** Optimizer steps worked by hand in decimals: a few float32 roundings of numbers near 1. */
    public static final float OPTIMIZER_STEP = 1e-6f;

    /** Finite differences of float32 parameters with h = 1e-2 against analytic gradients in double (relative). */
    public static final double OBJECTIVE_FINITE_DIFFERENCE = 1e-3;

    /** Gossip means in float32 over tens of rounds on O(1) values: a few ulps per round accumulate. */
    public static final double GOSSIP_MEAN = 1e-5;

    /** Plain SGD at η = 0.1 on curvature ≥ 0.5 for hundreds of steps: the float32 fixed point. */
    public static final float CONVERGED = 1e-5f;

    /** Decentralized methods on heterogeneous quadratics at a constant step: an O(η) bias around the optimum. */
    public static final double NEIGHBOURHOOD = 0.05;

    /** Two float32 orderings of the same exact-arithmetic computation over tens of steps. */
    public static final float FLOAT_ROUNDING = 1e-5f;
}
