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

    /** Plain SGD at η = 0.1 on curvature ≥ 0.5 for hundreds of steps: the float32 fixed point. */
    public static final float CONVERGED = 1e-5f;

    /** Decentralized methods on heterogeneous quadratics at a constant step: an O(η) bias around the optimum. */
    public static final double NEIGHBOURHOOD = 0.05;

    /** Two float32 orderings of the same exact-arithmetic computation over tens of steps. */
    public static final float FLOAT_ROUNDING = 1e-5f;
    /** Row/column sums of mixing weights: a handful of double additions of terms ≤ 1 (~N·2⁻⁵³). */
    public static final double MIXING_SUM = 1e-12;

    /** Jacobi eigenvalues of O(1) matrices: converged to ~1e-15 relative, with room for N up to ~100. */
    public static final double EIGEN = 1e-10;

    /**
     * Gossip in float32: each agent's mix is accumulated in double and rounded once, so each round
     * moves an entry by at most 2⁻²⁴·max|x| (~6e-8); 1e-5 leaves room for N and d up to ~100.
     */
    public static final double GOSSIP_MEAN = 1e-5;

    /**
     * A decaying float32 sequence (disagreement, a mode's amplitude) is measured until it falls
     * below this fraction of its start: the mean, which never decays, is rounded every round, and
     * those ~1e-7 errors leak into the disagreement, so below ~1e-6 of the start there is only noise.
     */
    public static final double FLOAT_SIGNAL_FLOOR = 1e-5;

    /**
     * A measured per-step contraction (envelope rate over windows) against the spectral radius of
     * the mode equations: the phase of an oscillating mode moves the window maxima by up to a
     * factor cos(θ/2) ≈ 0.9 over the ≥ 5 windows measured, about 1% in the rate.
     */
    public static final double CONTRACTION_RATE = 0.02;

    /**
     * A time average of a stationary mean square (squared error under gradient noise) against its
     * exact value: ~750 rounds × 4 seeds with correlation times of a few rounds leave a few
     * percent of sampling error; 15% keeps the test stable while a wrong rate or noise scale is
     * off by a factor.
     */
    public static final double STATIONARY_MEAN_SQUARE = 0.15;

    /**
     * A log-log slope (an exponent of N or K in a rate) fitted over a factor 8 of N from a few
     * seeds: the bound's constants and higher-order terms bend the line by about 0.1; a method
     * that does not average the noise has slope ≥ 0.
     */
    public static final double RATE_EXPONENT = 0.15;

    /**
     * A gradient read off one float32 step x¹ = x − g̃ (η = 1), relative to (|x| + |g|)²: each
     * coordinate carries about two float roundings (~1e-7 relative), squared into a deviation sum.
     */
    public static final double NGC_READ_OFF = 1e-6;

    /**
     * KKT residuals of CGA's QP in double, relative to 1 + ‖g‖² + n·dim: the active-set solve is
     * exact up to a few Cholesky roundings (~1e-15 relative on well-conditioned problems); 1e-9
     * leaves room for near-repeated rows, where P's condition number reaches ~1e6.
     */
    public static final double QP_KKT = 1e-9;

    /** Compressor identities in float32: one rounding of ‖v‖₁/d and of e + v − C(e + v) per step. */
    public static final double COMPRESS = 1e-6;
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
     * Partitions with α = 1000 are "near IID": an agent's label histogram lies within this total
     * variation of uniform (sampling noise of a few hundred draws over 10 classes is ≈ 0.05).
     */
    public static final double NEAR_IID_TV = 0.15;

    /** Partitions with α = 10⁻⁵ are "near single class": mean dominant-class fraction above this. */
    public static final double NEAR_SINGLE_CLASS = 0.9;

    /** Sums of at most ~50 probabilities or weights computed in double: ~N·2⁻⁵³ with a wide margin. */
    public static final double PROBABILITY_SUM = 1e-12;

    /**
     * Softmax outputs after shifting s by |c| ≤ 10 at τ ≤ 50, or at τ ≤ 10⁻¹² against uniform: the
     * exponents τ(s_j − s_max) move by ~10⁻¹³, so the probabilities by about as much.
     */
    public static final double SOFTMAX = 1e-9;

    /** Values computed in double and stored as float32 (|x| ≲ 10): a few float ulps. */
    public static final double FLOAT_STORAGE = 1e-5;

    /** Bilinear rotation by 360° − ε against the original: interpolation weights of order ε. */
    public static final float ROTATION_SMALL_ANGLE = 1e-3f;
    /**
     * Float32 unit roundoff u = 2⁻²⁴. A float fma chain of k terms is within γ_{k} ≈ k·u of the
     * exact sum relative to Σ|terms| (Higham, Accuracy and Stability of Numerical Algorithms,
     * 2nd ed., §3.1); tests allow (k + 3)·u·(1 + 1e-3) to cover the epilogue's two roundings.
     */
    public static final double FLOAT_UNIT_ROUNDOFF = 0x1p-24;

    /** Double unit roundoff 2⁻⁵³: the same bound for sums accumulated in double. */
    public static final double DOUBLE_UNIT_ROUNDOFF = 0x1p-53;

    /**
     * peerlearn against PyTorch float32 goldens (testdata/nn/golden.txt), relative to the largest
     * value of the compared vector: the two libraries sum in different orders, a few ulps per
     * layer; a wrong layout or formula gives errors of order 1.
     */
    public static final double TORCH_GOLDEN = 1e-4;

    /**
     * Autograd goldens against PyTorch (float32 on both sides, different summation orders): a sum
     * of k terms of size O(1) may differ by about k·2⁻²⁴ per term; with k ≤ 75 here, 2e−5 absolute
     * plus 1e−4 relative bounds it with a margin.
     */
    public static final double GOLDEN_ABS = 2e-5;

    /** See {@link #GOLDEN_ABS}. */
    public static final double GOLDEN_REL = 1e-4;

    /**
     * DePRL's speedup test: log-log slope of the stationarity measure against N (theory −½), from
     * 8 seeds × N = 2…32 at K = 500. Between 4-seed halves the slope moves by about ±0.15 (small N
     * has few, random heads); bodies that are not averaged diverge (no slope at all).
     */
    public static final double SPEEDUP_SLOPE = 0.2;
}
