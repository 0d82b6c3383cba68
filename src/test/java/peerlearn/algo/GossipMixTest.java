package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.MixingRow;
import peerlearn.graph.Topology;
import peerlearn.net.AgentRuntime;
import peerlearn.net.Faults;
import peerlearn.net.InMemoryNetwork;
import peerlearn.objective.Quadratic;
import peerlearn.rng.Rng;

/**
 * The gossip mix, computed a chunk at a time from the received frames, equals the textbook
 * formula Σ_{j ∈ R} w_ij x_j / Σ_{j ∈ R} w_ij — terms added in agent-id order, in double —
 * bit for bit, on vectors several chunks long with a ragged last chunk, with and without
 * lost messages; so does the relaxed step x + γ(mix − x) fused into it.
 */
class GossipMixTest {
    private static final int N = 6, D = 2 * 1024 + 37;

    /** Each agent's vector: magnitudes over many binades, so a changed order would show in the bits. */
    private static float[][] vectors() {
        Rng r = new Rng(17);
        float[][] x = new float[N][D];
        for (float[] v : x) {
            for (int c = 0; c < D; c++) {
                v[c] = (float) (r.nextGaussian() * Math.pow(2, r.nextInt(40) - 20));
            }
        }
        return x;
    }

    /**
     * Runs one gossip round and compares every agent's result with the formula; returns the number
     * of lost messages. With {@code gamma} null the agents mix into a separate vector; otherwise
     * they take the relaxed step x ← fma(γ, m − x, x) in place (even ids through
     * {@link Gossip#mixRelaxed}, odd ids through {@link Gossip#mixReceivedRelaxed} keeping the
     * neighbours' vectors, which must equal what was sent).
     */
    private static int check(Faults faults, Float gamma) {
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.erdosRenyi(N, 0.6, 2)));
        InMemoryNetwork net = new InMemoryNetwork(t.contactGraph(), faults);
        float[][] x = vectors();
        float[][] mixed = new float[N][D];
        float[][][] kept = new float[N][][];
        boolean[][] arrived = new boolean[N][];
        List<AgentRuntime.Agent<Void>> agents = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int id = i;
            AgentContext ctx = new AgentContext(i, net.endpoint(i), Quadratic.diagonal(new float[D], new float[D], 0,
                    new Rng(1), new float[D]), t, new Rng(3));
            Gossip g = new Gossip(ctx, 1, D);
            agents.add(k -> {
                MixingRow row = ctx.mixing(k);
                if (gamma == null) {
                    g.mix(k, x[id], mixed[id]);
                } else if (id % 2 == 0) {
                    mixed[id] = x[id].clone();
                    g.mixRelaxed(k, mixed[id], gamma);
                } else {
                    mixed[id] = x[id].clone();
                    kept[id] = new float[row.degree()][D];
                    g.send(row, k, mixed[id]);
                    g.mixReceivedRelaxed(row, k, mixed[id], gamma, kept[id]);
                }
                int deg = row.neighbours().length;
                arrived[id] = new boolean[deg];
                for (int s = 0; s < deg; s++) {
                    arrived[id][s] = g.arrived(s);
                }
            });
        }
        AgentRuntime.run(net, 1, agents);
        int lost = 0;
        for (int i = 0; i < N; i++) {
            MixingRow row = t.at(0).row(i);
            float[] want = new float[D];
            for (int c = 0; c < D; c++) {
                double sum = 0, total = 0;
                boolean selfAdded = false;
                for (int s = 0; s < row.neighbours().length; s++) {
                    int j = row.neighbours()[s];
                    if (!selfAdded && j > i) {
                        sum += row.self() * x[i][c];
                        total += row.self();
                        selfAdded = true;
                    }
                    if (arrived[i][s]) {
                        sum += row.weights()[s] * x[j][c];
                        total += row.weights()[s];
                    }
                }
                if (!selfAdded) {
                    sum += row.self() * x[i][c];
                    total += row.self();
                }
                want[c] = (float) (sum / total);
                if (gamma != null) {
                    want[c] = Math.fma(gamma, want[c] - x[i][c], x[i][c]);
                }
            }
            assertArrayEquals(want, mixed[i], "agent " + i);
            for (int s = 0; kept[i] != null && s < row.degree(); s++) {
                if (arrived[i][s]) {
                    assertArrayEquals(x[row.neighbours()[s]], kept[i][s], "agent " + i + " keeps neighbour " + s);
                }
            }
            for (boolean a : arrived[i]) {
                lost += a ? 0 : 1;
            }
        }
        return lost;
    }

    @Test
    void everyMessageArrives() {
        assertEquals(0, check(Faults.none(), null));
    }

    @Test
    void someMessagesAreLost() {
        assertEquals(true, check(Faults.drops(5, 0.4), null) > 0, "some messages were lost");
    }

    /** The relaxed step fused into the chunked mix gives the bits of mixing first and stepping after. */
    @Test
    void relaxedStepFusedIntoTheMix() {
        assertEquals(0, check(Faults.none(), 0.37f));
        assertEquals(true, check(Faults.drops(5, 0.4), 0.37f) > 0, "some messages were lost");
    }
}
