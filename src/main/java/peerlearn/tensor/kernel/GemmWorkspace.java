package peerlearn.tensor.kernel;

/**
 * Packing buffers for {@link Gemm} (and {@link RowDots}' partial sums), reused from call to call so that a training step does not
 * allocate them anew for every matrix product. A workspace belongs to one thread of work (one
 * agent, one benchmark): it is not safe to share between threads running at the same time.
 * The buffers only grow; their contents between calls mean nothing.
 */
public final class GemmWorkspace {
    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] accumulators = new float[0];
    private float[] rowDotPartials = new float[0];
    private long[] packedPairs = new long[0];

    /** A buffer for packed panels of op(A) holding at least {@code size} floats. */
    float[] packedA(int size) {
        if (packedA.length < size) {
            packedA = new float[size];
        }
        return packedA;
    }

    /** A buffer for packed panels of op(B) holding at least {@code size} floats. */
    float[] packedB(int size) {
        if (packedB.length < size) {
            packedB = new float[size];
        }
        return packedB;
    }

    /** A buffer for op(A) packed in pairs of floats, one pair to a long (the pair tile's). */
    long[] packedPairs(int size) {
        if (packedPairs.length < size) {
            packedPairs = new long[size];
        }
        return packedPairs;
    }

    /** A buffer for partial sums carried from one k-block to the next. */
    float[] accumulators(int size) {
        if (accumulators.length < size) {
            accumulators = new float[size];
        }
        return accumulators;
    }

    /** A buffer for {@link RowDots}' partial sums carried from one k-block to the next. */
    float[] rowDotPartials(int size) {
        if (rowDotPartials.length < size) {
            rowDotPartials = new float[size];
        }
        return rowDotPartials;
    }

    /** Fills the buffers with NaN, for tests that no product reads what an earlier one left. */
    public void poison() {
        java.util.Arrays.fill(packedA, Float.NaN);
        java.util.Arrays.fill(packedB, Float.NaN);
        java.util.Arrays.fill(accumulators, Float.NaN);
        java.util.Arrays.fill(rowDotPartials, Float.NaN);
        // two quiet NaNs to a long
        java.util.Arrays.fill(packedPairs, 0x7FC0_0000_7FC0_0000L);
    }
}
