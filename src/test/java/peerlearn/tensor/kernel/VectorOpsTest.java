package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VectorOpsTest {

    @Test
    void axpyScaleAndDotOnSmallVectors() {
        float[] x = {1, 2, 3};
        float[] y = {10, 20, 30};
        VectorOps.axpy(2f, x, y);
        assertArrayEquals(new float[] {12, 24, 36}, y);
        VectorOps.scale(0.5f, y);
        assertArrayEquals(new float[] {6, 12, 18}, y);
        assertEquals(1 * 6 + 2 * 12 + 3 * 18, VectorOps.dot(x, y));
        assertEquals(14, VectorOps.sumSquares(x));
        assertEquals(Math.sqrt(14), VectorOps.norm(x));
    }

    /**
     * The 16-partial rule on x = (2⁵⁴, 1, 1, …, 1) with sixteen 1s; doubles near 2⁵⁴ are 4 apart.
     * Partial 0 = 2⁵⁴ + 1 (element 16) rounds to 2⁵⁴; partials 1…15 hold 1. Folding: +8 gives
     * s₀ = 2⁵⁴ (+1 lost), s₁…s₇ = 2; +4 gives s₀ = 2⁵⁴ (+2 is a tie, to even), s₁…s₃ = 4; +2 gives
     * s₀ = 2⁵⁴ + 4, s₁ = 8; +1 gives 2⁵⁴ + 12. (Left to right would give 2⁵⁴; exact is 2⁵⁴ + 16.)
     */
    @Test
    void sumFollowsTheSixteenPartialRule() {
        float[] x = new float[17];
        x[0] = 0x1p54f;
        java.util.Arrays.fill(x, 1, 17, 1f);
        assertEquals(0x1p54 + 12, VectorOps.sum(x));
        assertEquals(0x1p54 + 12, new ScalarOps().sum(x, 0, 17));
        assertEquals(ScalarOps.fold(partialsOf(x)), VectorOps.sum(x));
    }

    private static double[] partialsOf(float[] x) {
        double[] s = new double[16];
        for (int i = 0; i < x.length; i++) {
            s[i % 16] += x[i];
        }
        return s;
    }

    @Test
    void weightedSumAddsInOrder() {
        float[][] xs = {{1, 2}, {3, 4}, {5, 6}};
        float[] out = new float[2];
        VectorOps.weightedSum(new float[] {0.5f, 0.25f, 0.25f}, xs, out);
        assertArrayEquals(new float[] {0.5f + 0.75f + 1.25f, 1f + 1f + 1.5f}, out);
    }

    @Test
    void reluKeepsNaNAndClearsNegativeZero() {
        float[] x = {-1, 0, -0f, 2, Float.NaN};
        float[] out = new float[5];
        VectorOps.relu(x, 0, out, 0, 5);
        assertArrayEquals(new float[] {0, 0, 0, 2, Float.NaN}, out);
        assertEquals(0, Float.floatToRawIntBits(out[2]));
        float[] dx = {1, 1, 1, 1, 1};
        VectorOps.reluBackward(x, 0, new float[] {5, 5, 5, 5, 5}, 0, dx, 0, 5);
        assertArrayEquals(new float[] {1, 1, 1, 6, 1}, dx);
    }

    @Test
    void biasAndItsGradient() {
        // x: (2, 3) rows; a Linear bias adds per column, its gradient sums over rows.
        float[] x = {1, 2, 3, 4, 5, 6};
        VectorOps.addRowVector(x, 0, 2, 3, new float[] {10, 20, 30}, 0);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, x);
        float[] db = {1, 1, 1};
        VectorOps.columnSums(x, 0, 2, 3, db, 0);
        assertArrayEquals(new float[] {26, 48, 70}, db);
        // y: (N=2, C=2, HW=2); a convolution bias adds per channel, its gradient sums N and HW.
        float[] y = new float[8];
        VectorOps.addChannelBias(y, 0, 2, 2, 2, new float[] {1, -1}, 0);
        assertArrayEquals(new float[] {1, 1, -1, -1, 1, 1, -1, -1}, y);
        float[] dc = new float[2];
        VectorOps.channelSums(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 2, 2, 2, dc, 0);
        assertArrayEquals(new float[] {1 + 2 + 5 + 6, 3 + 4 + 7 + 8}, dc);
    }

    @Test
    void swapLeadingAxesTransposesBlocks() {
        // (a=2, b=3, inner=1) → (3, 2, 1)
        float[] dst = new float[6];
        VectorOps.swapLeadingAxes(new float[] {1, 2, 3, 4, 5, 6}, 0, 2, 3, 1, dst, 0);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, dst);
    }

    @Test
    void errorsNameTheLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> VectorOps.dot(new float[784], new float[785]));
        assertEquals("vectors differ in length: 784 vs 785", e.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> VectorOps.scale(2f, new float[4], 2, 3));
        assertEquals("range [2, 5) of x is outside its array of length 4", r.getMessage());
    }
}
