package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.data.Batch;
import peerlearn.graph.Graph;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.MixingRow;
import peerlearn.graph.Topology;
import peerlearn.net.Frame;
import peerlearn.net.InMemoryNetwork;
import peerlearn.objective.Objective;
import peerlearn.optim.Optimizer;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.Tolerances;

/** GATTA end to end: its gradient, its reductions (μ = 1, ε = 0), its bytes and its convergence (theory/gatta.md). */
class GattaTest {
    private static Gatta agent(Objective f, Graph g, Map<String, String> params) {
        InMemoryNetwork net = new InMemoryNetwork(g);
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(g));
        return (Gatta) Algorithms.get("gatta").create(new AgentContext(0, net.endpoint(0), f, t, new Rng(9),
                Training.sgd(0.1).withParams(new Params(params))));
    }

    @Test
    void attentionByHand() {
        // D = 1, h_i = 0.5, h = (1, 2), a₁ = 0.2, a₂ = 1, c = 0, b = 0, θ = 0.3, μ = 0.5:
        // e = (1.1, 2.1) ≥ 0 so σ(e) = e; α = (1, e)/(1 + e) = (0.268941, 0.731059);
        // ĥ = ELU(α·h) = 1.731059; W = 0.5·0.3 + 0.5·1.731059 = 1.015529
        GattaAttention layer = new GattaAttention(1, 0.5f, GattaAttention.Score.ELU);
        float[] z = {0.3f, 0.2f, 1f, 0f, 0f}; // θ | a₁, a₂, c, b
        GattaAttention.Output o = layer.forward(z, null, 0, 1, Tensor.of(new float[] {0.5f}, 1, 1),
                Tensor.of(new float[] {1f, 2f}, 2, 1));
        assertArrayEquals(new float[] {0.268941f, 0.731059f}, o.alpha().value().toArray(), 1e-6f);
        assertEquals(1.015529f, o.w().value().at(0), 1e-6f);
        // with c = −3 the scores (−1.9, −0.9) fall in ELU's curved part: σ = eᵉ − 1 = (−0.850431, −0.593430)
        z[3] = -3f;
        o = layer.forward(z, null, 0, 1, Tensor.of(new float[] {0.5f}, 1, 1), Tensor.of(new float[] {1f, 2f}, 2, 1));
        double a1 = 1 / (1 + Math.exp(-0.593430 + 0.850431));
        assertArrayEquals(new float[] {(float) a1, (float) (1 - a1)}, o.alpha().value().toArray(), 1e-6f);
    }

    @Test
    void gradientOfTheLocalLossMatchesFiniteDifferences() {
        for (String score : new String[] {"elu", "leakyrelu"}) {
            Objective f = GattaSwarm.tanhNets(1, 12)[0];
            Gatta p = agent(f, Graphs.ring(3), Map.of("mu", "0.5", "score", score));
            float[] z = p.localParameters().clone();
            int d = f.dimension();
            int dim = f.span("last").length();
            Rng rng = new Rng(4);
            for (int c = d; c < z.length; c++) {
                z[c] += (float) (0.3 * rng.nextGaussian()); // b, c away from their initial values
            }
            float[] h = new float[2 * dim];
            for (int c = 0; c < h.length; c++) {
                h[c] = (float) (0.5 * rng.nextGaussian());
            }
            Tensor neighbours = Tensor.of(h, 2, dim);
            // c centres the two scores on 0, so one lies in σ's non-linear region and a₁ matters
            int last = f.span("last").offset();
            float[] x0 = f.initialParameters();
            double centre = 0;
            for (int k = 0; k < dim; k++) {
                centre += z[d + k] * x0[last + k] + z[d + dim + k] * (h[k] + h[dim + k]) / 2;
            }
            z[d + 2 * dim] = (float) -centre;
            Batch batch = f.nextBatch();
            float[] grad = new float[z.length];
            float[] scratch = new float[z.length];
            p.lossAndGradient(z, batch, grad, neighbours);
            String[] part = {"φ", "θ", "a₁", "a₂", "c", "b"};
            int[] start = {0, last, d, d + dim, d + 2 * dim, d + 2 * dim + 1, z.length};
            for (int q = 0; q < part.length; q++) {
                double largest = 0;
                for (int c = start[q]; c < start[q + 1]; c++) {
                    float v = z[c];
                    z[c] = (float) (v + Tolerances.FD_STEP);
                    double up = p.lossAndGradient(z, batch, scratch, neighbours);
                    float hi = z[c];
                    z[c] = (float) (v - Tolerances.FD_STEP);
                    double down = p.lossAndGradient(z, batch, scratch, neighbours);
                    double numeric = (up - down) / ((double) hi - z[c]);
                    z[c] = v;
                    double err = Math.abs(grad[c] - numeric) / Math.max(1, Math.abs(numeric));
                    assertTrue(err <= Tolerances.FD_GRADIENT, score + ": ∂L/∂" + part[q] + "[" + (c - start[q]) + "] = "
                            + grad[c] + ", finite difference " + numeric);
                    largest = Math.max(largest, Math.abs(numeric));
                }
                assertTrue(largest > 1e-3, score + ": the loss barely depends on " + part[q] + " (" + largest + ")");
            }
        }
    }

    @Test
    void muOneIsALocalHeadWithGossipOnTheBody() {
        int n = 5;
        int rounds = 30;
        Graph g = Graphs.ring(n);
        GattaSwarm s = GattaSwarm.run(false, GattaSwarm.quadratics(n), g, 0.1, Map.of("mu", "1"), rounds);
        // reference: x_i ← x_i − η ∇f_i(x_i), then the body alone is mixed: φ_i ← Σ_j w_ij φ_j / Σ_j w_ij
        Objective[] f = GattaSwarm.quadratics(n);
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(g));
        float[][] x = new float[n][];
        Optimizer[] opt = new Optimizer[n];
        for (int i = 0; i < n; i++) {
            x[i] = f[i].initialParameters();
            opt[i] = Training.sgd(0.1).newOptimizer(x[i].length);
        }
        int body = f[0].span("body").length();
        for (int k = 0; k < rounds; k++) {
            for (int i = 0; i < n; i++) {
                float[] grad = new float[x[i].length];
                f[i].lossAndGradient(x[i], f[i].nextBatch(), grad);
                opt[i].step(x[i], grad, 0.1f);
            }
            float[][] mixed = new float[n][];
            for (int i = 0; i < n; i++) {
                mixed[i] = x[i].clone();
                MixingRow row = t.at(k).row(i);
                for (int c = 0; c < body; c++) {
                    double acc = 0;
                    double total = 0;
                    for (int j = 0; j < n; j++) {
                        int at = java.util.Arrays.binarySearch(row.neighbours(), j);
                        double w = j == i ? row.self() : at >= 0 ? row.weights()[at] : 0;
                        if (w != 0) {
                            acc += w * x[j][c];
                            total += w;
                        }
                    }
                    mixed[i][c] = (float) (acc / total);
                }
            }
            x = mixed;
        }
        for (int i = 0; i < n; i++) {
            assertArrayEquals(x[i], s.programs.get(i).parameters(), Tolerances.EXACT, "agent " + i);
        }
    }

    @Test
    void epsilonZeroReproducesFullGattaBitForBit() {
        Graph g = Graphs.erdosRenyi(6, 0.6, 5);
        for (String steps : new String[] {"1", "2"}) {
            Map<String, String> p = Map.of("mu", "0.7", "local_steps", steps);
            GattaSwarm full = GattaSwarm.run(false, GattaSwarm.tanhNets(6, 12), g, 0.2, p, 12);
            Map<String, String> pe = new java.util.HashMap<>(p);
            pe.put("kappa", "0");
            GattaSwarm ce = GattaSwarm.run(true, GattaSwarm.tanhNets(6, 12), g, 0.2, pe, 12);
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(full.programs.get(i).localParameters(), ce.programs.get(i).localParameters(), Tolerances.EXACT,
                        "agent " + i + ", H = " + steps);
                assertArrayEquals(full.programs.get(i).edgeWeights(), ce.programs.get(i).edgeWeights(), 0.0, "agent " + i);
            }
            // the same messages, each pulled: one header-only request more per message
            assertEquals(2 * full.messages, ce.messages);
            assertEquals(full.bytes + full.messages * Frame.wireSize(0), ce.bytes);
        }
    }

    @Test
    void largerEpsilonNeverSendsMoreBytes() {
        Graph g = Graphs.erdosRenyi(8, 0.5, 2);
        long previous = Long.MAX_VALUE;
        long first = 0;
        for (double kappa : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            GattaSwarm s = GattaSwarm.run(true, GattaSwarm.tanhNets(8, 12), g, 0.3,
                    Map.of("mu", "0.5", "kappa", Double.toString(kappa)), 20);
            assertTrue(s.bytes <= previous, "κ = " + kappa + " sent " + s.bytes + " bytes, more than " + previous);
            previous = s.bytes;
            first = kappa == 0 ? s.bytes : first;
            for (Gatta a : s.programs) {
                assertTrue(a.extraMetrics().get("skipped") < g.neighbours(s.programs.indexOf(a)).length,
                        "every agent pulls at least its strongest neighbour");
            }
        }
        assertTrue(previous < 0.8 * first, "κ = 1 should skip a good share of the pulls: " + previous + " vs " + first);
    }

    @Test
    void aCompleteGraphEqualisesTheBodiesInOneRound() {
        int n = 4;
        GattaSwarm s = GattaSwarm.run(false, GattaSwarm.quadratics(n), Graphs.complete(n), 0.1, Map.of(), 1);
        int body = 3;
        for (int i = 1; i < n; i++) {
            assertArrayEquals(java.util.Arrays.copyOf(s.programs.get(0).parameters(), body),
                    java.util.Arrays.copyOf(s.programs.get(i).parameters(), body), Tolerances.EXACT, "agent " + i);
        }
    }

    @Test
    void averageGradientNormOfTheLocalLossesDecreases() {
        // Γ = ‖(1/N) Σ_i ∇_φ f_i(φ_i, W_i)‖² + (1/N) Σ_i ‖∇_W f_i(φ_i, W_i)‖²: stationarity of the
        // shared body on average and of each personalized head
        int n = 6;
        Graph g = Graphs.ring(n);
        double[] gamma = new double[4];
        int[] horizon = {1, 20, 80, 320};
        for (int h = 0; h < horizon.length; h++) {
            GattaSwarm s = GattaSwarm.run(false, GattaSwarm.quadratics(n), g, 0.1, Map.of("mu", "0.9"), horizon[h]);
            Objective[] f = GattaSwarm.quadratics(n);
            double[] bodyMean = new double[3];
            double heads = 0;
            for (int i = 0; i < n; i++) {
                float[] grad = new float[5];
                f[i].lossAndGradient(s.programs.get(i).parameters(), f[i].nextBatch(), grad);
                for (int c = 0; c < 3; c++) {
                    bodyMean[c] += grad[c] / (double) n;
                }
                heads += (grad[3] * (double) grad[3] + grad[4] * (double) grad[4]) / n;
            }
            gamma[h] = bodyMean[0] * bodyMean[0] + bodyMean[1] * bodyMean[1] + bodyMean[2] * bodyMean[2] + heads;
        }
        for (int h = 1; h < horizon.length; h++) {
            assertTrue(gamma[h] < gamma[h - 1], "Γ after " + horizon[h] + " rounds: " + gamma[h] + ", after "
                    + horizon[h - 1] + ": " + gamma[h - 1]);
        }
        assertTrue(gamma[3] < 1e-3 * gamma[0], "Γ fell only from " + gamma[0] + " to " + gamma[3]);
    }

    @Test
    void badSettingsAreRejectedByName() {
        Objective f = GattaSwarm.tanhNets(1, 6)[0];
        var e = assertThrows(IllegalArgumentException.class, () -> agent(f, Graphs.ring(3), Map.of("score", "relu")));
        assertEquals("algo.score = 'relu'; expected elu or leakyrelu", e.getMessage());
        var k = assertThrows(IllegalArgumentException.class, () -> agent(f, Graphs.ring(3), Map.of("kappa", "0.5")));
        assertTrue(k.getMessage().contains("algorithm gatta has no parameter algo.kappa"), k.getMessage());
    }
}
