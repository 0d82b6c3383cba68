package peerlearn.algo;

import peerlearn.graph.MixingRow;
import peerlearn.net.Codec;

/**
 * One gossip step for one agent: send x_i to every neighbour, receive x_j from each, and form
 * Σ_j w_ij x_j over N(i) ∪ {i}.
 *
 * <p><b>Order.</b> Terms are added in agent-id order (i itself in its sorted place), in double,
 * so the result does not depend on when messages arrive.
 *
 * <p><b>Missing messages.</b> When a message is dropped or its sender has crashed, its term is
 * left out and the remaining weights are renormalised: x_i ← Σ_{j ∈ R} w_ij x_j / Σ_{j ∈ R} w_ij
 * with R the received neighbours plus i. The row stays a convex combination, so a lost message
 * pulls x_i towards its own value rather than towards zero.
 *
 * <p>A vector goes on the wire in {@link Codec}'s dense encoding (5 + 4d bytes of payload).
 */
final class Gossip {
    private final AgentContext ctx;
    private final int type;
    /** Elements mixed at a time: the chunk's sums and one neighbour's values stay in L1. */
    private static final int CHUNK = 1024;

    private final int d;
    private final double[] acc = new double[CHUNK];
    private final float[] chunk = new float[CHUNK];
    private final byte[] payload;
    private int missing;
    private boolean[] arrived = new boolean[0];
    private double[] termWeight = new double[1];
    private java.nio.FloatBuffer[] termValues = new java.nio.FloatBuffer[1];
    private float[][] termArray = new float[1][];

    /** Gossip of d-vectors in messages of the given type. */
    Gossip(AgentContext ctx, int type, int d) {
        this.ctx = ctx;
        this.type = type;
        this.d = d;
        this.payload = new byte[Codec.denseBytes(d)];
    }

    /** Sends {@code x} to every neighbour in W^(k) and writes Σ_j w_ij x_j into {@code out} (may be x). */
    void mix(int k, float[] x, float[] out) {
        MixingRow row = ctx.mixing(k);
        send(row, k, x);
        mixReceived(row, k, x, out);
    }

    /**
     * The uniform row over every agent this one can reach (the complete graph for the centralized
     * references): w_ij = 1/N for all j, so a mix is the exact mean.
     */
    static MixingRow everyone(AgentContext ctx) {
        int[] all = ctx.net().peers();
        double w = 1.0 / (all.length + 1);
        double[] ws = new double[all.length];
        java.util.Arrays.fill(ws, w);
        return new MixingRow(ctx.id(), w, all.clone(), ws);
    }

    /** Sends {@code x} to every neighbour of {@code row} (one frame, copied from this agent's own payload buffer). */
    void send(MixingRow row, int k, float[] x) {
        ctx.net().sendEach(row.neighbours(), type, k, Codec.denseInto(x, payload));
    }

    /** Receives the neighbours' vectors of round k and writes the renormalised mix with {@code self} into {@code out}. */
    void mixReceived(MixingRow row, int k, float[] self, float[] out) {
        mixReceived(row, k, self, out, null);
    }

    /**
     * As {@link #mixReceived(MixingRow, int, float[], float[])}, also keeping each neighbour's
     * vector: x_j goes into {@code keep[t]} for the t-th neighbour of the row when it arrived
     * ({@link #arrived(int)}); NGC and CGA evaluate gradients at these models.
     */
    void mixReceived(MixingRow row, int k, float[] self, float[] out, float[][] keep) {
        int[] nb = row.neighbours();
        if (arrived.length != nb.length) {
            arrived = new boolean[nb.length];
            termWeight = new double[nb.length + 1];
            termValues = new java.nio.FloatBuffer[nb.length + 1];
            termArray = new float[nb.length + 1][];
        }
        // the terms in agent-id order (i itself in its sorted place), each a weight and its vector
        int terms = 0;
        double total = 0;
        boolean selfAdded = false;
        missing = 0;
        for (int t = 0; t < nb.length; t++) {
            if (!selfAdded && nb[t] > ctx.id()) {
                terms = term(terms, row.self(), null, self);
                total += row.self();
                selfAdded = true;
            }
            // a read-only view into the received frame: its floats are read once, straight from it
            java.nio.ByteBuffer in = ctx.net().receiveView(nb[t], type, k);
            arrived[t] = in != null;
            if (in == null) {
                missing++;
                continue;
            }
            java.nio.FloatBuffer values = keep == null ? Codec.denseValues(in, d) : null;
            float[] into = null;
            if (values == null) { // kept for the caller, or not plain dense: decoded whole
                into = keep != null ? keep[t] : new float[d];
                Codec.decodeInto(in, into);
            }
            terms = term(terms, row.weights()[t], values, into);
            total += row.weights()[t];
        }
        if (!selfAdded) {
            terms = term(terms, row.self(), null, self);
            total += row.self();
        }
        // Σ_j w_ij x_j / Σ_j w_ij, a cache-sized chunk at a time, each element's terms added in the
        // order above (out may be self: a chunk is written only after all its terms are read)
        for (int c0 = 0; c0 < out.length; c0 += CHUNK) {
            int len = Math.min(CHUNK, out.length - c0);
            java.util.Arrays.fill(acc, 0, len, 0.0);
            for (int t = 0; t < terms; t++) {
                double w = termWeight[t];
                float[] v = termArray[t];
                int off = c0;
                if (v == null) {
                    termValues[t].get(c0, chunk, 0, len);
                    v = chunk;
                    off = 0;
                }
                for (int c = 0; c < len; c++) {
                    acc[c] += w * v[off + c];
                }
            }
            for (int c = 0; c < len; c++) {
                out[c0 + c] = (float) (acc[c] / total);
            }
        }
    }

    private int term(int t, double weight, java.nio.FloatBuffer values, float[] array) {
        termWeight[t] = weight;
        termValues[t] = values;
        termArray[t] = array;
        return t + 1;
    }

    /** Whether the t-th neighbour's vector arrived in the last mix. */
    boolean arrived(int t) {
        return arrived[t];
    }

    /** Neighbours whose message was missing in the last mix. */
    int missing() {
        return missing;
    }
}
