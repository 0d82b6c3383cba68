package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.data.Batch;
import peerlearn.data.Dataset;
import peerlearn.experiment.Runner;
import peerlearn.graph.Graph;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.net.Frame;
import peerlearn.nn.Zoo;
import peerlearn.objective.NeuralObjective;
import peerlearn.objective.Objective;
import peerlearn.optim.Schedule;
import peerlearn.rng.Rng;
import peerlearn.tensor.Segment;
import peerlearn.testkit.Tolerances;

/** DePRL (theory/deprl.md) and the D-PSGD fine-tuned baseline: worked examples and exact trajectories. */
class DeprlTest {
    private static final int D = 6;
    private static final int R = 2;
    private static final int P = R * D;
    private static final double ETA = 0.05;

    private static SharedRepresentation[] tasks(int n, double start) {
        return SharedRepresentation.agents(3, n, D, R, 0.5, 4, start);
    }

    private static Topology ring(int n) {
        return Topology.fixed(MixingMatrix.metropolisHastings(Graphs.ring(n)));
    }

    private static Training sgd(Map<String, String> params) {
        return Training.sgd(ETA).withParams(new Params(params));
    }

    private static float[][] train(Objective[] f, Topology t, Training training, int rounds) {
        return Runner.train(Algorithms.get("deprl"), f, t, training, rounds, 1);
    }

    @Test
    void headStepsLeaveTheBodyUnchanged() {
        // body_steps = 0: φ_i only gossips, and all agents start from the same φ⁰, so φ stays φ⁰
        SharedRepresentation[] f = tasks(5, 0.5);
        float[][] x = train(f, ring(5), sgd(Map.of("head_steps", "3", "body_steps", "0")), 8);
        float[] x0 = f[0].initialParameters();
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(Arrays.copyOf(x0, P), Arrays.copyOf(x[i], P), Tolerances.EXACT, "body of agent " + i);
            assertFalse(Arrays.equals(Arrays.copyOfRange(f[i].initialParameters(), P, P + R), Arrays.copyOfRange(x[i], P, P + R)),
                    "head of agent " + i + " did not move");
        }
    }

    @Test
    void bodyStepsAndGossipLeaveTheHeadUnchanged() {
        // head_steps = 0: θ_i is never stepped and never mixed, though the agents' heads differ
        SharedRepresentation[] f = tasks(5, 0.5);
        float[][] x = train(f, ring(5), sgd(Map.of("head_steps", "0", "body_steps", "2")), 8);
        for (int i = 0; i < 5; i++) {
            float[] x0 = f[i].initialParameters();
            assertArrayEquals(Arrays.copyOfRange(x0, P, P + R), Arrays.copyOfRange(x[i], P, P + R), Tolerances.EXACT,
                    "head of agent " + i);
            assertFalse(Arrays.equals(Arrays.copyOf(x0, P), Arrays.copyOf(x[i], P)), "body of agent " + i + " did not move");
        }
    }

    @Test
    void onlyTheBodyIsSentMeasuredOnTheWire() {
        int n = 6, rounds = 7;
        Graph g = Graphs.erdosRenyi(n, 0.5, 11);
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(g));
        var summary = DeprlHarness.run("deprl", tasks(n, 0.3), t, sgd(Map.of("head_steps", "2")), rounds, (k, x) -> {});
        // one DENSE message of φ per edge and round: 20-byte frame header + 1 tag + 4 dimension + 4|φ|
        long perMessage = Frame.wireSize(5 + 4 * P);
        assertEquals(Frame.HEADER_BYTES + 5 + 4 * P, perMessage);
        for (int i = 0; i < n; i++) {
            assertEquals(rounds * g.neighbours(i).length * perMessage, summary.traffic().bytesSent()[i], "agent " + i);
        }
    }

    @Test
    void oneAgentIsAlternatingHeadAndBodySgdWithMomentum() {
        // N = 1, W = [1]: τ head steps at α = 0.5·η, then 2 body steps at η, heavy ball μ = 0.9 per coordinate
        int tau = 3, body = 2, rounds = 6;
        float mu = 0.9f;
        float eta = (float) ETA;
        Training tr = new Training(Schedule.constant(ETA), 1, "sgd", mu, false, 0f,
                new Params(Map.of("head_steps", "" + tau, "body_steps", "" + body, "alpha", "0.5")));
        Graph one = new Graph("one", new int[1][0]);
        float[][] x = train(tasks(1, 0.5), Topology.fixed(MixingMatrix.metropolisHastings(one)), tr, rounds);
        SharedRepresentation f = tasks(1, 0.5)[0];
        float[] y = f.initialParameters();
        float[] g = new float[y.length];
        float[] m = new float[y.length];
        for (int k = 0; k < rounds; k++) {
            for (int t = 0; t < tau + body; t++) {
                boolean headStep = t < tau;
                int from = headStep ? P : 0, to = headStep ? P + R : P;
                float lr = headStep ? 0.5f * eta : eta;
                f.lossAndGradient(y, f.nextBatch(), g);
                for (int c = from; c < to; c++) {
                    m[c] = Math.fma(mu, m[c], g[c]);
                    y[c] = Math.fma(-lr, m[c], y[c]);
                }
            }
        }
        assertArrayEquals(y, x[0], Tolerances.EXACT);
    }

    @Test
    void gossipFirstIsThePaperLoopShiftedByAMix() {
        // the authors' order (mix, then local steps) from x⁰ equals the paper's order (local steps,
        // then mix) one mix earlier: after K rounds of the former, one more mix gives K rounds of
        // the latter — checked through the bodies, which is where the two differ
        int n = 4, rounds = 5;
        Topology t = ring(n);
        float[][] paper = train(tasks(n, 0.5), t, sgd(Map.of("head_steps", "2")), rounds);
        float[][] code = train(tasks(n, 0.5), t, sgd(Map.of("head_steps", "2", "gossip_first", "1")), rounds);
        double[][] w = t.at(0).dense();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < P; c++) {
                double mixed = 0;
                for (int j = 0; j < n; j++) {
                    mixed += w[i][j] * code[j][c];
                }
                assertEquals(mixed, paper[i][c], Tolerances.GOSSIP_MEAN, "agent " + i + " coordinate " + c);
            }
            assertArrayEquals(Arrays.copyOfRange(paper[i], P, P + R), Arrays.copyOfRange(code[i], P, P + R),
                    (float) Tolerances.GOSSIP_MEAN, "head of agent " + i);
        }
    }

    @Test
    void stepsInEpochsAreRoundsPerEpochMinibatches() {
        int[] calls = new int[1];
        Objective counting = new Counting(tasks(1, 0.3)[0], calls);
        Training tr = new Training(Schedule.constant(ETA), 7, "sgd", 0f, false, 0f,
                new Params(Map.of("unit", "epochs", "head_steps", "3", "body_steps", "1")));
        Graph one = new Graph("one", new int[1][0]);
        train(new Objective[] {counting}, Topology.fixed(MixingMatrix.metropolisHastings(one)), tr, 2);
        assertEquals(2 * (3 + 1) * 7, calls[0]);
    }

    @Test
    void completeGraphKeepsTheBodiesCloserThanARing() {
        int n = 8, rounds = 60;
        Map<String, String> p = Map.of("head_steps", "2", "gossip_first", "1");
        float[][] complete = train(tasks(n, 0.5), Topology.fixed(MixingMatrix.metropolisHastings(Graphs.complete(n))), sgd(p), rounds);
        float[][] ringX = train(tasks(n, 0.5), ring(n), sgd(p), rounds);
        double dc = bodyDisagreement(complete), dr = bodyDisagreement(ringX);
        assertTrue(dc > 0 && dc < 0.5 * dr, "body disagreement complete " + dc + " vs ring " + dr);
    }

    /** (1/N) Σ_i ‖φ_i − φ̄‖². */
    static double bodyDisagreement(float[][] x) {
        double[] mean = new double[P];
        for (float[] xi : x) {
            for (int c = 0; c < P; c++) {
                mean[c] += xi[c] / (double) x.length;
            }
        }
        double s = 0;
        for (float[] xi : x) {
            for (int c = 0; c < P; c++) {
                s += (xi[c] - mean[c]) * (xi[c] - mean[c]);
            }
        }
        return s / x.length;
    }

    @Test
    void everyZooModelSplitsIntoItsBodyGroupAndHeadGroup() {
        int[] shape = {3, 32, 32};
        Dataset data = Dataset.classification("tiny", shape, new float[2 * 3 * 32 * 32], new int[] {0, 1}, 10);
        for (String name : Zoo.NAMES) {
            Objective f = new NeuralObjective(Zoo.create(name, shape, 10), data, new int[] {0, 1}, data, new int[] {0, 1}, 2, 1,
                    new Rng(1), new Rng(2));
            int d = f.dimension();
            Segment head = f.span("head");
            assertEquals(f.span("body"), Deprl.complement(head, d), name);
            assertTrue(head.length() > 0 && head.length() < d, name);
        }
    }

    @Test
    void lenet5SharesItsConvolutionsAndKeepsItsFullyConnectedLayers() {
        // two agents on one edge (w = ½): after a round the conv layers are equal, the FC layers not
        int[] shape = {1, 28, 28};
        Rng rng = new Rng(5);
        float[] pixels = new float[8 * 784];
        for (int c = 0; c < pixels.length; c++) {
            pixels[c] = rng.nextFloat();
        }
        Dataset data = Dataset.classification("noise", shape, pixels, new int[] {0, 0, 0, 0, 1, 1, 1, 1}, 10);
        Objective[] f = new Objective[2];
        for (int i = 0; i < 2; i++) {
            int[] mine = {4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3};
            f[i] = new NeuralObjective(Zoo.lenet5(shape, 10), data, mine, data, mine, 4, 1, Rng.stream(1, i, "batches"),
                    Rng.stream(1, i, "dropout"));
        }
        float[][] x = train(f, Topology.fixed(MixingMatrix.metropolisHastings(Graphs.complete(2))),
                sgd(Map.of("head_steps", "2")), 1);
        Segment body = f[0].span("body");
        assertEquals(156 + 2_416, body.length());
        assertArrayEquals(Arrays.copyOf(x[0], body.length()), Arrays.copyOf(x[1], body.length()), Tolerances.EXACT);
        assertFalse(Arrays.equals(Arrays.copyOfRange(x[0], body.end(), x[0].length),
                Arrays.copyOfRange(x[1], body.end(), x[1].length)));
    }

    @Test
    void aHeadInTheMiddleOfTheVectorIsRejectedWithItsRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> Deprl.complement(new Segment("fc1.weight", 10, 5), 30));
        assertTrue(e.getMessage().contains("'fc1.weight' is [10, 15) of 30"), e.getMessage());
    }

    @Test
    void anUnknownUnitIsRejectedWithItsValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> train(tasks(2, 0), ring(2), sgd(Map.of("unit", "epoch")), 1));
        assertTrue(e.getMessage().contains("algo.unit = 'epoch'"), e.getMessage());
    }

    @Test
    void fineTunedDpsgdIsDpsgdUntilRoundRThenSilentLocalSteps() {
        int n = 4, from = 5, rounds = 9;
        Training ft = sgd(Map.of("finetune_from", "" + from, "finetune", "head"));
        float[][][] seen = new float[rounds][][];
        var summary = DeprlHarness.run("dpsgd-ft", tasks(n, 0.5), ring(n), ft, rounds, (k, x) -> seen[k] = x);
        float[][] dpsgd = Runner.train(Algorithms.get("dpsgd"), tasks(n, 0.5), ring(n), Training.sgd(ETA), from, 1);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(dpsgd[i], seen[from - 1][i], Tolerances.EXACT, "agent " + i + " before fine-tuning");
            // head-only fine-tuning: the body stays where gossip left it, the head moves
            assertArrayEquals(Arrays.copyOf(seen[from - 1][i], P), Arrays.copyOf(seen[rounds - 1][i], P), Tolerances.EXACT);
            assertFalse(Arrays.equals(seen[from - 1][i], seen[rounds - 1][i]));
            // messages only in rounds 0..R−1: the whole x (|φ| + |θ| floats) to each of 2 neighbours
            assertEquals(from * 2L * Frame.wireSize(5 + 4 * (P + R)), summary.traffic().bytesSent()[i]);
        }
    }

    @Test
    void fineTunedDpsgdWithoutRoundRSaysWhatIsMissing() {
        var e = assertThrows(IllegalArgumentException.class, () -> Runner.train(Algorithms.get("dpsgd-ft"), tasks(2, 0),
                ring(2), Training.sgd(ETA), 1, 1));
        assertTrue(e.getMessage().contains("algo.finetune_from"), e.getMessage());
    }

    /** An objective that counts minibatches drawn. */
    private record Counting(Objective f, int[] calls) implements Objective {
        @Override public int dimension() { return f.dimension(); }
        @Override public peerlearn.tensor.ParameterLayout layout() { return f.layout(); }
        @Override public Batch nextBatch() { calls[0]++; return f.nextBatch(); }
        @Override public double lossAndGradient(float[] x, Batch b, float[] g) { return f.lossAndGradient(x, b, g); }
        @Override public double loss(float[] x, Batch b) { return f.loss(x, b); }
        @Override public peerlearn.objective.Evaluation evaluateLocalTest(float[] x) { return f.evaluateLocalTest(x); }
        @Override public peerlearn.objective.Evaluation evaluateLocalTrain(float[] x) { return f.evaluateLocalTrain(x); }
        @Override public peerlearn.objective.Evaluation evaluate(float[] x, Dataset d, int[] i) { return f.evaluate(x, d, i); }
        @Override public float[] initialParameters() { return f.initialParameters(); }
    }
}
