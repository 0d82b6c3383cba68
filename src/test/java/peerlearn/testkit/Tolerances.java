package peerlearn.testkit;

/**
 * Every numerical tolerance the tests use, each with the reason it is what it is.
 * Add new ones here rather than writing literals in tests.
 */
public final class Tolerances {
    private Tolerances() {}

    /** Bit-identical: Vector API kernels and their scalar twins sum in the same order with fma. */
    public static final float EXACT = 0f;

    /**
     * Float32 unit roundoff u = 2⁻²⁴. A float fma chain of k terms is within γ_{k} ≈ k·u of the
     * exact sum relative to Σ|terms| (Higham, Accuracy and Stability of Numerical Algorithms,
     * 2nd ed., §3.1); tests allow (k + 3)·u·(1 + 1e-3) to cover the epilogue's two roundings.
     */
    public static final double FLOAT_UNIT_ROUNDOFF = 0x1p-24;

    /** Double unit roundoff 2⁻⁵³: the same bound for sums accumulated in double. */
    public static final double DOUBLE_UNIT_ROUNDOFF = 0x1p-53;

    /**
     * Central-difference step for autograd gradient checks: inputs are O(1), so h = 1e−2 keeps the
     * truncation error (h²/6)·|f‴| near 2e−5 while the float32 rounding of the forward pass,
     * about 1e−7·|L| divided by 2h, stays near 1e−5.
     */
    public static final double FD_STEP = 1e-2;

    /**
     * Autograd gradient check, error |analytic − numeric| / max(1, |numeric|): the two error
     * sources above add to about 1e−4 on the shapes tested; 2e−3 leaves a margin, while a wrong
     * backward rule (a lost term, a missing factor) gives errors of order 1e−1 or more.
     */
    public static final double FD_GRADIENT = 2e-3;

    /**
     * Autograd goldens against PyTorch (float32 on both sides, different summation orders): a sum
     * of k terms of size O(1) may differ by about k·2⁻²⁴ per term; with k ≤ 75 here, 2e−5 absolute
     * plus 1e−4 relative bounds it with a margin.
     */
    public static final double GOLDEN_ABS = 2e-5;

    /** See {@link #GOLDEN_ABS}. */
    public static final double GOLDEN_REL = 1e-4;
}
