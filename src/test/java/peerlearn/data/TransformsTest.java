package peerlearn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/** Normalisation, rotation and crop-and-flip on hand-checkable 3×3 images. */
class TransformsTest {
    /** One 1×3×3 image with pixels 1..9 row by row. */
    static Dataset oneImage() {
        return Dataset.classification("img", new int[] {1, 3, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[] {0}, 1);
    }

    static float[] pixels(Dataset d) {
        return d.featuresUnsafe().clone();
    }

    @Test
    void normalisationStandardisesEachChannel() {
        // two channels of one 1×2 image: channel 0 = {1, 3}, channel 1 = {10, 10}
        Dataset d = Dataset.classification("c2", new int[] {2, 1, 2}, new float[] {1, 3, 10, 10}, new int[] {0}, 1);
        Normalization n = Normalization.fit(d);
        assertArrayEquals(new float[] {2, 10}, n.mean());
        assertArrayEquals(new float[] {1, 1}, n.std()); // constant channel: centred, not scaled
        assertArrayEquals(new float[] {-1, 1, 0, 0}, pixels(n.apply(d)));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0}, new float[] {0}));
    }

    @Test
    void splitNormalisationUsesTrainingStatisticsForBothSets() {
        Dataset train = Dataset.classification("tr", new int[] {1}, new float[] {0, 2, 4}, new int[] {0, 0, 0}, 1);
        Dataset test = Dataset.classification("te", new int[] {1}, new float[] {2, 8}, new int[] {0, 0}, 1);
        Split s = new Split(train, test, "toy").normalized();
        float sd = (float) Math.sqrt(8.0 / 3); // population std of {0, 2, 4}
        assertArrayEquals(new float[] {-2 / sd, 0, 2 / sd}, pixels(s.train()));
        assertArrayEquals(new float[] {0, 6 / sd}, pixels(s.test()));
        assertEquals(true, s.source().contains("normalised with mean [2.0000] std [1.6330]"), s.source());
    }

    @Test
    void quarterTurnsAreExactCounterClockwisePermutations() {
        for (Rotation.Interpolation mode : Rotation.Interpolation.values()) {
            assertArrayEquals(new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, pixels(Rotation.rotate(oneImage(), 90, mode)));
            assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, pixels(Rotation.rotate(oneImage(), 180, mode)));
            assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, pixels(Rotation.rotate(oneImage(), -90, mode)));
        }
    }

    @Test
    void smallAnglesMoveLittleAndCornersFillWithZero() {
        float[] almost = pixels(Rotation.rotate(oneImage(), 359.99, Rotation.Interpolation.BILINEAR));
        float[] centre = pixels(oneImage());
        assertEquals(centre[4], almost[4], Tolerances.ROTATION_SMALL_ANGLE);
        assertEquals(centre[3], almost[3], Tolerances.ROTATION_SMALL_ANGLE * 10);
        // 45° on a 5×5 image of ones: corner (0, 0) reads from row 2 − 2√2 ≈ −0.83, outside the image
        float[] ones = new float[25];
        java.util.Arrays.fill(ones, 1);
        Dataset square = Dataset.classification("ones", new int[] {1, 5, 5}, ones, new int[] {0}, 1);
        float[] turned = pixels(Rotation.rotate(square, 45, Rotation.Interpolation.NEAREST));
        assertEquals(0f, turned[0]);
        assertEquals(1f, turned[12]);
        assertEquals("img-rot10", Rotation.rotate(oneImage(), 10, Rotation.Interpolation.BILINEAR).name());
    }

    @Test
    void cropAndFlipShiftMirrorAndPad() {
        Batch b = Batch.forDataset(oneImage(), 1).fill(oneImage(), new int[] {0}, 0, 1);
        new CropFlip(0, false).apply(b, new Rng(1));
        assertArrayEquals(pixels(oneImage()), java.util.Arrays.copyOf(b.x(), 9), "no padding, no flip: identity");
        // find seeds giving each draw; with padding 1 the shift (dy, dx) is in {-1, 0, 1}²
        Rng probe = new Rng(5);
        int dy = probe.nextInt(3) - 1;
        int dx = probe.nextInt(3) - 1;
        boolean mirror = probe.nextInt(2) == 1;
        b.fill(oneImage(), new int[] {0}, 0, 1);
        new CropFlip(1, true, new float[] {-7}).apply(b, new Rng(5));
        float[] src = pixels(oneImage());
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int sr = r + dy;
                int sc = (mirror ? 2 - c : c) + dx;
                float expected = sr < 0 || sr > 2 || sc < 0 || sc > 2 ? -7 : src[sr * 3 + sc];
                assertEquals(expected, b.x()[r * 3 + c], "pixel " + r + "," + c + " for dy=" + dy + " dx=" + dx + " flip=" + mirror);
            }
        }
    }
}
