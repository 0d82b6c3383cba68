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
    private final double[] acc;
    private final float[] received;
    private final byte[] payload;
    private int missing;
    private boolean[] arrived = new boolean[0];

    /** Gossip of d-vectors in messages of the given type. */
    Gossip(AgentContext ctx, int type, int d) {
        this.ctx = ctx;
        this.type = type;
        this.acc = new double[d];
        this.received = new float[d];
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
        java.util.Arrays.fill(acc, 0.0);
        double total = 0;
        boolean selfAdded = false;
        missing = 0;
        int[] nb = row.neighbours();
        if (arrived.length != nb.length) {
            arrived = new boolean[nb.length];
        }
        for (int t = 0; t < nb.length; t++) {
            if (!selfAdded && nb[t] > ctx.id()) {
                add(row.self(), self);
                total += row.self();
                selfAdded = true;
            }
            // a read-only view into the received frame: its floats are decoded once, straight into place
            java.nio.ByteBuffer in = ctx.net().receiveView(nb[t], type, k);
            arrived[t] = in != null;
            if (in == null) {
                missing++;
                continue;
            }
            float[] into = keep == null ? received : keep[t];
            Codec.decodeInto(in, into);
            add(row.weights()[t], into);
            total += row.weights()[t];
        }
        if (!selfAdded) {
            add(row.self(), self);
            total += row.self();
        }
        for (int c = 0; c < acc.length; c++) {
            out[c] = (float) (acc[c] / total);
        }
    }

    /** Whether the t-th neighbour's vector arrived in the last mix. */
    boolean arrived(int t) {
        return arrived[t];
    }

    /** Neighbours whose message was missing in the last mix. */
    int missing() {
        return missing;
    }

    private void add(double w, float[] v) {
        for (int c = 0; c < acc.length; c++) {
            acc[c] += w * v[c];
        }
    }
}
