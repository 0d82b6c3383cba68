package peerlearn.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;

/** Worked examples for normalization, dropout, pooling and shape ops. */
class NormTest {
    @Test
    void batchNormTrainingUpdatesRunningStatisticsWithUnbiasedVariance() {
        // one channel, values 1 and 3: μ = 2, biased σ² = 1, unbiased 2
        Var x = Var.param(Tensor.of(new float[] {1, 3}, 2, 1));
        RunningStats stats = RunningStats.fresh(1, 0.1f);
        Var y = Ops.batchNorm(x, null, null, stats, true, 0f);
        assertArrayEquals(new float[] {-1, 1}, y.value().toArray(), 1e-6f);
        assertEquals(0.9f * 0 + 0.1f * 2, stats.mean().at(0), 1e-7);
        assertEquals(0.9f * 1 + 0.1f * 2, stats.var().at(0), 1e-7);
    }

    @Test
    void batchNormEvaluationUsesRunningStatisticsAndLeavesThemAlone() {
        RunningStats stats = new RunningStats(Tensor.of(new float[] {1}, 1), Tensor.of(new float[] {4}, 1), 0.1f);
        Var x = Var.param(Tensor.of(new float[] {3, 5}, 2, 1));
        Var gamma = Var.param(Tensor.of(new float[] {2}, 1));
        Var beta = Var.param(Tensor.of(new float[] {1}, 1));
        Var y = Ops.batchNorm(x, gamma, beta, stats, false, 0f);
        assertArrayEquals(new float[] {3, 5}, y.value().toArray(), 1e-6f); // 2·(x − 1)/2 + 1
        Ops.sum(y).backward();
        assertArrayEquals(new float[] {1, 1}, x.grad().toArray(), 1e-6f);
        assertArrayEquals(new float[] {1 + 2}, gamma.grad().toArray(), 1e-6f);
        assertEquals(1f, stats.mean().at(0));
        assertEquals(4f, stats.var().at(0));
    }

    @Test
    void batchNormInTrainingRejectsASingleValuePerChannel() {
        Var x = Var.constant(Tensor.zeros(1, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Ops.batchNorm(x, null, null, RunningStats.fresh(3, 0.1f), true));
    }

    @Test
    void groupNormNormalizesEachGroupOfEachSample() {
        // two groups of one channel each, two pixels: [0, 2] and [5, 7] → [−1, 1] both
        Var x = Var.constant(Tensor.of(new float[] {0, 2, 5, 7}, 1, 2, 1, 2));
        Var y = Ops.groupNorm(x, 2, null, null, 0f);
        assertArrayEquals(new float[] {-1, 1, -1, 1}, y.value().toArray(), 1e-6f);
    }

    @Test
    void groupNormRejectsChannelsThatDoNotSplit() {
        Var x = Var.constant(Tensor.zeros(1, 6, 2, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.groupNorm(x, 4, null, null));
        assertEquals("groupNorm: 6 channels of x [1, 6, 2, 2] do not split into 4 groups", e.getMessage());
    }

    @Test
    void evoNormS0MatchesItsFormulaOnOneGroup() {
        // x = [−4, 0, 2, 4]: hardsigmoid = [0, ½, 5/6, 1]; μ = 0.5, biased σ² = 35/4
        Var x = Var.constant(Tensor.of(new float[] {-4, 0, 2, 4}, 1, 1, 2, 2));
        Var y = Ops.evoNormS0(x, 1, null, null);
        double s = Math.sqrt(8.75 + 1e-5);
        assertArrayEquals(new float[] {0, 0, (float) (2 * 5.0 / 6 / s), (float) (4 / s)}, y.value().toArray(), 1e-6f);
    }

    @Test
    void dropoutIsReproducibleFromItsSeedAndKeepsTheMean() {
        Var x = Var.constant(onesOf(10_000));
        Tensor a = Ops.dropout(x, 0.25f, new Rng(3), true).value();
        Tensor b = Ops.dropout(x, 0.25f, new Rng(3), true).value();
        Tensor c = Ops.dropout(x, 0.25f, new Rng(4), true).value();
        assertArrayEquals(a.toArray(), b.toArray());
        assertNotEquals(java.util.Arrays.toString(a.toArray()), java.util.Arrays.toString(c.toArray()));
        assertEquals(1.0, Ops.mean(Var.constant(a)).value().at(0), 0.03);
        assertSame(x, Ops.dropout(x, 0.25f, new Rng(3), false));
    }

    @Test
    void avgPoolAveragesWindowsAndSpreadsTheGradient() {
        Var x = Var.param(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 4, 4));
        Var y = Ops.avgPool2d(x, 2, 2);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, y.value().toArray());
        Ops.sum(y).backward();
        assertArrayEquals(onesOf(16).toArray(), scaled(x.grad(), 4));
        Var gap = Ops.globalAvgPool(x);
        assertArrayEquals(new float[] {8.5f}, gap.value().toArray());
    }

    @Test
    void concatThenSliceGivesBackThePieces() {
        Var a = Var.constant(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        Var b = Var.constant(Tensor.of(new float[] {5, 6}, 2, 1));
        Var ab = Ops.concat(1, a, b);
        assertArrayEquals(new float[] {1, 2, 5, 3, 4, 6}, ab.value().toArray());
        assertArrayEquals(new float[] {2, 5, 4, 6}, Ops.slice(ab, 1, 1, 3).value().toArray());
    }

    private static Tensor onesOf(int n) {
        Tensor t = Tensor.zeros(n);
        t.fill(1f);
        return t;
    }

    private static float[] scaled(Tensor t, float c) {
        float[] a = t.toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] *= c;
        }
        return a;
    }
}
