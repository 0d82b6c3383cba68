package peerlearn.net;

import peerlearn.graph.MixingRow;
import peerlearn.graph.Topology;

/**
 * Plain gossip averaging, x_i ← Σ_j w_ij x_j over the closed neighbourhood, as an
 * {@link AgentRuntime.Agent}: the smallest complete example of an agent program on this
 * runtime, and the workload of the consensus tests and the network benchmark.
 *
 * <p>Round k: send x_i (DENSE) to every j ∈ N(i) of W^(k), then receive each x_j in agent-id
 * order and accumulate w_ij x_j (with w_ii x_i at i's own place in that order) in double, rounding
 * once to float. A missing message (dropped, or its sender crashed) is replaced by x_i itself —
 * the weight w_ij moves to the diagonal — which keeps every row summing to 1 (the average is then
 * no longer preserved exactly; see theory/foundations.md#faults).
 */
public final class GossipAgent implements AgentRuntime.Agent<float[]> {
    /** The message type gossip uses. */
    public static final int TYPE = 1;

    private final Endpoint net;
    private final Topology topology;
    private final float[] x;
    private final double[] acc;
    private float[][] values = new float[0][];
    private long missing;

    public GossipAgent(Endpoint net, Topology topology, float[] x0) {
        this.net = net;
        this.topology = topology;
        this.x = x0.clone();
        this.acc = new double[x0.length];
    }

    @Override
    public void round(int k) {
        MixingRow row = topology.at(k).row(net.self());
        int[] nb = row.neighbours();
        net.sendEach(nb, TYPE, k, Codec.densePayload(x));
        java.util.Arrays.fill(acc, 0);
        boolean selfAdded = false;
        double selfWeight = row.self();
        if (values.length < nb.length) {
            values = new float[nb.length][x.length];
        }
        boolean[] arrived = new boolean[nb.length];
        for (int m = 0; m < nb.length; m++) {
            java.nio.ByteBuffer p = net.receiveView(nb[m], TYPE, k);
            arrived[m] = p != null;
            if (p == null) {
                missing++;
                selfWeight += row.weights()[m];
            } else {
                Codec.decodeInto(p, values[m]);
            }
        }
        for (int m = 0; m < nb.length; m++) {
            if (!selfAdded && nb[m] > net.self()) {
                axpy(selfWeight, x);
                selfAdded = true;
            }
            if (arrived[m]) {
                axpy(row.weights()[m], values[m]);
            }
        }
        if (!selfAdded) {
            axpy(selfWeight, x);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) acc[i];
        }
    }

    private void axpy(double w, float[] v) {
        for (int i = 0; i < v.length; i++) {
            acc[i] += w * v[i];
        }
    }

    @Override
    public float[] snapshot(int k) {
        return x.clone();
    }

    /** The current vector (a copy). */
    public float[] value() {
        return x.clone();
    }

    /** Messages that were missing so far. */
    public long missing() {
        return missing;
    }
}
