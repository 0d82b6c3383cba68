package peerlearn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import peerlearn.testkit.Tolerances;

/** Each rule against a few steps worked out by hand on one coordinate. */
class OptimizerTest {
    private static final float TOL = Tolerances.OPTIMIZER_STEP;

    private static float[] run(Optimizer opt, float x0, float lr, float... grads) {
        float[] x = {x0};
        float[] out = new float[grads.length];
        for (int k = 0; k < grads.length; k++) {
            opt.step(x, new float[] {grads[k]}, lr);
            out[k] = x[0];
        }
        return out;
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        // x = 1, g = 0.5, η = 0.1:  1 − 0.05 = 0.95, then 0.90
        assertArrayEquals(new float[] {0.95f, 0.90f}, run(Sgd.plain(1), 1f, 0.1f, 0.5f, 0.5f), TOL);
    }

    @Test
    void heavyBallAccumulatesMomentum() {
        // b¹ = 0.5, x¹ = 0.95;  b² = 0.9·0.5 + 0.5 = 0.95, x² = 0.95 − 0.095 = 0.855
        assertArrayEquals(new float[] {0.95f, 0.855f}, run(new Sgd(1, 0.9f, false, 0f), 1f, 0.1f, 0.5f, 0.5f), TOL);
    }

    @Test
    void nesterovLooksAhead() {
        // b¹ = 0.5, u = 0.5 + 0.45 = 0.95, x¹ = 0.905;  b² = 0.95, u = 0.5 + 0.855 = 1.355, x² = 0.7695
        assertArrayEquals(new float[] {0.905f, 0.7695f}, run(new Sgd(1, 0.9f, true, 0f), 1f, 0.1f, 0.5f, 0.5f), TOL);
    }

    @Test
    void weightDecayAddsLambdaX() {
        // g' = 0.5 + 0.1·1 = 0.6, x = 1 − 0.06 = 0.94
        assertArrayEquals(new float[] {0.94f}, run(new Sgd(1, 0f, false, 0.1f), 1f, 0.1f, 0.5f), TOL);
    }

    @Test
    void adamMovesByTheLearningRateUnderAConstantGradient() {
        // m̂ = g, v̂ = g² at every step, so each step is η·g/|g| = η
        assertArrayEquals(new float[] {0.9f, 0.8f, 0.7f}, run(Adam.defaults(1), 1f, 0.1f, 0.5f, 0.5f, 0.5f), TOL);
    }

    @Test
    void adamCorrectsBiasWhenTheGradientFlips() {
        // t=1: m = 0.1, v = 0.001, step 0.1·1/1 → 0.9
        // t=2: m = 0.09 − 0.1 = −0.01, m̂ = −0.01/0.19; v = 0.000999 + 0.001 = 0.001999, v̂ = 1 → x = 0.9 + 0.1/19
        assertArrayEquals(new float[] {0.9f, 0.9f + 0.1f / 19f}, run(Adam.defaults(1), 1f, 0.1f, 1f, -1f), TOL);
    }

    @Test
    void adamwDecaysDecoupledFromTheMoments() {
        // x ← x − η λ x = 1 − 0.1·0.5 = 0.95, then the Adam step of 0.1 → 0.85
        assertArrayEquals(new float[] {0.85f}, run(new Adam(1, 0.9f, 0.999f, 1e-8f, 0.5f, true), 1f, 0.1f, 0.5f), TOL);
    }

    @Test
    void rmspropDividesByTheRunningRootMeanSquare() {
        // v = 0.01, u = 1/0.1 = 10, x = 1 − 0.01·10 = 0.9;  v = 0.0199, u = 1/√0.0199, x = 0.9 − 0.01·u
        float second = 0.9f - 0.01f / (float) Math.sqrt(0.0199);
        assertArrayEquals(new float[] {0.9f, second}, run(RmsProp.defaults(1), 1f, 0.01f, 1f, 1f), TOL);
    }

    @Test
    void rangeStepTouchesOnlyTheRange() {
        Sgd sgd = new Sgd(4, 0.9f, false, 0f);
        float[] x = {1, 1, 1, 1};
        float[] g = {1, 1, 1, 1};
        sgd.step(x, g, 0.5f, 1, 2);
        assertArrayEquals(new float[] {1, 0.5f, 0.5f, 1}, x, 0f);
        assertArrayEquals(new float[] {0, 1, 1, 0}, sgd.momentumBuffer(), 0f);
    }

    @Test
    void resetForgetsMomentum() {
        Sgd sgd = new Sgd(1, 0.9f, false, 0f);
        run(sgd, 1f, 0.1f, 0.5f);
        sgd.reset();
        assertArrayEquals(new float[] {0.95f}, run(sgd, 1f, 0.1f, 0.5f), TOL);
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sgd.plain(3).step(new float[3], new float[4], 0.1f));
        assertTrue(e.getMessage().contains("gradient of length 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sgd.plain(3).step(new float[3], new float[3], 0.1f, 2, 2));
        assertTrue(e.getMessage().contains("[2, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(3, 0f, true, 0f));
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("lbfgs", 3, 0f, false, 0f));
        assertTrue(e.getMessage().contains("'lbfgs'"), e.getMessage());
    }

    @Test
    void factoryBuildsEachRule() {
        assertEquals(Sgd.class, Optimizers.create("sgd", 2, 0.9f, true, 0f).getClass());
        assertEquals(Adam.class, Optimizers.create("adamw", 2, 0f, false, 0.01f).getClass());
        assertEquals(RmsProp.class, Optimizers.create("rmsprop", 2, 0f, false, 0f).getClass());
    }
}
