package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.experiment.Runner;
import peerlearn.graph.Graph;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.objective.Objective;
import peerlearn.objective.Quadratic;
import peerlearn.optim.Sgd;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/** Each baseline on quadratics, where the exact trajectory is known. */
class BaselinesTest {
    private static final float[] A = {0.5f, 1f, 1.5f};
    private static final float ETA = 0.1f;

    /** f_i(x) = ½ Σ a_k (x_k − b_ik)², b_i = (i, −i, 2i), noiseless, from x⁰_i. */
    private static Objective[] quadratics(int n, boolean sameOptimum, boolean spreadStart) {
        Objective[] f = new Objective[n];
        for (int i = 0; i < n; i++) {
            float[] b = sameOptimum ? new float[] {1, -1, 2} : new float[] {i, -i, 2 * i};
            float[] x0 = spreadStart ? new float[] {3 * i, -i, 0.5f * i} : new float[3];
            f[i] = Quadratic.diagonal(A, b, 0, Rng.stream(7, i, "batches"), x0);
        }
        return f;
    }

    static Graph ring(int n) {
        int[][] e = new int[n][2];
        for (int i = 0; i < n; i++) {
            e[i] = new int[] {i, (i + 1) % n};
        }
        return Graph.fromEdges("ring", n, e);
    }

    private static Topology ringTopology(int n) {
        return Topology.fixed(MixingMatrix.metropolisHastings(ring(n)));
    }

    private static float[][] train(String algorithm, Objective[] f, Topology t, Map<String, String> params, int rounds) {
        return Runner.train(Algorithms.get(algorithm), f, t, Training.sgd(ETA).withParams(new Params(params)), rounds, 1);
    }

    @Test
    void allReduceEqualsCentralizedSgdExactly() {
        int n = 4;
        float[][] x = train("allreduce", quadratics(n, false, false), ringTopology(n), Map.of(), 25);
        // centralized: x ← x − η (1/N) Σ_i ∇f_i(x), the mean summed in agent-id order in double
        float[] ref = new float[3];
        Sgd sgd = Sgd.plain(3);
        float[] g = new float[3];
        for (int k = 0; k < 25; k++) {
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (float) (A[c] * ((double) ref[c] - i * (c == 0 ? 1 : c == 1 ? -1 : 2)));
                }
                g[c] = (float) (s / n);
            }
            sgd.step(ref, g, ETA);
        }
        for (int i = 0; i < n; i++) {
            assertArrayEquals(ref, x[i], Tolerances.EXACT, "agent " + i);
        }
    }

    @Test
    void dpsgdOnIdenticalQuadraticsFollowsGradientDescentInTheMean() {
        int n = 8;
        int rounds = 30;
        float[][] x = train("dpsgd", quadratics(n, true, true), ringTopology(n), Map.of(), rounds);
        // W doubly stochastic and ∇f affine ⇒ x̄^{k+1} = x̄^k − η a (x̄^k − b)
        double[] mean = {0, 0, 0};
        for (int i = 0; i < n; i++) {
            mean[0] += 3.0 * i / n;
            mean[1] += -1.0 * i / n;
            mean[2] += 0.5 * i / n;
        }
        double[] b = {1, -1, 2};
        for (int k = 0; k < rounds; k++) {
            for (int c = 0; c < 3; c++) {
                mean[c] -= ETA * A[c] * (mean[c] - b[c]);
            }
        }
        for (int c = 0; c < 3; c++) {
            double got = 0;
            for (int i = 0; i < n; i++) {
                got += x[i][c];
            }
            assertEquals(mean[c], got / n, Tolerances.GOSSIP_MEAN, "coordinate " + c);
        }
    }

    @Test
    void relaxedGossipWithGammaZeroIsLocalTraining() {
        int n = 4;
        float[][] gossip = train("dpsgd", quadratics(n, false, true), ringTopology(n), Map.of("gamma", "0"), 10);
        float[][] local = train("local", quadratics(n, false, true), ringTopology(n), Map.of(), 10);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(local[i], gossip[i], Tolerances.EXACT, "agent " + i);
        }
    }

    @Test
    void localOnlyReachesEachAgentsOwnOptimum() {
        int n = 3;
        float[][] x = train("local", quadratics(n, false, false), ringTopology(n), Map.of(), 400);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(new float[] {i, -i, 2 * i}, x[i], Tolerances.CONVERGED, "agent " + i);
        }
    }

    @Test
    void decentralizedMethodsReachTheGlobalOptimumNeighbourhood() {
        // b̄ = mean of (i, −i, 2i) = (1.5, −1.5, 3) for 4 agents; with a constant step the agents
        // sit in an O(η) neighbourhood of it, and their mean is close to it.
        for (String a : new String[] {"dpsgd", "dsgdm-n", "qgm", "fedavg"}) {
            float[][] x = train(a, quadratics(4, false, false), ringTopology(4), Map.of(), 600);
            double[] mean = new double[3];
            for (float[] xi : x) {
                for (int c = 0; c < 3; c++) {
                    mean[c] += xi[c] / 4.0;
                }
            }
            assertArrayEquals(new double[] {1.5, -1.5, 3}, mean, Tolerances.NEIGHBOURHOOD, a);
        }
    }

    @Test
    void dsgdmNOnASingleAgentIsNesterovSgd() {
        Graph one = new Graph("one", new int[1][0]);
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(one));
        float[][] x = train("dsgdm-n", quadratics(1, false, true), t, Map.of("beta", "0.8"), 20);
        Sgd ref = new Sgd(3, 0.8f, true, 0f);
        Objective f = quadratics(1, false, true)[0];
        float[] y = f.initialParameters();
        float[] g = new float[3];
        for (int k = 0; k < 20; k++) {
            f.lossAndGradient(y, f.nextBatch(), g);
            ref.step(y, g, ETA);
        }
        assertArrayEquals(y, x[0], Tolerances.EXACT);
    }

    @Test
    void qgmWithoutMomentumIsDsgdmNWithoutMomentum() {
        float[][] q = train("qgm", quadratics(5, false, true), ringTopology(5), Map.of("mu", "0"), 15);
        float[][] m = train("dsgdm-n", quadratics(5, false, true), ringTopology(5), Map.of("beta", "0"), 15);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(m[i], q[i], Tolerances.EXACT, "agent " + i);
        }
    }

    @Test
    void fedAvgAveragingEveryStepMatchesAllReduceSgd() {
        float[][] f = train("fedavg", quadratics(4, false, false), ringTopology(4), Map.of("local_steps", "1"), 20);
        float[][] a = train("allreduce", quadratics(4, false, false), ringTopology(4), Map.of(), 20);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a[i], f[i], Tolerances.FLOAT_ROUNDING, "agent " + i);
        }
    }

    @Test
    void undeclaredAlgorithmParameterIsRejectedWithItsName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> train("dpsgd", quadratics(2, false, false), ringTopology(2), Map.of("gama", "0.5"), 1));
        assertTrue(e.getMessage().contains("algo.gama"), e.getMessage());
        assertTrue(e.getMessage().contains("algo.gamma"), e.getMessage());
    }

    @Test
    void outOfRangeAlgorithmParameterIsRejectedWithItsValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> train("dpsgd", quadratics(2, false, false), ringTopology(2), Map.of("gamma", "1.5"), 1));
        assertTrue(e.getMessage().contains("algo.gamma = 1.5"), e.getMessage());
    }

    @Test
    void chocoWithIdentityCompressorIsRelaxedDpsgdOneMixAhead() {
        // With Q = identity, x̂_j = x_j^{k+½} exactly, so CHOCO runs x ← M(x − η∇F(x)) with
        // M = (1 − γ)I + γW, while D-PSGD runs x ← M(x) − η∇F(M(x)). From a common start
        // (M x⁰ = x⁰) CHOCO's iterate is M applied to D-PSGD's: x_C^k = M x_D^k.
        int n = 5;
        float gamma = 0.6f;
        Topology t = ringTopology(n);
        Map<String, String> p = Map.of("gamma", "0.6");
        float[][] choco = train("choco", quadratics(n, false, false), t,
                Map.of("gamma", "0.6", "compressor", "identity"), 12);
        float[][] dpsgd = train("dpsgd", quadratics(n, false, false), t, p, 12);
        double[][] w = t.at(0).dense();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                double mixed = (1 - gamma) * dpsgd[i][c];
                for (int j = 0; j < n; j++) {
                    mixed += gamma * w[i][j] * dpsgd[j][c];
                }
                assertEquals(mixed, choco[i][c], Tolerances.GOSSIP_MEAN, "agent " + i + " coordinate " + c);
            }
        }
    }

    @Test
    void chocoWithSignCompressionStillReachesConsensusNeighbourhood() {
        float[][] x = train("choco", quadratics(4, false, false), ringTopology(4),
                Map.of("gamma", "0.3", "compressor", "sign"), 800);
        double[] mean = new double[3];
        for (float[] xi : x) {
            for (int c = 0; c < 3; c++) {
                mean[c] += xi[c] / 4.0;
            }
        }
        assertArrayEquals(new double[] {1.5, -1.5, 3}, mean, Tolerances.NEIGHBOURHOOD);
    }

    @Test
    void everyMessageDroppedLeavesOnlyLocalTraining() {
        // missing neighbours are left out and the row renormalised: with all of them missing,
        // x_i mixes with itself alone and D-PSGD is local SGD, bit for bit
        int n = 4;
        float[][] local = train("local", quadratics(n, false, true), ringTopology(n), Map.of(), 10);
        float[][] dropped = Runner.train(Algorithms.get("dpsgd"), quadratics(n, false, true), ringTopology(n),
                Training.sgd(ETA), 10, 1, peerlearn.net.Faults.drops(3, 1.0));
        for (int i = 0; i < n; i++) {
            assertArrayEquals(local[i], dropped[i], Tolerances.EXACT, "agent " + i);
        }
    }

    @Test
    void aMissingNeighbourIsLeftOutAndTheRowRenormalised() {
        // 3 agents, complete graph, uniform W = 1/3; agent 2 crashes before round 0, so agents 0
        // and 1 average only each other: x_i ← ½(x_0 + x_1) − η ∇f_i(½(x_0 + x_1))
        Graph complete = Graph.fromEdges("complete", 3, new int[][] {{0, 1}, {0, 2}, {1, 2}});
        Topology t = Topology.fixed(MixingMatrix.uniform(complete));
        float[][] x = Runner.train(Algorithms.get("dpsgd"), quadratics(3, false, true), t, Training.sgd(ETA), 1, 1,
                peerlearn.net.Faults.none().withCrash(2, 0));
        float[] mid = {1.5f, -0.5f, 0.25f};   // ½((0, 0, 0) + (3, −1, 0.5))
        for (int i = 0; i < 2; i++) {
            float[] b = {i, -i, 2 * i};
            for (int c = 0; c < 3; c++) {
                assertEquals(mid[c] - ETA * A[c] * (mid[c] - b[c]), x[i][c], Tolerances.FLOAT_ROUNDING, "agent " + i);
            }
        }
    }
}
