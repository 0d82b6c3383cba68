package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;

/** The 2×2 max-pool agrees with the general pooling kernel, ties and NaNs included. */
class MaxPool2x2Properties {
    @Test
    void twoByTwoMaxPoolMatchesTheGeneralKernelBitForBit() {
        qt().withExamples(100).forAll(integers().between(0, 3), integers().between(2, 9),
                integers().between(2, 9), longs().all()).checkAssert((planes, h, w, seed) -> {
            Rng rng = new Rng(seed);
            float[] x = new float[3 + planes * h * w];
            for (int i = 0; i < x.length; i++) {
                int kind = rng.nextInt(10);
                // few distinct values, so ties are common; an occasional NaN
                x[i] = kind == 0 ? Float.NaN : rng.nextInt(4) - 1.5f;
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
}
