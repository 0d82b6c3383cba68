package peerlearn.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.GoldenFile;
import peerlearn.testkit.Tolerances;

/**
 * Forward values and gradients against PyTorch, from the files tools/make-autograd-goldens.py
 * wrote in testdata/autograd/: each case has inputs, the output y, weights r and the gradients of
 * L = Σ r·y with respect to every input.
 */
class AutogradGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"conv2d_s1_p1", "conv2d_s2_p1", "conv2d_s2_p2_k5", "conv2d_s1_p0_k1"})
    void conv2dMatchesPyTorch(String name) {
        GoldenFile g = GoldenFile.read("autograd/" + name + ".txt");
        int stride = g.integer("stride");
        int pad = g.integer("pad");
        check(g, v -> Ops.conv2d(v[0], v[1], v[2], stride, pad), "x", "w", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxpool_k2_s2", "maxpool_k3_s2"})
    void maxPoolMatchesPyTorch(String name) {
        GoldenFile g = GoldenFile.read("autograd/" + name + ".txt");
        check(g, v -> Ops.maxPool2d(v[0], g.integer("kernel"), g.integer("stride")), "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"avgpool_k2_s2", "avgpool_k3_s1"})
    void avgPoolMatchesPyTorch(String name) {
        GoldenFile g = GoldenFile.read("autograd/" + name + ".txt");
        check(g, v -> Ops.avgPool2d(v[0], g.integer("kernel"), g.integer("stride")), "x");
    }

    @Test
    void groupNormMatchesPyTorch() {
        GoldenFile g = GoldenFile.read("autograd/groupnorm.txt");
        float eps = (float) g.scalar("eps");
        check(g, v -> Ops.groupNorm(v[0], g.integer("groups"), v[1], v[2], eps), "x", "gamma", "beta");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval"})
    void batchNormMatchesPyTorchIncludingRunningStatistics(String mode) {
        GoldenFile g = GoldenFile.read("autograd/batchnorm_" + mode + ".txt");
        RunningStats stats = new RunningStats(g.tensor("running_mean"), g.tensor("running_var"),
                (float) g.scalar("momentum"));
        float eps = (float) g.scalar("eps");
        check(g, v -> Ops.batchNorm(v[0], v[1], v[2], stats, mode.equals("train"), eps), "x", "gamma", "beta");
        close(g, "running_mean_after", stats.mean());
        close(g, "running_var_after", stats.var());
    }

    @Test
    void crossEntropyMatchesPyTorchWithALargeLogit() {
        GoldenFile g = GoldenFile.read("autograd/cross_entropy.txt");
        Var z = Var.param(g.tensor("z"));
        Var loss = Ops.crossEntropy(z, g.ints("labels"));
        close(g, "loss", loss.value().reshape(1));
        loss.backward();
        close(g, "grad_z", z.grad());
    }

    /** Runs op on the named inputs, compares y, then backpropagates r and compares every gradient. */
    private static void check(GoldenFile g, Function<Var[], Var> op, String... inputs) {
        Var[] vars = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = Var.param(g.tensor(inputs[i]));
        }
        Var y = op.apply(vars);
        close(g, "y", y.value());
        Ops.sum(Ops.mul(y, Var.constant(g.tensor("r").reshape(y.shape())))).backward();
        for (int i = 0; i < inputs.length; i++) {
            close(g, "grad_" + inputs[i], vars[i].grad());
        }
    }

    private static void close(GoldenFile g, String name, Tensor actual) {
        Tensor expected = g.tensor(name);
        assertArrayEquals(expected.shape(), actual.shape(), g + ": shape of " + name);
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.at(i);
            float a = actual.at(i);
            double tol = Tolerances.GOLDEN_ABS + Tolerances.GOLDEN_REL * Math.abs(e);
            int at = i;
            assertTrue(Math.abs(a - e) <= tol,
                    () -> g + ": " + name + "[" + at + "] = " + a + ", PyTorch " + e + " (tolerance " + tol + ")");
        }
    }
}
