package peerlearn.objective;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import peerlearn.data.Dataset;
import peerlearn.data.FashionMnist;
import peerlearn.nn.Zoo;
import peerlearn.optim.Sgd;
import peerlearn.rng.Rng;
import peerlearn.tensor.kernel.VectorOps;
import peerlearn.testkit.DataGenerators;

/**
 * Once the JIT has compiled them, the hot paths allocate nothing per element. A Vector API kernel
 * whose vectors C2 cannot keep in registers (an operation it does not compile on this machine's
 * vector width, a second FloatVector class in the JVM, a vector passed to a call it does not
 * inline) falls back to Java objects for every vector: it allocates megabytes per step and runs
 * several times slower, with results still right, so no other test notices. On a Zen 2 core
 * (AVX2) a LeNet-5 step of batch 32 once allocated 37 MiB that way, and a dot product of 1,000
 * floats 9 KB.
 *
 * <p>Each case runs until three runs in a row stay under a bound, or fails after a deadline: code
 * still in the interpreter or C1 allocates (C1 does not compile the Vector API), and how soon C2
 * takes over depends on the machine's load, so the test waits for it rather than guessing a count.
 */
class SteadyStateAllocationTest {
    private static final double DEADLINE_SECONDS = 60;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aLeNet5TrainingStepAllocatesOnlyItsGraphNodes() {
        Dataset data = FashionMnist.embeddedSubset().train();
        int n = 256;
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        NeuralObjective obj = new NeuralObjective(Zoo.lenet5(new int[] {1, 28, 28}, 10), data, idx, data, idx, 32, 1, new Rng(2), new Rng(3));
        float[] x = obj.initialParameters();
        float[] g = new float[x.length];
        Sgd sgd = new Sgd(x.length, 0.9f, false, 0f);
        // A step's graph nodes, index arrays and views come to a few KiB; one boxed vector per
        // 8 or 16 floats of LeNet-5's activations comes to megabytes.
        assertSteady("a LeNet-5 training step of batch 32", 64 << 10, step -> {
            obj.lossAndGradient(x, obj.nextBatch(), g);
            sgd.step(x, g, 0.01f);
        });
    }

    /**
     * The residual sum and the group and batch norms keep their values on the step's scratch too:
     * at batch 2, fresh arrays for them came to 0.7 MiB a step for resnet20 and 3.7 MiB for its
     * group-norm and batch-norm variants.
     */
    @Test
    void aResNet20TrainingStepWithEachNormAllocatesOnlyItsGraphNodes() {
        int[] shape = {3, 32, 32};
        int n = 8;
        Dataset data = DataGenerators.gaussianImages(shape, n, 10, 5);
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        for (String model : new String[] {"resnet20", "resnet20-gn", "resnet20-bn"}) {
            NeuralObjective obj = new NeuralObjective(Zoo.create(model, shape, 10), data, idx, data, idx, 2, 1, new Rng(2),
                    new Rng(3));
            float[] x = obj.initialParameters();
            float[] g = new float[x.length];
            Sgd sgd = new Sgd(x.length, 0.9f, false, 0f);
            assertSteady("a " + model + " training step of batch 2", 256 << 10, step -> {
                obj.lossAndGradient(x, obj.nextBatch(), g);
                sgd.step(x, g, 0.01f);
            });
        }
    }

    @Test
    void theFlatKernelsOfTheAlgorithmsAllocateNothing() {
        // LeNet-5's parameter count: not a multiple of 16, so the reductions' tails and the last
        // block at the array's end run too.
        int d = 61_706;
        Rng r = new Rng(4);
        float[] a = new float[d], b = new float[d], c = new float[d], o = new float[d];
        for (int i = 0; i < d; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
        }
        float[][] xs = {a, b, c};
        float[] w = {0.5f, 0.25f, 0.25f};
        double[] sink = new double[1];
        assertSteady("dot, sum, norm, axpy, scale and a weighted sum of 3 vectors over 61,706 floats", 0, run -> {
            sink[0] += VectorOps.dot(a, b) + VectorOps.sum(a) + VectorOps.norm(b);
            VectorOps.axpy(0.1f, a, 0, c, 0, d);
            VectorOps.scale(0.5f, c, 0, d);
            VectorOps.weightedSum(w, xs, o);
        });
        assertTrue(Double.isFinite(sink[0]));
    }

    /** Runs {@code body} until three runs in a row allocate at most {@code bound} bytes each. */
    private static void assertSteady(String what, long bound, IntConsumer body) {
        long start = System.nanoTime();
        int quiet = 0;
        int run = 0;
        long last = 0;
        while (quiet < 3) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            body.accept(run++);
            last = THREADS.getCurrentThreadAllocatedBytes() - before;
            quiet = last <= bound ? quiet + 1 : 0;
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < DEADLINE_SECONDS, String.format(
                    "%s still allocates %,d bytes a run after %d runs and %.0f s (bound %,d): a kernel's vectors are boxed,"
                    + " or an op allocates its arrays anew every run",
                    what, last, run, seconds, bound));
        }
    }
}
