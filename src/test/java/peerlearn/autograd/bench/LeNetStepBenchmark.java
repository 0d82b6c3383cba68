package peerlearn.autograd.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import peerlearn.autograd.Ops;
import peerlearn.autograd.Scratch;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;

/**
 * One LeNet-5 training step (forward, cross-entropy, backward) at batch 32 on 1×28×28 inputs,
 * written directly with {@link Ops}, and its two convolution layers alone, on one thread.
 * Run: tools/bench-autograd (see its header).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class LeNetStepBenchmark {
    @Param({"32"})
    int batch;

    private Tensor x;
    private int[] labels;
    private final Tensor[] params = new Tensor[10];
    private final Tensor[] grads = new Tensor[10];

    @Setup
    public void setup() {
        Rng rng = new Rng(1);
        x = random(rng, 1f, batch, 1, 28, 28);
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(10);
        }
        int[][] shapes = {{6, 1, 5, 5}, {6}, {16, 6, 5, 5}, {16}, {120, 400}, {120}, {84, 120}, {84}, {10, 84}, {10}};
        for (int i = 0; i < shapes.length; i++) {
            params[i] = random(rng, 0.1f, shapes[i]);
            grads[i] = Tensor.zeros(shapes[i]);
        }
    }

    private final Scratch scratch = new Scratch();

    /** Fresh im2col buffers every step. */
    @Benchmark
    public float trainingStep() {
        return step(null);
    }

    /** im2col buffers reused from step to step. */
    @Benchmark
    public float trainingStepWithScratch() {
        scratch.reset();
        return step(scratch);
    }

    private float step(Scratch s) {
        Var[] p = new Var[params.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Var.param(params[i], grads[i]);
        }
        Var h = Ops.maxPool2d(Ops.relu(conv(Var.constant(x), p[0], p[1], 2, s)), 2, 2);
        h = Ops.maxPool2d(Ops.relu(conv(h, p[2], p[3], 0, s)), 2, 2);
        h = Ops.relu(Ops.linear(Ops.flatten(h), p[4], p[5]));
        h = Ops.relu(Ops.linear(h, p[6], p[7]));
        Var loss = Ops.crossEntropy(Ops.linear(h, p[8], p[9]), labels);
        loss.backward();
        return loss.value().at(0);
    }

    private static Var conv(Var x, Var w, Var b, int pad, Scratch s) {
        return s == null ? Ops.conv2d(x, w, b, 1, pad) : Ops.conv2d(x, w, b, 1, pad, s);
    }

    private static Tensor random(Rng rng, float scale, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = scale * (float) rng.nextGaussian();
        }
        return t;
    }
}
