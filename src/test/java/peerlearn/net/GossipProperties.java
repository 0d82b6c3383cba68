package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Spectrum;
import peerlearn.graph.Topology;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/**
 * Gossip x ← Wx run for real: agents on virtual threads exchanging encoded vectors over the
 * in-memory transport. Checks theory/foundations.md#consensus: the average is preserved and the
 * disagreement ‖X − 1x̄ᵀ‖_F shrinks by at least ρ = max(|λ₂|, |λ_N|) every round.
 */
class GossipProperties {
    private static final int ROUNDS = 12;

    @Test
    void gossipPreservesTheAverage() {
        qt().withExamples(60).forAll(peerlearn.testkit.Graphs.connected(24), integers().between(0, 9), longs().all())
                .checkAssert((g, d, seed) -> {
                    Run r = run(MixingMatrix.metropolisHastings(g), d, seed);
                    double scale = r.maxAbs;
                    for (int k = 0; k < ROUNDS; k++) {
                        double[] mean = mean(r.states.get(k + 1));
                        double[] mean0 = mean(r.states.get(0));
                        for (int c = 0; c < d; c++) {
                            assertEquals(mean0[c], mean[c], Tolerances.GOSSIP_MEAN * scale * (k + 1),
                                    g + ", round " + k + ", coordinate " + c);
                        }
                    }
                });
    }

    @Test
    void gossipContractsDisagreementBySpectralRadius() {
        qt().withExamples(60).forAll(peerlearn.testkit.Graphs.connected(24), integers().between(1, 9), longs().all())
                .checkAssert((g, d, seed) -> {
                    MixingMatrix w = seed % 2 == 0 ? MixingMatrix.metropolisHastings(g) : MixingMatrix.metropolisHastings(g).lazy();
                    double rho = Spectrum.of(w).rho();
                    Run r = run(w, d, seed);
                    double noise = Tolerances.GOSSIP_MEAN * r.maxAbs * Math.sqrt(g.size() * (double) d);
                    for (int k = 0; k < ROUNDS; k++) {
                        double before = disagreement(r.states.get(k)), after = disagreement(r.states.get(k + 1));
                        assertTrue(after <= rho * before + noise, g + " / " + w.name() + ", round " + k + ": ‖X − 1x̄ᵀ‖ went "
                                + before + " → " + after + ", more than ρ = " + rho + " times");
                    }
                });
    }

    @Test
    void onePeerExponentialGossipAveragesExactlyInLogNRounds() {
        qt().withExamples(20).forAll(integers().between(0, 5), longs().all()).checkAssert((tau, seed) -> {
            int n = 1 << tau;
            Topology t = Topology.onePeerExponential(n);
            InMemoryNetwork net = new InMemoryNetwork(t.contactGraph());
            Rng rng = new Rng(seed);
            List<GossipAgent> agents = new ArrayList<>();
            long sum = 0;
            for (int i = 0; i < n; i++) {
                int v = rng.nextInt(1 << 16); // integers: every partial average is a dyadic rational, exact in float
                sum += v;
                agents.add(new GossipAgent(net.endpoint(i), t, new float[] {v}));
            }
            AgentRuntime.run(net, Math.max(1, tau), agents);
            for (GossipAgent a : agents) {
                assertEquals((double) sum / n, a.value()[0], 0.0, "n = " + n);
            }
        });
    }

    private record Run(List<float[][]> states, double maxAbs) {}

    /** states.get(0) is X⁰, states.get(k + 1) is X after round k. */
    private static Run run(MixingMatrix w, int d, long seed) {
        int n = w.size();
        Topology t = Topology.fixed(w);
        InMemoryNetwork net = new InMemoryNetwork(w.graph());
        Rng rng = new Rng(seed);
        float[][] x0 = new float[n][d];
        double maxAbs = 1e-30;
        for (float[] row : x0) {
            for (int c = 0; c < d; c++) {
                row[c] = (float) (rng.nextGaussian() * 10);
                maxAbs = Math.max(maxAbs, Math.abs(row[c]));
            }
        }
        List<GossipAgent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            agents.add(new GossipAgent(net.endpoint(i), t, x0[i]));
        }
        List<float[][]> states = new ArrayList<>();
        states.add(x0);
        AgentRuntime.run(net, ROUNDS, agents, k -> true, (k, snaps) -> states.add(snaps.toArray(float[][]::new)));
        assertEquals(ROUNDS + 1, states.size());
        return new Run(states, maxAbs);
    }

    static double[] mean(float[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        double[] m = new double[d];
        for (float[] row : x) {
            for (int c = 0; c < d; c++) {
                m[c] += row[c];
            }
        }
        for (int c = 0; c < d; c++) {
            m[c] /= x.length;
        }
        return m;
    }

    static double disagreement(float[][] x) {
        double[] m = mean(x);
        double s = 0;
        for (float[] row : x) {
            for (int c = 0; c < m.length; c++) {
                s += (row[c] - m[c]) * (row[c] - m[c]);
            }
        }
        return Math.sqrt(s);
    }

}
