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
