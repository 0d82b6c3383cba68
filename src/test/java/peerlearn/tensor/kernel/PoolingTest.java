package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PoolingTest {
    // One 4×4 plane; 2×2 windows with stride 2.
    private static final float[] X = {
        1, 2, 5, 0,
        3, 4, 6, 6,
        -1, -2, 0, 0,
        -3, -4, 0, 9};

    @Test
    void maxPoolPicksTheFirstMaximumAndRoutesGradientsBack() {
        float[] y = new float[4];
        int[] arg = new int[4];
        Pooling.maxForward(X, 0, 1, 4, 4, 2, 2, 2, y, 0, arg, 0);
        assertArrayEquals(new float[] {4, 6, -1, 9}, y);
        assertArrayEquals(new int[] {5, 6, 8, 15}, arg);
        float[] dx = new float[16];
        Pooling.maxBackward(new float[] {1, 2, 3, 4}, 0, arg, 0, 4, dx, 0);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 2, 0, 3, 0, 0, 0, 0, 0, 0, 4}, dx);
    }

    @Test
    void maxPoolPropagatesNaN() {
        float[] x = {1, Float.NaN, 3, 2};
        float[] y = new float[1];
        Pooling.maxForward(x, 0, 1, 2, 2, 2, 2, 2, y, 0, new int[1], 0);
        assertEquals(Float.NaN, y[0]);
    }

    @Test
    void overlappingWindowsAccumulateGradients() {
        // 1×3 plane, window 1×2, stride 1: both windows pick the middle element.
        float[] y = new float[2];
        int[] arg = new int[2];
        Pooling.maxForward(new float[] {0, 5, 1}, 0, 1, 1, 3, 1, 2, 1, y, 0, arg, 0);
        float[] dx = new float[3];
        Pooling.maxBackward(new float[] {1, 10}, 0, arg, 0, 2, dx, 0);
        assertArrayEquals(new float[] {0, 11, 0}, dx);
    }

    @Test
    void avgPoolAndItsBackward() {
        float[] y = new float[4];
        Pooling.avgForward(X, 0, 1, 4, 4, 2, 2, 2, y, 0);
        assertArrayEquals(new float[] {2.5f, 4.25f, -2.5f, 2.25f}, y);
        float[] dx = new float[16];
        Pooling.avgBackward(new float[] {4, 8, 0, 0}, 0, 1, 4, 4, 2, 2, 2, dx, 0);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0}, dx);
    }

    @Test
    void rejectsAWindowLargerThanThePlane() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxForward(X, 0, 1, 4, 4, 5, 2, 2, new float[4], 0, new int[4], 0));
        assertEquals("pool: bad geometry planes=1 input 4×4 window 5×2 stride 2", e.getMessage());
    }
}
