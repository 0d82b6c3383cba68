package peerlearn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.Segment;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.Tolerances;

/**
 * PyTorch's outputs and gradients for LeNet-5, cganet5 and the norm layers on deterministic
 * inputs (testdata/nn/golden.txt, written by tools/make-nn-goldens.py, whose header gives the
 * formulas used here).
 */
class NnGoldenTest {
    private static final Map<String, double[]> GOLDEN = read();

    private static Map<String, double[]> read() {
        Map<String, double[]> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("testdata/nn/golden.txt"))) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] p = line.trim().split(" +");
                int n = Integer.parseInt(p[2]);
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Double.parseDouble(p[3 + i]);
                }
                m.put(p[0] + " " + p[1], v);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }

    private static double[] golden(String key) {
        double[] v = GOLDEN.get(key);
        if (v == null) {
            throw new AssertionError("testdata/nn/golden.txt has no line '" + key + "'");
        }
        return v;
    }

    private static float[] deterministic(int n, Function<Integer, Double> f) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (double) f.apply(i);
        }
        return v;
    }

    private static float[] params(int n) {
        return deterministic(n, i -> 0.1 * Math.sin(0.7 * i + 0.3));
    }

    private static void assertClose(String what, double[] expected, float[] actual, int from, int n) {
        assertEquals(expected.length, n, what + ": count");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < n; i++) {
            double e = expected[i];
            double a = actual[from + i];
            assertTrue(Math.abs(a - e) <= Tolerances.TORCH_GOLDEN * (scale + Math.abs(e)),
                    what + "[" + i + "]: peerlearn " + a + ", PyTorch " + e);
        }
    }

    private void checkModel(String name, Model model) {
        float[] x = params(model.parameterCount());
        float[] grad = new float[x.length];
        Tensor input = Tensor.of(deterministic(2 * 784, i -> Math.cos(0.11 * i)), 2, 1, 28, 28);
        Var logits = model.forward(Var.constant(input), x, grad, model.initialState(), true, new Rng(1));
        Var loss = Ops.crossEntropy(logits, new int[] {3, 7});
        loss.backward();
        assertClose(name + " logits", golden(name + " logits"), logits.value().data(), logits.value().offset(), 20);
        assertEquals(golden(name + " loss")[0], loss.value().at(0), Tolerances.TORCH_GOLDEN * 3, name + " loss");
        List<Segment> segs = model.layout().parameters();
        for (int k = 0; k < segs.size(); k++) {
            Segment s = segs.get(k);
            double[] g = golden(name + " grad." + k);
            double sum = 0;
            double sq = 0;
            for (int i = s.offset(); i < s.end(); i++) {
                sum += grad[i];
                sq += (double) grad[i] * grad[i];
            }
            double norm = Math.sqrt(g[7]);
            for (int i = 0; i < Math.min(6, s.length()); i++) {
                double a = grad[s.offset() + i];
                assertTrue(Math.abs(a - g[i]) <= Tolerances.TORCH_GOLDEN * (norm + Math.abs(g[i])),
                        name + " " + s.name() + " grad[" + i + "]: peerlearn " + a + ", PyTorch " + g[i]);
            }
            assertTrue(Math.abs(sum - g[6]) <= Tolerances.TORCH_GOLDEN * (norm * Math.sqrt(s.length()) + Math.abs(g[6])),
                    name + " " + s.name() + " gradient sum: peerlearn " + sum + ", PyTorch " + g[6]);
            assertTrue(Math.abs(sq - g[7]) <= 10 * Tolerances.TORCH_GOLDEN * g[7] + 1e-30,
                    name + " " + s.name() + " gradient sum of squares: peerlearn " + sq + ", PyTorch " + g[7]);
        }
    }

    @Test
    void lenet5MatchesPyTorch() {
        checkModel("lenet5", Zoo.lenet5(new int[] {1, 28, 28}, 10));
    }

    @Test
    void cganet5MatchesPyTorch() {
        checkModel("cganet5", Zoo.cganet5(new int[] {1, 28, 28}, 10));
    }

    private void checkLayer(String name, Function<ModelBuilder, Module> make, int[] shape, boolean withRunning) {
        ModelBuilder mb = new ModelBuilder();
        Module m = make.apply(mb);
        int[] sample = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        Model model = new Model(name, sample, 0, m, mb);
        float[] x = params(model.parameterCount());
        float[] grad = new float[x.length];
        Var in = Var.param(Tensor.of(deterministic(Tensor.sizeOf(shape), i -> Math.cos(0.11 * i)), shape));
        float[] state = model.initialState();
        Var y = model.forward(in, x, grad, state, true, new Rng(1));
        float[] r = deterministic(y.value().size(), i -> Math.sin(0.37 * i + 1));
        Var loss = Ops.sum(Ops.mul(y, Var.constant(Tensor.of(r, y.shape()))));
        loss.backward();
        assertClose(name + " y", golden(name + " y"), y.value().data(), y.value().offset(), y.value().size());
        assertClose(name + " dx", golden(name + " dx"), in.grad().data(), in.grad().offset(), in.grad().size());
        assertClose(name + " parameter gradient", golden(name + " grad"), grad, 0, grad.length);
        if (withRunning) {
            assertClose(name + " running statistics", golden(name + " running"), state, 0, state.length);
        }
    }

    @Test
    void groupNormMatchesPyTorch() {
        checkLayer("groupnorm", mb -> new GroupNorm(mb, "gn", 4, 2, 1e-5f), new int[] {2, 4, 3, 3}, false);
    }

    @Test
    void batchNormMatchesPyTorchIncludingRunningStatistics() {
        checkLayer("batchnorm", mb -> new BatchNorm2d(mb, "bn", 4), new int[] {2, 4, 3, 3}, true);
    }

    @Test
    void evoNormMatchesTheNgcFormula() {
        checkLayer("evonorm", mb -> new EvoNormS0(mb, "evo", 8, 4), new int[] {2, 8, 2, 3}, false);
    }
}
