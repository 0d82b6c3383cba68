package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import peerlearn.data.Partition;
import peerlearn.data.Synthetic;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.net.AgentRuntime;
import peerlearn.net.Frame;
import peerlearn.net.InMemoryNetwork;
import peerlearn.objective.LinearModel;
import peerlearn.objective.Objective;
import peerlearn.optim.Schedule;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/** DAC, PENS and the random and oracle baselines on small problems whose outcome is known. */
class DacTest {
    private static final double ETA = 0.05;

    /** What a harness run leaves: p_i after each observed round, the final models, total bytes on the wire. */
    private record Trace(List<double[][]> probabilities, float[][] x, long bytes) {}

    /** Runs {@code algorithm} over the complete contact graph, observing p_i after the given rounds. */
    private static Trace run(String algorithm, Objective[] f, int[] clusters, Map<String, String> params, int rounds,
                             java.util.function.IntPredicate observeAt, long seed) {
        int n = f.length;
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.complete(n)));
        Training training = new Training(Schedule.constant(ETA), 1, "sgd", 0f, false, 0f, new Params(params));
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(n));
        Algorithm a = Algorithms.get(algorithm);
        assertEquals(Algorithm.Reach.EVERYONE, a.reach());
        List<AgentProgram> programs = new ArrayList<>();
        List<AgentRuntime.Agent<double[]>> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AgentProgram p = a.create(new AgentContext(i, net.endpoint(i), f[i], t, Rng.stream(seed, i, "algorithm"), training,
                    clusters));
            programs.add(p);
            agents.add(new AgentRuntime.Agent<>() {
                @Override public void round(int k) { p.round(k); }
                @Override public double[] snapshot(int k) {
                    return p.extraMetrics().values().stream().mapToDouble(Double::doubleValue).toArray();
                }
            });
        }
        List<double[][]> probs = new ArrayList<>();
        AgentRuntime.run(net, rounds, agents, observeAt, (k, snaps) -> probs.add(snaps.toArray(new double[0][])));
        float[][] x = programs.stream().map(AgentProgram::parameters).toArray(float[][]::new);
        return new Trace(probs, x, net.totalBytesSent());
    }

    /** Least squares on the clustered linear tasks, full-batch (so a step is deterministic). */
    private static Objective[] leastSquares(Partition p, long seed) {
        Objective[] f = new Objective[p.agents()];
        for (int i = 0; i < f.length; i++) {
            f[i] = LinearModel.leastSquares(p.trainSet(i), p.trainIndices(i), p.testSet(i), p.testIndices(i),
                    p.trainIndices(i).length, 0, Rng.stream(seed, i, "batches"));
        }
        return f;
    }

    /** Mean over agents of Σ_{j in my cluster} p_ij, and the uniform law's value of it. */
    private static double[] ownClusterMass(double[][] p, int[] clusters) {
        int n = clusters.length;
        double mass = 0;
        double uniform = 0;
        for (int i = 0; i < n; i++) {
            int mates = 0;
            for (int j = 0; j < n; j++) {
                if (clusters[j] == clusters[i] && j != i) {
                    mass += p[i][j];
                    mates++;
                }
            }
            uniform += (double) mates / (n - 1);
        }
        return new double[] {mass / n, uniform / n};
    }

    @Test
    void softmaxOfAWorkedMemory() {
        // s = (0.5, [self], 1, 0), τ = 2: weights e^{1}, e^{2}, e^{0} over j ≠ 1
        double[] p = PeerSampling.softmax(new double[] {0.5, 9, 1, 0}, 2, 1);
        double z = Math.E + Math.E * Math.E + 1;
        assertArrayEquals(new double[] {Math.E / z, 0, Math.E * Math.E / z, 1 / z}, p, Tolerances.PROBABILITY_SUM);
        assertEquals(0.25, Dac.similarity(4));
        assertEquals(0, Dac.similarity(Double.NaN));
    }

    @Test
    void samplingFrequenciesFollowTheProbabilities() {
        // one draw without replacement is a draw from p; 20 000 draws put each frequency within 4σ
        double[] p = {0.1, 0, 0.6, 0.3};
        double[] s = {Math.log(0.1), 7, Math.log(0.6), Math.log(0.3)}; // softmax at τ = 1 over j ≠ 1 is p
        int[] count = new int[4];
        Rng rng = new Rng(3);
        int draws = 20_000;
        for (int t = 0; t < draws; t++) {
            count[PeerSampling.sampleSoftmax(rng, s, 1, 1, 1)[0]]++;
        }
        for (int j = 0; j < 4; j++) {
            double sd = Math.sqrt(p[j] * (1 - p[j]) / draws);
            assertEquals(p[j], (double) count[j] / draws, 4 * sd + 1e-12, "agent " + j);
        }
    }

    @Test
    void pensNeighboursAreThoseKeptMoreThanExpected() {
        // m = 2, R = 10, N = 5: expected count 4; kept {0, 5, 4, 9, 2} ⇒ neighbours 1 and 3
        assertArrayEquals(new int[] {1, 3}, Pens.neighbours(new int[] {0, 5, 4, 9, 2}, 2, 10));
    }

    @Test
    void everyAlgorithmAveragesByDataSizeAfterTheWarmStart() {
        // N = 3, n = 2: everyone pulls both others, so at round H = E = 1 every variant computes
        // m = Σ n_j x_j¹ / Σ n_j with x_j¹ = −η ∇F_j(0), then steps: x_i² = m − η ∇F_i(m).
        Synthetic.RegressionTasks tasks = Synthetic.linearRegression(5, 3, 4, 40, 10, 0.5, 0.1);
        Partition full = tasks.partition();
        int[][] train = new int[3][];
        for (int i = 0; i < 3; i++) {
            train[i] = Arrays.copyOf(full.trainIndices(i), 10 * (1 << i)); // n_i = 10, 20, 40
        }
        Partition p = new Partition("sizes", full.trainSets(), train, full.testSets(), full.test(), full.clusters());
        int d = 4;
        Objective[] ref = leastSquares(p, 5);
        float[][] x1 = new float[3][d];
        float[] g = new float[d];
        for (int i = 0; i < 3; i++) {
            ref[i].lossAndGradient(new float[d], ref[i].nextBatch(), g);
            for (int c = 0; c < d; c++) {
                x1[i][c] = (float) (-ETA * g[c]);
            }
        }
        float[] m = new float[d];
        for (int c = 0; c < d; c++) {
            m[c] = (float) ((10.0 * x1[0][c] + 20.0 * x1[1][c] + 40.0 * x1[2][c]) / 70);
        }
        for (String a : new String[] {"dac", "dac-var", "pens", "random", "oracle"}) {
            Map<String, String> params = a.equals("pens") ? Map.of("peers", "2", "local_epochs", "1", "top_m", "2")
                    : Map.of("peers", "2", "local_epochs", "1");
            float[][] x = run(a, leastSquares(p, 5), new int[3], params, 2, k -> false, 1).x();
            for (int i = 0; i < 3; i++) {
                ref[i].lossAndGradient(m, ref[i].nextBatch(), g);
                float[] want = new float[d];
                for (int c = 0; c < d; c++) {
                    want[c] = (float) (m[c] - ETA * g[c]);
                }
                assertArrayEquals(want, x[i], Tolerances.FLOAT_ROUNDING, a + ", agent " + i);
            }
        }
    }

    @Test
    void bytesAreCountedOnlyForWhatIsPulled() {
        // N = 6, n = 2, d = 3, 4 communication rounds: each agent makes 2 pulls of (model, info),
        // each pull a header-only request plus a reply frame; nothing else crosses the wire.
        int n = 6;
        int d = 3;
        Partition p = Synthetic.linearRegression(2, n, d, 8, 4, 0.3, 0.1).partition();
        int comm = 4;
        int e = 2;
        long dac = run("dac", leastSquares(p, 2), new int[n], Map.of("peers", "2", "local_epochs", "" + e), (comm + 1) * e,
                k -> false, 1).bytes();
        long random = run("random", leastSquares(p, 2), new int[n], Map.of("peers", "2", "local_epochs", "" + e),
                (comm + 1) * e, k -> false, 1).bytes();
        long model = Frame.HEADER_BYTES + 5 + 4L * d;
        long requests = 2L * Frame.HEADER_BYTES;
        assertEquals((long) comm * n * 2 * (requests + model + Frame.HEADER_BYTES + 5 + 4L * (1 + n)), dac);
        assertEquals((long) comm * n * 2 * (requests + model + Frame.HEADER_BYTES + 5 + 4L), random);
    }

    @Test
    void oracleAgentsNeverUseAnotherClustersModels() {
        // clusters {0..3} and {4..7}: the first cluster's models must not depend on the second's data
        int n = 8;
        int[] clusters = {0, 0, 0, 0, 1, 1, 1, 1};
        Partition a = Synthetic.clusteredRegression(4, n, new double[] {0.5, 0.5}, 5, 20, 5, 0.1, 0.1).partition();
        Partition b = Synthetic.clusteredRegression(9, n, new double[] {0.5, 0.5}, 5, 20, 5, 0.1, 0.1).partition();
        Objective[] fa = leastSquares(a, 1);
        Objective[] mixed = leastSquares(a, 1); // fresh objectives: their batch streams restart
        Objective[] fb = leastSquares(b, 1);
        for (int i = 4; i < n; i++) {
            mixed[i] = fb[i];
        }
        Map<String, String> params = Map.of("peers", "2", "local_epochs", "2");
        Trace one = run("oracle", fa, clusters, params, 20, k -> k == 19, 1);
        Trace two = run("oracle", mixed, clusters, params, 20, k -> k == 19, 1);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(one.x()[i], two.x()[i], Tolerances.EXACT, "agent " + i);
            for (int j = 0; j < n; j++) {
                assertEquals(j < 4 && j != i ? 1.0 / 3 : 0, one.probabilities().getFirst()[i][j], 0.0);
            }
        }
        Trace random = run("random", mixed, clusters, params, 20, k -> false, 1);
        Trace randomA = run("random", leastSquares(a, 1), clusters, params, 20, k -> false, 1);
        assertTrue(!Arrays.equals(random.x()[0], randomA.x()[0]), "random gossip should mix the clusters");
    }

    @Test
    void probabilityMassOnTheTrueClusterGrowsWellAboveTheUniformShare() {
        // 12 agents in clusters of 6, 3, 3 (mean uniform share 0.318), n = 2, τ = 30, E = 5 steps
        // between communications, 16 communication rounds, seeds 1..10. Measured: the mean mass
        // on the own cluster climbs from 0.318 to 0.75–1.00 at the end (mean 0.89); between the
        // first four and the last four communication rounds it grows by 0.29 to 0.56. The margins
        // asserted are about half of those gaps.
        int n = 12;
        int e = 5;
        int comm = 16;
        double finalSum = 0;
        int seeds = 10;
        for (long seed = 1; seed <= seeds; seed++) {
            Synthetic.RegressionTasks tasks = Synthetic.clusteredRegression(seed, n, new double[] {0.5, 0.25, 0.25}, 8, 30,
                    10, 0.05, 0.1);
            int[] clusters = tasks.partition().clusters();
            Trace t = run("dac", leastSquares(tasks.partition(), seed), clusters, Map.of("peers", "2", "tau", "30",
                    "local_epochs", "" + e), (comm + 1) * e, k -> (k + 1) % e == 0, seed);
            double[] mass = t.probabilities().stream().mapToDouble(q -> ownClusterMass(q, clusters)[0]).toArray();
            double uniform = ownClusterMass(t.probabilities().getFirst(), clusters)[1];
            assertEquals(uniform, mass[0], Tolerances.PROBABILITY_SUM, "before the first communication p is uniform");
            double first = Arrays.stream(mass, 1, 5).average().orElseThrow();
            double last = Arrays.stream(mass, mass.length - 4, mass.length).average().orElseThrow();
            String trace = "seed " + seed + ": mass " + Arrays.toString(mass) + ", uniform " + uniform;
            assertTrue(last > first + 0.15, trace);
            assertTrue(mass[mass.length - 1] > uniform + 0.35, trace);
            finalSum += mass[mass.length - 1];
        }
        assertTrue(finalSum / seeds > 0.8, "mean final mass " + finalSum / seeds);
    }

    @Test
    void sameSeedGivesTheSameBits() {
        Partition p = Synthetic.clusteredRegression(3, 10, new double[] {0.5, 0.5}, 4, 20, 5, 0.1, 0.1).partition();
        Map<String, String> params = Map.of("peers", "3", "local_epochs", "2");
        for (String a : new String[] {"dac", "pens"}) {
            Trace one = run(a, leastSquares(p, 3), p.clusters(), params, 24, k -> k % 6 == 5, 7);
            Trace two = run(a, leastSquares(p, 3), p.clusters(), params, 24, k -> k % 6 == 5, 7);
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(one.x()[i], two.x()[i], Tolerances.EXACT, a + ", agent " + i);
            }
            for (int t = 0; t < one.probabilities().size(); t++) {
                assertArrayEquals(one.probabilities().get(t), two.probabilities().get(t), a + ", point " + t);
            }
            assertEquals(one.bytes(), two.bytes());
        }
    }

    @Test
    void badTauScheduleIsRejectedByName() {
        Partition p = Synthetic.linearRegression(2, 3, 2, 4, 2, 0.3, 0.1).partition();
        var e = assertThrows(RuntimeException.class, () -> run("dac", leastSquares(p, 2), new int[3],
                Map.of("tau_schedule", "linear"), 1, k -> false, 1));
        String msg = e.getMessage() + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(msg.contains("algo.tau_schedule = 'linear'"), msg);
    }

    @Test
    void probabilitiesAreLoggedForEveryAgentInIdOrder() {
        Partition p = Synthetic.linearRegression(2, 11, 2, 4, 2, 0.3, 0.1).partition();
        Trace t = run("pens", leastSquares(p, 2), new int[11], Map.of("local_epochs", "1"), 2, k -> k == 1, 1);
        Map<String, Double> names = new TreeMap<>(PeerSampling.asMetrics(new double[11]));
        assertEquals("p.00", names.keySet().iterator().next());
        assertEquals(11, t.probabilities().getFirst()[3].length);
        assertEquals(0, t.probabilities().getFirst()[3][3]);
    }

    @Test
    void withoutTwoHopsAnAgentKnowsOnlyThePeersItMeasured() {
        Partition p = Synthetic.linearRegression(2, 12, 2, 4, 2, 0.3, 0.1).partition();
        // communications begin rounds 1 and 2 (H = 1 full-batch step); observed right after the second
        int[] known = new int[2];
        for (int hop = 0; hop <= 1; hop++) {
            Trace t = run("dac", leastSquares(p, 2), new int[12], Map.of("local_epochs", "1", "peers", "2",
                    "two_hop", Integer.toString(hop)), 3, k -> k == 2, 1);
            for (double[] row : t.probabilities().getFirst()) {
                double unknown = Arrays.stream(row).filter(v -> v > 0).min().orElseThrow();
                // s = 1/L > 0 for every known agent, s = 0 for the unknown ones: p above the minimum = known
                int count = (int) Arrays.stream(row).filter(v -> v > unknown * (1 + 1e-9)).count();
                known[hop] = Math.max(known[hop], count);
            }
        }
        assertTrue(known[0] >= 1 && known[0] <= 4, "two_hop=0: at most 2 rounds × 2 peers measured, got " + known[0]);
        assertTrue(known[1] > 4, "two_hop=1 must learn of more agents than it measured, got " + known[1]);
    }
}
