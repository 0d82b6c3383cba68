package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import peerlearn.testkit.Tolerances;

class SyntheticTest {
    @Test
    void gaussianMixtureIsBalancedAndCentredOnItsMeans() {
        Split s = Synthetic.gaussianMixture(3, 4, 5, 500, 50, 3.0, 0.5);
        assertEquals(2000, s.train().size());
        assertEquals(200, s.test().size());
        assertArrayEquals(new int[] {500, 500, 500, 500}, s.train().classCounts());
        // class means have norm 3; the empirical mean of 500 samples with noise 0.5 is within ≈ 0.1 of it
        double[] mean = new double[5];
        float[] x = new float[5];
        for (int i = 0; i < s.train().size(); i++) {
            if (s.train().label(i) == 2) {
                s.train().copyFeatures(i, x, 0);
                for (int j = 0; j < 5; j++) {
                    mean[j] += x[j] / 500.0;
                }
            }
        }
        double norm = Math.sqrt(java.util.Arrays.stream(mean).map(v -> v * v).sum());
        assertEquals(3.0, norm, 0.15);
        Split again = Synthetic.gaussianMixture(3, 4, 5, 500, 50, 3.0, 0.5);
        assertArrayEquals(s.train().featuresUnsafe(), again.train().featuresUnsafe());
    }

    /** y − θᵀx for sample s of agent i's training set (noise-free tasks give 0). */
    static double residual(Synthetic.RegressionTasks t, int i, int s) {
        Dataset d = t.partition().trainSet(i);
        int dim = d.sampleSize();
        float[] x = new float[dim];
        d.copyFeatures(s, x, 0);
        double pred = 0;
        for (int r = 0; r < t.theta()[i].length; r++) {
            double feature = 0;
            if (t.rank() == 0) {
                feature = x[r];
            } else {
                for (int j = 0; j < dim; j++) {
                    feature += t.representation()[r * dim + j] * x[j];
                }
            }
            pred += t.theta()[i][r] * feature;
        }
        return d.target(s, 0) - pred;
    }

    @Test
    void linearTasksWithoutNoiseAreExact() {
        var t = Synthetic.linearRegression(1, 4, 6, 20, 5, 0.5, 0);
        for (int i = 0; i < 4; i++) {
            for (int s = 0; s < 20; s++) {
                assertEquals(0, residual(t, i, s), Tolerances.FLOAT_STORAGE);
            }
        }
        assertNotEquals(t.theta()[0][0], t.theta()[1][0]);
        var iid = Synthetic.linearRegression(1, 4, 6, 20, 5, 0, 0);
        assertArrayEquals(iid.theta()[0], iid.theta()[3]);
    }

    @Test
    void anAgentsDataDoNotDependOnTheNumberOfAgents() {
        var three = Synthetic.linearRegression(9, 3, 4, 10, 2, 0.3, 0.1);
        var five = Synthetic.linearRegression(9, 5, 4, 10, 2, 0.3, 0.1);
        assertArrayEquals(three.partition().trainSet(2).featuresUnsafe(), five.partition().trainSet(2).featuresUnsafe());
        assertArrayEquals(three.theta()[2], five.theta()[2]);
    }

    @Test
    void clusteredTasksShareTheirClustersParameter() {
        var t = Synthetic.clusteredRegression(2, 10, new double[] {0.6, 0.4}, 8, 30, 10, 0, 0.01);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1}, t.partition().clusters());
        assertArrayEquals(t.theta()[0], t.theta()[5]);
        assertArrayEquals(t.theta()[6], t.theta()[9]);
        assertNotEquals(t.theta()[0][0], t.theta()[6][0]);
    }

    @Test
    void sharedRepresentationHasOrthonormalRowsAndExactTargets() {
        var t = Synthetic.sharedRepresentation(4, 3, 10, 3, 15, 5, 0);
        float[] b = t.representation();
        for (int p = 0; p < 3; p++) {
            for (int q = 0; q < 3; q++) {
                double dot = 0;
                for (int j = 0; j < 10; j++) {
                    dot += b[p * 10 + j] * b[q * 10 + j];
                }
                assertEquals(p == q ? 1 : 0, dot, Tolerances.FLOAT_STORAGE);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(3, t.theta()[i].length);
            for (int s = 0; s < 15; s++) {
                assertEquals(0, residual(t, i, s), Tolerances.FLOAT_STORAGE);
            }
        }
        assertTrue(t.partition().description().contains("rank 3"));
    }
}
