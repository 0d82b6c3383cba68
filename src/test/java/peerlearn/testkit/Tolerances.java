package peerlearn.testkit;

/**
 * Every numerical tolerance the tests use, each with the reason it is what it is.
 * Add new ones here rather than writing literals in tests.
 */
public final class Tolerances {
    private Tolerances() {}

    /** Bit-identical: Vector API kernels and their scalar twins sum in the same order with fma. */
    public static final float EXACT = 0f;

    /** Row/column sums of mixing weights: a handful of double additions of terms ≤ 1 (~N·2⁻⁵³). */
    public static final double MIXING_SUM = 1e-12;

    /** Jacobi eigenvalues of O(1) matrices: converged to ~1e-15 relative, with room for N up to ~100. */
    public static final double EIGEN = 1e-10;

    /**
     * Gossip in float32: each agent's mix is accumulated in double and rounded once, so each round
     * moves an entry by at most 2⁻²⁴·max|x| (~6e-8); 1e-5 leaves room for N and d up to ~100.
     */
    public static final double GOSSIP_MEAN = 1e-5;

    /** Compressor identities in float32: one rounding of ‖v‖₁/d and of e + v − C(e + v) per step. */
    public static final double COMPRESS = 1e-6;

    /**
     * Partitions with α = 1000 are "near IID": an agent's label histogram lies within this total
     * variation of uniform (sampling noise of a few hundred draws over 10 classes is ≈ 0.05).
     */
    public static final double NEAR_IID_TV = 0.15;

    /** Partitions with α = 10⁻⁵ are "near single class": mean dominant-class fraction above this. */
    public static final double NEAR_SINGLE_CLASS = 0.9;

    /** Values computed in double and stored as float32 (|x| ≲ 10): a few float ulps. */
    public static final double FLOAT_STORAGE = 1e-5;

    /** Bilinear rotation by 360° − ε against the original: interpolation weights of order ε. */
    public static final float ROTATION_SMALL_ANGLE = 1e-3f;
}
