package peerlearn.net;

/**
 * A compression operator C: encodes a float vector as payload bytes ({@link Codec} formats) and
 * reports C(v), the vector the receiver will decode, so the sender can keep error feedback. A
 * randomised compressor owns its random stream, so one instance belongs to one sender.
 */
public interface Compressor {
    /** Encodes C(v) and writes C(v) into {@code decoded} (same length as v). */
    byte[] compress(float[] v, float[] decoded);

    /** Short name, e.g. {@code "sign"}, {@code "topk(0.01)"}. */
    String name();
}
