package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;

/** The 2×2 max-pool agrees with the general pooling kernel on finite inputs, ties included. */
class MaxPool2x2Properties {
    @Test
    void twoByTwoMaxPoolMatchesTheGeneralKernelBitForBit() {
        qt().withExamples(100).forAll(integers().between(0, 3), integers().between(2, 9),
                integers().between(2, 9), longs().all()).checkAssert((planes, h, w, seed) -> {
            Rng rng = new Rng(seed);
            float[] x = new float[3 + planes * h * w];
            for (int i = 0; i < x.length; i++) {
                // few distinct values (and many zeros, as after a relu), so ties are common
                x[i] = Math.max(0f, rng.nextInt(5) - 2f);
            }
            int out = planes * (h / 2) * (w / 2);
            float[] y1 = new float[out + 1];
            float[] y2 = new float[out + 1];
            int[] a1 = new int[out + 2];
            int[] a2 = new int[out + 2];
            Pooling.maxForward(x, 3, planes, h, w, 2, 2, 2, y1, 1, a1, 2);
            MaxPool2x2.forward(x, 3, planes, h, w, y2, 1, a2, 2);
            assertArrayEquals(y1, y2);
            assertArrayEquals(a1, a2);
        });
    }

    @Test
    void aNaNInAWindowGivesNaN() {
        float[] x = {1, Float.NaN, 2, 3};
        float[] y = new float[1];
        MaxPool2x2.forward(x, 0, 1, 2, 2, y, 0, new int[1], 0);
        org.junit.jupiter.api.Assertions.assertTrue(Float.isNaN(y[0]));
    }
}
