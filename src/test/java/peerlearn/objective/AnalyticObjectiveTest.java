package peerlearn.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import peerlearn.data.Batch;
import peerlearn.data.Dataset;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/** Worked values and central finite differences for the quadratic, least squares and logistic objectives. */
class AnalyticObjectiveTest {

    /** Checks every coordinate of ∇F(x; ξ) against (F(x + h e_k) − F(x − h e_k)) / 2h for a fixed ξ. */
    static void assertGradientMatchesFiniteDifferences(Objective f, float[] x, Batch batch, double h) {
        float[] grad = new float[f.dimension()];
        f.lossAndGradient(x, batch, grad);
        float[] probe = x.clone();
        for (int k = 0; k < x.length; k++) {
            probe[k] = (float) (x[k] + h);
            double up = f.loss(probe, batch);
            double hiStep = probe[k];
            probe[k] = (float) (x[k] - h);
            double down = f.loss(probe, batch);
            double fd = (up - down) / (hiStep - probe[k]);
            probe[k] = x[k];
            assertEquals(fd, grad[k], Tolerances.OBJECTIVE_FINITE_DIFFERENCE * Math.max(1, Math.abs(fd)), "coordinate " + k);
        }
    }

    @Test
    void diagonalQuadraticWorkedExample() {
        // a = (1, 2), b = (1, −1), x = 0: f = ½(1·1 + 2·1) = 1.5, ∇f = (−1, 2)
        var q = Quadratic.diagonal(new float[] {1, 2}, new float[] {1, -1}, 0, new Rng(1), new float[2]);
        float[] g = new float[2];
        assertEquals(1.5, q.lossAndGradient(new float[2], q.nextBatch(), g), 1e-12);
        assertArrayEquals(new float[] {-1, 2}, g, 0f);
        assertEquals(0, q.evaluateLocalTest(q.minimizer()).loss(), 0);
    }

    @Test
    void denseQuadraticGradientIsExact() {
        float[] a = {2, 1, 0, 1, 3, -1, 0, -1, 4};
        var q = Quadratic.dense(a, new float[] {0.5f, -1, 2}, 0, new Rng(2), new float[3]);
        assertGradientMatchesFiniteDifferences(q, new float[] {0.3f, 0.7f, -1.1f}, q.nextBatch(), 1e-2);
        // worked: x − b = (−0.5, 1, −2) at x = 0:  A(x − b) = (−1 + 1, −0.5 + 3 + 2, −1 − 8) = (0, 4.5, −9), f = ½(0 + 4.5 + 18) = 11.25
        float[] g = new float[3];
        assertEquals(11.25, q.lossAndGradient(new float[3], q.nextBatch(), g), 1e-9);
        assertArrayEquals(new float[] {0, 4.5f, -9}, g, 1e-6f);
    }

    @Test
    void noisyQuadraticIsUnbiasedAndDifferentiable() {
        var q = Quadratic.diagonal(new float[] {1, 1}, new float[] {0, 0}, 0.5, Rng.stream(7, 3, "noise"), new float[2]);
        Batch xi = q.nextBatch();
        assertGradientMatchesFiniteDifferences(q, new float[] {0.25f, -0.5f}, xi, 1e-2);
        double mean = 0;
        int draws = 4000;
        float[] g = new float[2];
        for (int t = 0; t < draws; t++) {
            q.lossAndGradient(new float[] {1, 0}, q.nextBatch(), g);
            mean += g[0];
        }
        // E[∇F] = ∇f = 1; the mean of 4000 draws of σξ has standard deviation 0.5/√4000 ≈ 0.008
        assertEquals(1.0, mean / draws, 0.04);
    }

    @Test
    void sameStreamGivesSameNoise() {
        var q1 = Quadratic.diagonal(new float[] {1}, new float[] {0}, 1, Rng.stream(7, 0, "noise"), new float[1]);
        var q2 = Quadratic.diagonal(new float[] {1}, new float[] {0}, 1, Rng.stream(7, 0, "noise"), new float[1]);
        assertEquals(q1.nextBatch().x()[0], q2.nextBatch().x()[0]);
    }

    static Dataset regression(int n, int p, Rng rng) {
        float[] a = new float[n * p];
        float[] y = new float[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = (float) rng.nextGaussian();
        }
        return Dataset.regression("synthetic-regression", new int[] {p}, a, y, 1);
    }

    static Dataset twoClasses(int n, int p, Rng rng) {
        float[] a = new float[n * p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int k = 0; k < p; k++) {
                a[i * p + k] = (float) rng.nextGaussian() + (y[i] == 1 ? 0.8f : -0.8f);
            }
        }
        return Dataset.classification("synthetic-two-class", new int[] {p}, a, y, 2);
    }

    static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    @Test
    void leastSquaresGradientMatchesFiniteDifferences() {
        Dataset data = regression(20, 4, new Rng(3));
        var ls = LinearModel.leastSquares(data, range(20), data, range(20), 8, 0.1, new Rng(4));
        assertGradientMatchesFiniteDifferences(ls, new float[] {0.1f, -0.2f, 0.3f, 0.05f}, ls.nextBatch(), 1e-2);
    }

    @Test
    void leastSquaresWorkedExample() {
        // samples (a, y) = ((1, 0), 1) and ((0, 2), 0); x = (0, 1): residuals −1 and 2
        // F = (½·1 + ½·4)/2 = 1.25, ∇F = (−1·(1,0) + 2·(0,2))/2 = (−0.5, 2)
        Dataset data = Dataset.regression("two", new int[] {2}, new float[] {1, 0, 0, 2}, new float[] {1, 0}, 1);
        var ls = LinearModel.leastSquares(data, range(2), data, range(2), 2, 0, new Rng(0));
        float[] g = new float[2];
        assertEquals(1.25, ls.lossAndGradient(new float[] {0, 1}, ls.nextBatch(), g), 1e-12);
        assertArrayEquals(new float[] {-0.5f, 2f}, g, 0f);
        assertTrue(Double.isNaN(ls.evaluateLocalTest(new float[] {0, 1}).accuracy()));
    }

    @Test
    void logisticGradientMatchesFiniteDifferences() {
        Dataset data = twoClasses(30, 3, new Rng(5));
        var lr = LinearModel.logistic(data, range(30), data, range(30), 16, 0.05, new Rng(6));
        assertEquals(4, lr.dimension());
        assertGradientMatchesFiniteDifferences(lr, new float[] {0.4f, -0.3f, 0.2f, 0.1f}, lr.nextBatch(), 1e-2);
    }

    @Test
    void logisticWorkedExampleAndAccuracy() {
        // x = 0: every z = 0, ℓ = log 2, ℓ' = ½ − y
        Dataset data = twoClasses(4, 2, new Rng(8));
        var lr = LinearModel.logistic(data, range(4), data, range(4), 4, 0, new Rng(9));
        assertEquals(Math.log(2), lr.evaluateLocalTrain(new float[3]).loss(), 1e-12);
        float[] g = new float[3];
        lr.lossAndGradient(new float[3], lr.nextBatch(), g);
        assertEquals(0, g[2], 1e-7); // two of each class: Σ(½ − y) = 0
        // a separating direction (1, 1) classifies these well-separated points
        var trained = new float[] {5, 5, 0};
        assertTrue(lr.evaluateLocalTest(trained).accuracy() >= 0.75, "accuracy " + lr.evaluateLocalTest(trained));
    }

    @Test
    void mismatchedDataAreRejectedByName() {
        Dataset reg = regression(4, 2, new Rng(1));
        var e = assertThrows(IllegalArgumentException.class, () -> LinearModel.logistic(reg, range(4), reg, range(4), 2, 0, new Rng(1)));
        assertTrue(e.getMessage().contains("synthetic-regression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Quadratic.dense(new float[] {1, 2, 3, 1}, new float[2], 0, new Rng(1), new float[2]));
        assertTrue(e.getMessage().contains("A[1][0] = 3.0"), e.getMessage());
    }
}
