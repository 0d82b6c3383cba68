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
}
