package peerlearn.autograd;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.AutogradGen;
import peerlearn.testkit.GradCheck;

/** Normalizations, pooling and shape ops pass the central-difference gradient check. */
class NormGradientProperties {
    private static final int EXAMPLES = 15;

    @Test
    void groupNormPassesGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 3), integers().between(1, 3),
                integers().between(1, 3), longs().all()).checkAssert((n, groups, perGroup, seed) -> {
            Rng rng = new Rng(seed);
            int c = groups * perGroup;
            Tensor x = AutogradGen.normal(rng, n, c, 2, 3);
            Tensor gamma = AutogradGen.normal(rng, c);
            Tensor beta = AutogradGen.normal(rng, c);
            GradCheck.check("groupNorm", v -> Ops.groupNorm(v[0], groups, v[1], v[2]), x, gamma, beta);
        });
    }

    @Test
    void batchNormPassesGradientCheckInBothModes() {
        qt().withExamples(EXAMPLES).forAll(integers().between(2, 4), integers().between(1, 3),
                integers().between(0, 2), longs().all()).checkAssert((n, c, hw, seed) -> {
            Rng rng = new Rng(seed);
            // distinct values: with as few as two values per channel, nearly equal ones make the
            // normalized output almost a step function, where central differences fail
            Tensor x = hw == 0 ? AutogradGen.distinct(rng, 0.3f, n, c) : AutogradGen.distinct(rng, 0.3f, n, c, hw, hw + 1);
            Tensor gamma = AutogradGen.normal(rng, c);
            Tensor beta = AutogradGen.normal(rng, c);
            RunningStats stats = new RunningStats(AutogradGen.normal(rng, c), AutogradGen.uniform(rng, 0.5f, 2f, c), 0.1f);
            GradCheck.check("batchNorm train", v -> Ops.batchNorm(v[0], v[1], v[2], stats, true), x, gamma, beta);
            GradCheck.check("batchNorm eval", v -> Ops.batchNorm(v[0], v[1], v[2], stats, false), x, gamma, beta);
        });
    }

    @Test
    void evoNormS0PassesGradientCheckAcrossHardSigmoidRegions() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 2), integers().between(1, 3),
                integers().between(1, 3), longs().all()).checkAssert((n, groups, perGroup, seed) -> {
            Rng rng = new Rng(seed);
            int c = groups * perGroup;
            Tensor x = AutogradGen.uniform(rng, -5f, 5f, n, c, 2, 2);
            for (int i = 0; i < x.size(); i++) { // keep off the kinks of hardsigmoid at ±3
                float v = x.at(i);
                if (Math.abs(Math.abs(v) - 3f) < 0.1f) {
                    x.data()[i] = v * 0.9f;
                }
            }
            Tensor gamma = AutogradGen.normal(rng, c);
            Tensor beta = AutogradGen.normal(rng, c);
            GradCheck.check("evoNormS0", v -> Ops.evoNormS0(v[0], groups, v[1], v[2]), x, gamma, beta);
        });
    }

    @Test
    void avgPoolAndGlobalAvgPoolPassGradientCheck() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 3), integers().between(1, 3),
                integers().between(1, 3), longs().all()).checkAssert((c, kernel, stride, seed) -> {
            Rng rng = new Rng(seed);
            Tensor x = AutogradGen.normal(rng, 2, c, kernel + rng.nextInt(4), kernel + rng.nextInt(4));
            GradCheck.check("avgPool2d", v -> Ops.avgPool2d(v[0], kernel, stride), x);
            GradCheck.check("globalAvgPool", v -> Ops.globalAvgPool(v[0]), x);
        });
    }

    @Test
    void concatAndSlicePassGradientCheckOnEveryAxis() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 2), integers().between(0, 3),
                integers().between(1, 3), longs().all()).checkAssert((axis, extra, d, seed) -> {
            Rng rng = new Rng(seed);
            int[] s1 = {2, d, 3};
            int[] s2 = s1.clone();
            s2[axis] = extra;
            Tensor a = AutogradGen.normal(rng, s1);
            Tensor b = AutogradGen.normal(rng, s2);
            GradCheck.check("concat", v -> Ops.concat(axis, v[0], v[1], v[0]), a, b);
            int len = s1[axis];
            int from = rng.nextInt(len + 1);
            int to = from + rng.nextInt(len - from + 1);
            GradCheck.check("slice", v -> Ops.slice(v[0], axis, from, to), a);
        });
    }
}
