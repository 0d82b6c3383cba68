package peerlearn.autograd;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.AutogradGen;
import peerlearn.testkit.GradCheck;

/** Element-wise primitives pass the central-difference gradient check on random shapes. */
class ElementwiseGradientProperties {
    private static final int EXAMPLES = 15;

    @Test
    void arithmeticPassesGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4), integers().between(0, 9), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor a = AutogradGen.normal(rng, rows, cols);
                    Tensor b = AutogradGen.normal(rng, rows, cols);
                    Tensor den = AutogradGen.awayFromZero(rng, 0.5f, rows, cols);
                    GradCheck.check("add", v -> Ops.add(v[0], v[1]), a, b);
                    GradCheck.check("sub", v -> Ops.sub(v[0], v[1]), a, b);
                    GradCheck.check("mul", v -> Ops.mul(v[0], v[1]), a, b);
                    GradCheck.check("mul by itself", v -> Ops.mul(v[0], v[0]), a);
                    GradCheck.check("div", v -> Ops.div(v[0], v[1]), a, den);
                    GradCheck.check("neg", v -> Ops.neg(v[0]), a);
                    GradCheck.check("scale", v -> Ops.scale(v[0], 2.5f), a);
                    GradCheck.check("mulScalar", v -> Ops.mulScalar(v[0], v[1]), a, AutogradGen.normal(rng));
                });
    }

    @Test
    void reluPassesGradientCheckAwayFromZero() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4), integers().between(0, 17), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    Tensor x = AutogradGen.awayFromZero(new Rng(seed), 0.05f, rows, cols);
                    GradCheck.check("relu", v -> Ops.relu(v[0]), x);
                });
    }

    @Test
    void softmaxAndLogSoftmaxPassGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4), integers().between(1, 9), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    Tensor x = AutogradGen.normal(new Rng(seed), rows, cols);
                    GradCheck.check("softmax", v -> Ops.softmax(v[0]), x);
                    GradCheck.check("logSoftmax", v -> Ops.logSoftmax(v[0]), x);
                });
    }

    @Test
    void smoothActivationsPassGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4), integers().between(0, 17), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor x = AutogradGen.awayFromZero(rng, 0.05f, rows, cols);
                    Tensor positive = AutogradGen.uniform(rng, 0.5f, 2f, rows, cols);
                    GradCheck.check("leakyRelu", v -> Ops.leakyRelu(v[0], 0.1f), x);
                    GradCheck.check("elu", v -> Ops.elu(v[0], 1.3f), x);
                    GradCheck.check("sigmoid", v -> Ops.sigmoid(v[0]), x);
                    GradCheck.check("tanh", v -> Ops.tanh(v[0]), x);
                    GradCheck.check("exp", v -> Ops.exp(v[0]), x);
                    GradCheck.check("log", v -> Ops.log(v[0]), positive);
                });
    }

    @Test
    void mseAndDropoutPassGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 4), integers().between(1, 17), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor p = AutogradGen.normal(rng, rows, cols);
                    Tensor t = AutogradGen.normal(rng, rows, cols);
                    GradCheck.check("mse", v -> Ops.mse(v[0], v[1]), p, t);
                    GradCheck.check("dropout", v -> Ops.dropout(v[0], 0.3f, new Rng(seed), true), p);
                });
    }
}
