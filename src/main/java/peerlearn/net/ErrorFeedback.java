package peerlearn.net;

import java.util.Arrays;

/**
 * Error feedback around a compressor (Seide et al. 2014; Karimireddy et al., ICML 2019): a memory
 * e (initially 0) of what compression has left out so far. Each call sends C(e + v) and keeps
 * e ← e + v − C(e + v), so over T calls Σ_t C(e_t + v_t) = Σ_t v_t − e_T: nothing is lost, only
 * delayed. Keep one instance per (sender, receiver) pair, and one for a self-term where an
 * algorithm compresses it (CompNGC).
 */
public final class ErrorFeedback implements peerlearn.state.Stateful {
    private final Compressor compressor;
    private final float[] memory;
    private final float[] corrected;
    private final float[] decoded;

    public ErrorFeedback(Compressor compressor, int dimension) {
        this.compressor = compressor;
        this.memory = new float[dimension];
        this.corrected = new float[dimension];
        this.decoded = new float[dimension];
    }

    /**
     * One error-feedback memory per peer (sorted by peer id), each with its own compressor from
     * {@code compressorFor} — e.g. {@code j -> Compressors.scaledSign(segments)}.
     */
    public static java.util.SortedMap<Integer, ErrorFeedback> perPeer(int[] peers, java.util.function.IntFunction<Compressor> compressorFor,
            int dimension) {
        java.util.SortedMap<Integer, ErrorFeedback> m = new java.util.TreeMap<>();
        for (int j : peers) {
            m.put(j, new ErrorFeedback(compressorFor.apply(j), dimension));
        }
        return m;
    }

    /** The memory e and the last C(e + v) sent. */
    @Override
    public void state(peerlearn.state.State s) {
        s.floats("memory", memory);
        s.floats("last_sent", decoded);
    }

    /** Returns the payload of C(e + v) and updates e. */
    public byte[] compress(float[] v) {
        if (v.length != memory.length) {
            throw new IllegalArgumentException("error feedback for dimension " + memory.length + " got a vector of "
                    + v.length);
        }
        for (int i = 0; i < v.length; i++) {
            corrected[i] = memory[i] + v[i];
        }
        byte[] payload = compressor.compress(corrected, decoded);
        for (int i = 0; i < v.length; i++) {
            memory[i] = corrected[i] - decoded[i];
        }
        return payload;
    }

    /** C(e + v) of the last call, as the receiver decodes it (a copy). */
    public float[] lastSent() {
        return decoded.clone();
    }

    /** The current memory e (a copy). */
    public float[] memory() {
        return memory.clone();
    }

    /** Resets e to 0. */
    public void reset() {
        Arrays.fill(memory, 0f);
    }

    public Compressor compressor() {
        return compressor;
    }
}
