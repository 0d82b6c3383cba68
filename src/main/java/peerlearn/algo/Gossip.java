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
 * <p>A vector goes on the wire in {@link Codec}'s dense encoding (5 + 4d bytes of payload),
 * written straight into the frame; received vectors are read straight from theirs.
 */
final class Gossip {
    private final AgentContext ctx;
    private final int type;
    /** Elements mixed at a time: the chunk's sums and one neighbour's values stay in L1. */
    private static final int CHUNK = 1024;

    private final int d;
    private final double[] acc = new double[CHUNK];
    private final float[] chunk = new float[CHUNK];
    private int missing;
    /** Terms lined up by the last {@link #gather}: weights, and vectors as arrays or frame views. */
    private int terms;
    private boolean[] arrived = new boolean[0];
    private double[] termWeight = new double[1];
    private java.nio.FloatBuffer[] termValues = new java.nio.FloatBuffer[1];
    private float[][] termArray = new float[1][];

    /** Gossip of d-vectors in messages of the given type. */
    Gossip(AgentContext ctx, int type, int d) {
        this.ctx = ctx;
        this.type = type;
        this.d = d;
    }

    /** Sends {@code x} to every neighbour in W^(k) and writes Σ_j w_ij x_j into {@code out} (may be x). */
    void mix(int k, float[] x, float[] out) {
        MixingRow row = ctx.mixing(k);
        send(row, k, x);
        mixReceived(row, k, x, out);
    }

    /**
     * Relaxed gossip in place: sends {@code x} to every neighbour in W^(k), then
     * x ← x + γ(Σ_j w_ij x_j − x). The step towards the mix is taken a chunk at a time as the
     * chunk's sum is finished, so no d-long mixed vector is written and read back; every element
     * is the float that {@link #mix} into a separate vector m followed by
     * {@code x[c] = fma(γ, m[c] − x[c], x[c])} gives.
     */
    void mixRelaxed(int k, float[] x, float gamma) {
        MixingRow row = ctx.mixing(k);
        send(row, k, x);
        combine(gather(row, k, x, null), x, true, gamma);
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

    /** Sends {@code x} to every neighbour of {@code row} (one frame, x encoded straight into it). */
    void send(MixingRow row, int k, float[] x) {
        ctx.net().sendEach(row.neighbours(), type, k, Codec.densePayload(x));
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
        combine(gather(row, k, self, keep), out, false, 0f);
    }

    /**
     * As {@link #mixReceived(MixingRow, int, float[], float[], float[][])} followed by the relaxed
     * step of {@link #mixRelaxed}: x ← x + γ(Σ_j w_ij x_j − x) in place, keeping each neighbour's
     * vector in {@code keep} when it arrived.
     */
    void mixReceivedRelaxed(MixingRow row, int k, float[] x, float gamma, float[][] keep) {
        combine(gather(row, k, x, keep), x, true, gamma);
    }

    /**
     * Receives the neighbours' vectors of round k and lines up the terms of the mix in agent-id
     * order (i itself, {@code self}, in its sorted place), each a weight and its vector; returns
     * the sum of the weights of the terms present.
     */
    private double gather(MixingRow row, int k, float[] self, float[][] keep) {
        int[] nb = row.neighbours();
        if (arrived.length != nb.length) {
            arrived = new boolean[nb.length];
            termWeight = new double[nb.length + 1];
            termValues = new java.nio.FloatBuffer[nb.length + 1];
            termArray = new float[nb.length + 1][];
        }
        // the terms in agent-id order (i itself in its sorted place), each a weight and its vector
        terms = 0;
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
        return total;
    }

    /**
     * Writes m = Σ_j w_ij x_j / Σ_j w_ij over the gathered terms into {@code out}, or with
     * {@code relaxed} moves {@code out} (then x itself) to fma(γ, m − x, x), a cache-sized chunk
     * at a time, each element's terms added in the gathered order (out may be one of the terms: a
     * chunk is written only after all its terms are read).
     */
    private void combine(double total, float[] out, boolean relaxed, float gamma) {
        double[] acc = this.acc;
        float[] chunk = this.chunk;
        for (int c0 = 0; c0 < out.length; c0 += CHUNK) {
            int len = Math.min(CHUNK, out.length - c0);
            for (int t = 0; t < terms; t++) {
                // each term's chunk is copied into one L1-resident buffer first: the loops below then
                // read a single array from offset 0, which the compiler vectorizes best
                if (termArray[t] != null) {
                    System.arraycopy(termArray[t], c0, chunk, 0, len);
                } else {
                    termValues[t].get(c0, chunk, 0, len);
                }
                double w = termWeight[t];
                if (t == 0) { // the sums start from 0.0: the first term is added to zero, not assigned
                    for (int c = 0; c < len; c++) {
                        acc[c] = 0.0 + w * chunk[c];
                    }
                } else {
                    for (int c = 0; c < len; c++) {
                        acc[c] += w * chunk[c];
                    }
                }
            }
            // y / 1.0 is y exactly, so when the present weights sum to exactly 1 (every message of a
            // Metropolis–Hastings ring row arrived, say) the divisions, the dearest part, are skipped
            if (total != 1.0) {
                for (int c = 0; c < len; c++) {
                    acc[c] /= total;
                }
            }
            if (relaxed) {
                for (int c = 0; c < len; c++) {
                    float m = (float) acc[c];
                    out[c0 + c] = Math.fma(gamma, m - out[c0 + c], out[c0 + c]);
                }
            } else {
                for (int c = 0; c < len; c++) {
                    out[c0 + c] = (float) acc[c];
                }
            }
        }
        java.util.Arrays.fill(termValues, 0, terms, null); // the frame views are good for this round only
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
