package peerlearn.autograd;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.AutogradGen;
import peerlearn.testkit.GradCheck;

/** Layer primitives pass the central-difference gradient check on random shapes. */
class LayerGradientProperties {
    private static final int EXAMPLES = 15;

    @Test
    void matmulPassesGradientCheckForEveryTransposeCombination() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4), integers().between(1, 5),
                integers().between(0, 5), longs().all()).checkAssert((m, k, n, seed) -> {
            Rng rng = new Rng(seed);
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                Tensor a = ta ? AutogradGen.normal(rng, k, m) : AutogradGen.normal(rng, m, k);
                Tensor b = tb ? AutogradGen.normal(rng, n, k) : AutogradGen.normal(rng, k, n);
                GradCheck.check("matmul " + ta + " " + tb, v -> Ops.matmul(v[0], v[1], ta, tb), a, b);
            }
        });
    }

    @Test
    void linearPassesGradientCheckWithAndWithoutBias() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 4), integers().between(1, 6),
                integers().between(1, 5), longs().all()).checkAssert((n, in, out, seed) -> {
            Rng rng = new Rng(seed);
            Tensor x = AutogradGen.normal(rng, n, in);
            Tensor w = AutogradGen.normal(rng, out, in);
            Tensor b = AutogradGen.normal(rng, out);
            GradCheck.check("linear", v -> Ops.linear(v[0], v[1], v[2]), x, w, b);
            GradCheck.check("linear without bias", v -> Ops.linear(v[0], v[1], null), x, w);
        });
    }

    @Test
    void addBiasPassesGradientCheckOverChannelAxis() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 3), integers().between(1, 4),
                integers().between(0, 3), longs().all()).checkAssert((n, c, hw, seed) -> {
            Rng rng = new Rng(seed);
            Tensor x = AutogradGen.normal(rng, n, c, hw, hw + 1);
            Tensor b = AutogradGen.normal(rng, c);
            GradCheck.check("addBias", v -> Ops.addBias(v[0], v[1]), x, b);
        });
    }

    @Test
    void conv2dPassesGradientCheckWithStrideAndPadding() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 3), integers().between(1, 3),
                integers().between(1, 3), longs().all()).checkAssert((c, f, kernel, seed) -> {
            Rng rng = new Rng(seed);
            int n = 1 + rng.nextInt(2);
            int stride = 1 + rng.nextInt(2);
            int pad = rng.nextInt(kernel);
            int h = kernel + rng.nextInt(4);
            int w = kernel + rng.nextInt(4);
            Tensor x = AutogradGen.normal(rng, n, c, h, w);
            Tensor wt = AutogradGen.normal(rng, f, c, kernel, kernel);
            Tensor b = AutogradGen.normal(rng, f);
            GradCheck.check("conv2d s" + stride + " p" + pad, v -> Ops.conv2d(v[0], v[1], v[2], stride, pad), x, wt, b);
        });
    }

    @Test
    void conv2dOneByOnePassesGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 3), integers().between(1, 3),
                integers().between(1, 4), longs().all()).checkAssert((c, f, hw, seed) -> {
            Rng rng = new Rng(seed);
            Tensor x = AutogradGen.normal(rng, 2, c, hw, hw);
            Tensor wt = AutogradGen.normal(rng, f, c, 1, 1);
            GradCheck.check("conv2d 1×1", v -> Ops.conv2d(v[0], v[1], null, 1, 0), x, wt);
        });
    }

    @Test
    void maxPoolPassesGradientCheckAwayFromTies() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 3), integers().between(1, 3),
                integers().between(1, 3), longs().all()).checkAssert((c, kernel, stride, seed) -> {
            Rng rng = new Rng(seed);
            int h = kernel + rng.nextInt(4);
            int w = kernel + rng.nextInt(4);
            Tensor x = AutogradGen.distinct(rng, 0.05f, 2, c, h, w);
            GradCheck.check("maxPool2d", v -> Ops.maxPool2d(v[0], kernel, stride), x);
        });
    }

    @Test
    void crossEntropyPassesGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 5), integers().between(1, 6), longs().all())
                .checkAssert((n, k, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor z = AutogradGen.normal(rng, n, k);
                    int[] y = AutogradGen.labels(rng, n, k);
                    GradCheck.check("crossEntropy", v -> Ops.crossEntropy(v[0], y), z);
                });
    }

    @Test
    void reshapeFlattenAndMeanPassGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 3), integers().between(1, 4), longs().all())
                .checkAssert((n, c, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor x = AutogradGen.normal(rng, n, c, 2, 3);
                    GradCheck.check("flatten", v -> Ops.flatten(v[0]), x);
                    GradCheck.check("reshape", v -> Ops.reshape(v[0], -1, n), x);
                    GradCheck.check("mean", v -> Ops.mean(v[0]), x);
                    GradCheck.check("sum", v -> Ops.sum(v[0]), x);
                });
    }

    @Test
    void conv2dWithReusedScratchGivesTheSameBitsStepAfterStep() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 3), integers().between(1, 3),
                integers().between(1, 3), longs().all()).checkAssert((c, f, kernel, seed) -> {
            Rng rng = new Rng(seed);
            Scratch scratch = new Scratch();
            for (int step = 0; step < 3; step++) {
                int n = 1 + rng.nextInt(3); // the batch size changes, as at the end of an epoch
                int h = kernel + rng.nextInt(4);
                Tensor x = AutogradGen.normal(rng, n, c, h, h);
                Tensor w = AutogradGen.normal(rng, f, c, kernel, kernel);
                Tensor[] plain = convGradients(x, w, null);
                scratch.reset();
                Tensor[] reused = convGradients(x, w, scratch);
                for (int i = 0; i < plain.length; i++) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(plain[i].toArray(), reused[i].toArray());
                }
            }
        });
    }

    @Test
    void twoConvolutionsSharingOneScratchPassGradientCheck() {
        Rng rng = new Rng(11);
        Tensor x = AutogradGen.normal(rng, 2, 2, 5, 5);
        Tensor w1 = AutogradGen.normal(rng, 3, 2, 3, 3);
        Tensor w2 = AutogradGen.normal(rng, 2, 3, 3, 3);
        GradCheck.check("two convolutions, one scratch", v -> {
            Scratch scratch = new Scratch();
            return Ops.conv2d(Ops.conv2d(v[0], v[1], null, 1, 1, scratch), v[2], null, 2, 1, scratch);
        }, x, w1, w2);
    }

    /** y, dx, dW of L = Σ y² for a stride-1, pad-1 convolution, with or without scratch. */
    private static Tensor[] convGradients(Tensor x, Tensor w, Scratch scratch) {
        Var xv = Var.param(x.copy());
        Var wv = Var.param(w.copy());
        Var y = scratch == null ? Ops.conv2d(xv, wv, null, 1, 1) : Ops.conv2d(xv, wv, null, 1, 1, scratch);
        Ops.sum(Ops.mul(y, y)).backward();
        return new Tensor[] {y.value(), xv.grad(), wv.grad()};
    }
}
