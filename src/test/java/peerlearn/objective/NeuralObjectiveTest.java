package peerlearn.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import peerlearn.data.Batch;
import peerlearn.data.Dataset;
import peerlearn.nn.Model;
import peerlearn.nn.Zoo;
import peerlearn.optim.Sgd;
import peerlearn.rng.Rng;

class NeuralObjectiveTest {
    /** Three Gaussian blobs in 2×2×2 "images": class k has mean +1.5 on feature k. */
    static Dataset blobs(int n, long seed) {
        Rng r = new Rng(seed);
        float[] f = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int k = 0; k < 8; k++) {
                f[i * 8 + k] = (float) (0.5 * r.nextGaussian() + (k == y[i] ? 1.5 : 0));
            }
        }
        return Dataset.classification("blobs", new int[] {2, 2, 2}, f, y, 3);
    }

    static NeuralObjective objective(Model m, Dataset d, int agent) {
        int[] all = AnalyticObjectiveTest.range(d.size());
        return new NeuralObjective(m, d, all, d, all, 8, 11, Rng.stream(11, agent, "batches"), Rng.stream(11, agent, "dropout"));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Dataset d = blobs(12, 1);
        NeuralObjective f = objective(Zoo.mlp(new int[] {2, 2, 2}, new int[] {5}, 3), d, 0);
        float[] x = f.initialParameters();
        AnalyticObjectiveTest.assertGradientMatchesFiniteDifferences(f, x, f.nextBatch(), 1e-2);
    }

    @Test
    void lossAtZeroParametersIsLogOfTheClassCount() {
        Dataset d = blobs(9, 2);
        NeuralObjective f = objective(Zoo.mlp(new int[] {2, 2, 2}, new int[] {4}, 3), d, 0);
        float[] zero = new float[f.dimension()];
        assertEquals(Math.log(3), f.loss(zero, f.nextBatch()), 1e-6);
        Evaluation e = f.evaluateLocalTest(zero);
        assertEquals(Math.log(3), e.loss(), 1e-6);
        assertEquals(9, e.samples());
    }

    @Test
    void gradientIsWrittenIntoTheCallersVectorAndOverwritten() {
        Dataset d = blobs(16, 3);
        NeuralObjective f = objective(Zoo.mlp(new int[] {2, 2, 2}, new int[] {4}, 3), d, 0);
        float[] x = f.initialParameters();
        float[] g1 = new float[f.dimension()];
        Batch b = f.nextBatch();
        f.lossAndGradient(x, b, g1);
        float[] g2 = new float[f.dimension()];
        java.util.Arrays.fill(g2, 7f); // stale contents must not leak into the result
        f.lossAndGradient(x, b, g2);
        assertArrayEquals(g1, g2);
    }

    @Test
    void evaluatingANeighboursParametersNeedsNoNewModelAndChangesNothing() {
        Dataset d = blobs(30, 4);
        Model shared = Zoo.mlp(new int[] {2, 2, 2}, new int[] {6}, 3);
        NeuralObjective mine = objective(shared, d, 0);
        NeuralObjective theirs = objective(shared, d, 1);
        float[] xj = theirs.initialParameters();
        float[] g = new float[xj.length];
        Sgd sgd = Sgd.plain(xj.length);
        for (int t = 0; t < 10; t++) {
            theirs.lossAndGradient(xj, theirs.nextBatch(), g);
            sgd.step(xj, g, 0.5f);
        }
        float[] before = xj.clone();
        Evaluation byMe = mine.evaluate(xj, d, AnalyticObjectiveTest.range(30));
        Evaluation byThem = theirs.evaluateLocalTrain(xj);
        assertEquals(byThem, byMe);
        assertArrayEquals(before, xj);
    }

    @Test
    void sameSeedSameBitsAndAgentsDrawDifferentBatches() {
        Dataset d = blobs(40, 5);
        Model m = Zoo.mlp(new int[] {2, 2, 2}, new int[] {6}, 3);
        double[] a = train(objective(m, d, 0), 12);
        double[] b = train(objective(m, d, 0), 12);
        double[] c = train(objective(m, d, 1), 12);
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
    }

    private static double[] train(NeuralObjective f, int steps) {
        float[] x = f.initialParameters();
        float[] g = new float[x.length];
        Sgd sgd = new Sgd(x.length, 0.9f, true, 0f);
        double[] losses = new double[steps];
        for (int t = 0; t < steps; t++) {
            losses[t] = f.lossAndGradient(x, f.nextBatch(), g);
            sgd.step(x, g, 0.1f);
        }
        return losses;
    }

    @Test
    void smallNetworkLearnsTheBlobs() {
        Dataset d = blobs(120, 6);
        NeuralObjective f = objective(Zoo.mlp(new int[] {2, 2, 2}, new int[] {16}, 3), d, 0);
        float[] x = f.initialParameters();
        float[] g = new float[x.length];
        Sgd sgd = new Sgd(x.length, 0.9f, false, 0f);
        for (int t = 0; t < 150; t++) {
            f.lossAndGradient(x, f.nextBatch(), g);
            sgd.step(x, g, 0.05f);
        }
        assertTrue(f.evaluateLocalTest(x).accuracy() > 0.9, "accuracy " + f.evaluateLocalTest(x));
    }

    @Test
    void batchNormStateIsTheAgentsOwnAndMovesOnlyInTraining() {
        Dataset d = blobs(16, 7);
        var mb = new peerlearn.nn.ModelBuilder();
        var net = new peerlearn.nn.Sequential(new peerlearn.nn.Conv2d(mb, "conv", 2, 4, 1, 1, 0, false, peerlearn.nn.Init.KAIMING_NORMAL),
                new peerlearn.nn.BatchNorm2d(mb, "bn", 4), peerlearn.nn.Layers.flatten(), new peerlearn.nn.Linear(mb, "fc", 16, 3));
        Model m = new Model("conv-bn", new int[] {2, 2, 2}, 3, net, mb);
        assertEquals(8, m.stateLayout().size());
        int[] all = AnalyticObjectiveTest.range(16);
        NeuralObjective f = new NeuralObjective(m, d, all, d, all, 4, 1, new Rng(2), new Rng(3));
        float[] before = f.state().clone();
        float[] x = f.initialParameters();
        f.evaluateLocalTest(x);
        assertArrayEquals(before, f.state());
        f.lossAndGradient(x, f.nextBatch(), new float[x.length]);
        assertNotEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(f.state()));
    }

    /**
     * A checkpoint of an objective (minibatch order and position, dropout stream, batch-norm
     * running statistics) and of its optimizer, restored into fresh ones, continues bit for bit:
     * 6 more steps across an epoch boundary give the same parameters, statistics and losses.
     */
    @Test
    void checkpointedObjectiveContinuesBitIdentically() {
        Dataset d = blobs(16, 7);
        java.util.function.Supplier<NeuralObjective> make = () -> {
            var mb = new peerlearn.nn.ModelBuilder();
            var net = new peerlearn.nn.Sequential(new peerlearn.nn.Conv2d(mb, "conv", 2, 4, 1, 1, 0, false,
                    peerlearn.nn.Init.KAIMING_NORMAL), new peerlearn.nn.BatchNorm2d(mb, "bn", 4), new peerlearn.nn.Dropout(0.3f),
                    peerlearn.nn.Layers.flatten(), new peerlearn.nn.Linear(mb, "fc", 16, 3));
            Model m = new Model("conv-bn-dropout", new int[] {2, 2, 2}, 3, net, mb);
            int[] all = AnalyticObjectiveTest.range(16);
            return new NeuralObjective(m, d, all, d, all, 5, 1, new Rng(2), new Rng(3));
        };
        NeuralObjective a = make.get();
        float[] x = a.initialParameters();
        float[] g = new float[x.length];
        Sgd optA = new Sgd(x.length, 0.9f, false, 1e-4f);
        for (int t = 0; t < 5; t++) {
            a.lossAndGradient(x, a.nextBatch(), g);
            optA.step(x, g, 0.1f);
        }
        peerlearn.state.StateWriter w = new peerlearn.state.StateWriter();
        w.part("objective", a);
        w.part("optimizer", optA);
        NeuralObjective b = make.get();
        Sgd optB = new Sgd(x.length, 0.9f, false, 1e-4f);
        peerlearn.state.StateReader r = new peerlearn.state.StateReader(w.toBytes());
        r.part("objective", b);
        r.part("optimizer", optB);
        r.requireEnd();
        float[] y = x.clone();
        float[] h = new float[y.length];
        for (int t = 0; t < 6; t++) {
            double la = a.lossAndGradient(x, a.nextBatch(), g);
            optA.step(x, g, 0.1f);
            double lb = b.lossAndGradient(y, b.nextBatch(), h);
            optB.step(y, h, 0.1f);
            assertEquals(la, lb, 0.0, "step " + t);
        }
        assertArrayEquals(x, y);
        assertArrayEquals(a.state(), b.state());
        assertEquals(a.sampler().epoch(), b.sampler().epoch());
        assertEquals(2, a.sampler().epoch(), "11 batches of 5 from 16 samples: the third epoch");
    }

    @Test
    void bodyIsAPrefixAndHeadAndLastAreSuffixes() {
        Dataset d = blobs(6, 9);
        NeuralObjective f = objective(Zoo.mlp(new int[] {2, 2, 2}, new int[] {5, 4}, 3), d, 0);
        // fc1 8·5 + 5 = 45, fc2 5·4 + 4 = 24, fc3 4·3 + 3 = 15
        assertEquals(new peerlearn.tensor.Segment("body", 0, 69), f.span("body"));
        assertEquals(new peerlearn.tensor.Segment("head", 69, 15), f.span("head"));
        assertEquals(f.span("head"), new peerlearn.tensor.Segment("head", f.span("last").offset(), f.span("last").length()));
        var noncontiguous = new peerlearn.tensor.ParameterLayout.Builder();
        noncontiguous.add("a", 2, "g");
        noncontiguous.add("b", 2);
        noncontiguous.add("c", 2, "g");
        var q = Quadratic.diagonal(new float[6], new float[6], 0, new Rng(1), new float[6], noncontiguous.build());
        var e = assertThrows(IllegalArgumentException.class, () -> q.span("g"));
        assertTrue(e.getMessage().contains("not contiguous"), e.getMessage());
    }

    @Test
    void forAgentUsesTheAgentsShareAndStreams() {
        Dataset d = blobs(12, 10);
        var p = new peerlearn.data.Partition("two halves", new Dataset[] {d, d}, new int[][] {{0, 1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11}},
                new Dataset[] {d, d}, new int[][] {{0, 1}, {6, 7}}, new int[] {0, 0});
        Model m = Zoo.mlp(new int[] {2, 2, 2}, new int[] {4}, 3);
        NeuralObjective f1 = NeuralObjective.forAgent(m, p, 1, 4, 11);
        assertEquals(6, f1.sampler().samples());
        assertEquals(2, f1.evaluateLocalTest(f1.initialParameters()).samples());
        assertArrayEquals(objective(m, d, 1).initialParameters(), f1.initialParameters());
        assertThrows(IllegalArgumentException.class, () -> NeuralObjective.forAgent(m, p, 2, 4, 11));
    }

    /** Gaussian-noise 28×28 images with the given labels (10 classes). */
    private static Dataset noise28(long seed, int[] labels) {
        Rng r = new Rng(seed);
        float[] images = new float[labels.length * 784];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        return Dataset.classification("noise-28", new int[] {1, 28, 28}, images, labels, 10);
    }

    @Test
    void reusedScratchBuffersGiveTheSameBitsAsFreshOnes() {
        Dataset d = noise28(12, new int[] {1, 2, 3, 4});
        Model m = Zoo.lenet5(new int[] {1, 28, 28}, 10);
        int[] all = {0, 1, 2, 3};
        NeuralObjective f = new NeuralObjective(m, d, all, d, all, 4, 5, new Rng(1), new Rng(2));
        float[] x = f.initialParameters();
        float[] viaObjective = new float[x.length];
        Batch b = f.nextBatch();
        f.lossAndGradient(x, b, viaObjective); // fills the scratch
        double loss = f.lossAndGradient(x, b, viaObjective); // reuses it
        float[] fresh = new float[x.length];
        var logits = m.forward(peerlearn.autograd.Var.constant(peerlearn.tensor.Tensor.view(b.x(), 0, 4, 1, 28, 28)), x, fresh,
                new float[0], true, null);
        var l = peerlearn.autograd.Ops.crossEntropy(logits, java.util.Arrays.copyOf(b.labels(), 4));
        l.backward();
        assertEquals(l.value().at(0), (float) loss);
        assertArrayEquals(fresh, viaObjective);
    }

    /**
     * Objectives of different models borrowing from one pool, turn by turn, with every returned
     * buffer filled with NaN: each computes the bits it computes alone on a pool of its own, so no
     * pass reads what an earlier borrower left and borrowing from the shared pool changes nothing.
     */
    @Test
    void passesOnBorrowedPoisonedBuffersGiveTheBitsOfAPrivatePool() {
        Dataset d = noise28(21, new int[] {1, 2, 3, 4, 5, 6, 7, 8});
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
        java.util.function.Supplier<NeuralObjective[]> make = () -> new NeuralObjective[] {
                new NeuralObjective(Zoo.lenet5(new int[] {1, 28, 28}, 10), d, all, d, all, 4, 5, new Rng(1), new Rng(2)),
                new NeuralObjective(Zoo.create("mlp", new int[] {1, 28, 28}, 10), d, all, d, all, 3, 5, new Rng(3), new Rng(4))};
        NeuralObjective[] shared = make.get();
        NeuralObjective[] alone = make.get();
        peerlearn.autograd.ScratchPool poisoned = peerlearn.autograd.ScratchPool.poisoning();
        for (int i = 0; i < 2; i++) {
            shared[i].scratchPool(poisoned);
            alone[i].scratchPool(peerlearn.autograd.ScratchPool.create());
        }
        float[][] xs = {shared[0].initialParameters(), shared[1].initialParameters()};
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < 2; i++) {
                float[] g1 = new float[xs[i].length];
                float[] g2 = new float[xs[i].length];
                double l1 = shared[i].lossAndGradient(xs[i], shared[i].nextBatch(), g1);
                double l2 = alone[i].lossAndGradient(xs[i], alone[i].nextBatch(), g2);
                assertEquals(l2, l1, "objective " + i + ", step " + step);
                assertArrayEquals(g2, g1, "objective " + i + ", step " + step);
                assertEquals(alone[i].evaluateLocalTest(xs[i]), shared[i].evaluateLocalTest(xs[i]));
                for (int c = 0; c < g1.length; c++) {
                    xs[i][c] -= 0.05f * g1[c];
                }
            }
        }
        assertEquals(1, poisoned.idle(), "passes one after another need one scratch between them");
    }

    @Test
    void mismatchedDataAreNamed() {
        Dataset d = blobs(6, 8);
        var e = assertThrows(IllegalArgumentException.class, () -> objective(Zoo.lenet5(new int[] {1, 28, 28}, 10), d, 0));
        assertTrue(e.getMessage().contains("blobs"), e.getMessage());
    }
}
