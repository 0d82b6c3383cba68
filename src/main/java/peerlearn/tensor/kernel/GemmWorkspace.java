package peerlearn.tensor.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Packing buffers for {@link Gemm} (and {@link RowDots}' partial sums), reused from call to call so that a training step does not
 * allocate them anew for every matrix product. A workspace belongs to one thread of work (one
 * agent, one benchmark): it is not safe to share between threads running at the same time.
 * The buffers only grow; their contents between calls mean nothing.
 */
public final class GemmWorkspace {
    private static final int LINE_FLOATS = CacheLines.BYTES / Float.BYTES;

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    /** packedB as a segment, made once per buffer so that asking for its lead allocates nothing. */
    private MemorySegment packedBSegment = MemorySegment.ofArray(packedB);
    /** Where the B panels start in their buffer: -1 for the first float on a cache line. */
    private final int lead;
    private float[] accumulators = new float[0];
    private float[] rowDotPartials = new float[0];
    private long[] packedPairs = new long[0];

    /**
     * A workspace whose packed B panels start on a cache line, where addresses can be learned
     * ({@link CacheLines}).
     */
    public GemmWorkspace() {
        this.lead = -1;
    }

    /**
     * A workspace whose packed B panels start {@code lead} floats into their buffer, 0 to 15,
     * wherever that is: for tests of every offset and benchmarks that compare.
     */
    GemmWorkspace(int lead) {
        if (lead < 0 || lead >= LINE_FLOATS) {
            throw new IllegalArgumentException("lead of the B panels: 0 to " + (LINE_FLOATS - 1) + " floats, got " + lead);
        }
        this.lead = lead;
    }

    /** A buffer for packed panels of op(A) holding at least {@code size} floats. */
    float[] packedA(int size) {
        if (packedA.length < size) {
            packedA = new float[size];
        }
        return packedA;
    }

    /**
     * A buffer for packed panels of op(B) holding at least {@code size} floats from
     * {@link #packedBLead()} on.
     */
    float[] packedB(int size) {
        if (packedB.length < size + LINE_FLOATS - 1) {
            packedB = new float[size + LINE_FLOATS - 1];
            packedBSegment = MemorySegment.ofArray(packedB);
        }
        return packedB;
    }

    /**
     * Where in {@link #packedB} the panels start, 0 to 15: its first float on a cache line as far
     * as is known now (the collector may move the buffer, so a product asks once, before it packs).
     */
    int packedBLead() {
        return lead >= 0 ? lead : CacheLines.floatsToLine(packedBSegment);
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
