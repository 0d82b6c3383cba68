package peerlearn.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import peerlearn.tensor.Tensor;

/** Worked examples with numbers checkable by hand. */
class OpsTest {
    private static Var param(float[] data, int... shape) {
        return Var.param(Tensor.of(data, shape));
    }

    @Test
    void matmulOfTwoByTwoMatrices() {
        Var a = param(new float[] {1, 2, 3, 4}, 2, 2);
        Var b = param(new float[] {5, 6, 7, 8}, 2, 2);
        Var c = Ops.matmul(a, b);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c.value().toArray());
        Ops.sum(c).backward();
        // dA = 1·Bᵀ row sums: [5+6, 7+8] per row; dB = Aᵀ·1: column sums of A per row.
        assertArrayEquals(new float[] {11, 15, 11, 15}, a.grad().toArray());
        assertArrayEquals(new float[] {4, 4, 6, 6}, b.grad().toArray());
    }

    @Test
    void crossEntropyOfZeroLogitsIsLogK() {
        Var z = param(new float[8], 2, 4);
        Var loss = Ops.crossEntropy(z, new int[] {1, 3});
        assertEquals(Math.log(4), loss.value().at(0), 1e-6);
        loss.backward();
        // (softmax − onehot)/N = (1/4 − [k = y])/2
        assertArrayEquals(new float[] {0.125f, -0.375f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, -0.375f},
                z.grad().toArray(), 1e-7f);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        Var z = param(new float[] {1000f, 0f, -1000f}, 1, 3);
        Var loss = Ops.crossEntropy(z, new int[] {1});
        assertEquals(1000f, loss.value().at(0), 1e-3);
        loss.backward();
        assertArrayEquals(new float[] {1, -1, 0}, z.grad().toArray(), 1e-6f);
    }

    @Test
    void crossEntropyRejectsALabelOutOfRange() {
        Var z = param(new float[6], 2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.crossEntropy(z, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3 at row 1"), e.getMessage());
    }

    @Test
    void maxPoolSendsTheGradientToTheMaximum() {
        Var x = param(new float[] {1, 3, 2, 0}, 1, 1, 2, 2);
        Var y = Ops.maxPool2d(x, 2, 2);
        assertArrayEquals(new float[] {3}, y.value().toArray());
        Ops.sum(y).backward();
        assertArrayEquals(new float[] {0, 1, 0, 0}, x.grad().toArray());
    }

    @Test
    void convolutionWithAllOnesKernelSumsWindows() {
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Var x = param(img, 1, 1, 3, 3);
        Var w = param(new float[] {1, 1, 1, 1}, 1, 1, 2, 2);
        Var b = param(new float[] {10}, 1);
        Var y = Ops.conv2d(x, w, b, 1, 0);
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.shape());
        assertArrayEquals(new float[] {22, 26, 34, 38}, y.value().toArray());
        Ops.sum(y).backward();
        // each input pixel counted once per window covering it
        assertArrayEquals(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, x.grad().toArray());
        assertArrayEquals(new float[] {12, 16, 24, 28}, w.grad().toArray());
        assertArrayEquals(new float[] {4}, b.grad().toArray());
    }

    @Test
    void convolutionRejectsChannelMismatchNamingShapes() {
        Var x = Var.constant(Tensor.zeros(1, 2, 4, 4));
        Var w = Var.constant(Tensor.zeros(3, 1, 3, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.conv2d(x, w, null, 1, 0));
        assertTrue(e.getMessage().contains("[1, 2, 4, 4]") && e.getMessage().contains("[3, 1, 3, 3]"), e.getMessage());
    }

    @Test
    void parametersAccumulateIntoViewsOfOneFlatGradient() {
        float[] flat = {1, 2, 3, 0.5f};
        float[] flatGrad = new float[4];
        Var w = Var.param(Tensor.view(flat, 0, 1, 3), Tensor.view(flatGrad, 0, 1, 3));
        Var b = Var.param(Tensor.view(flat, 3, 1), Tensor.view(flatGrad, 3, 1));
        Var x = Var.constant(Tensor.of(new float[] {1, 1, 1, 2, 0, 0}, 2, 3));
        Ops.sum(Ops.linear(x, w, b)).backward();
        assertArrayEquals(new float[] {3, 1, 1, 2}, flatGrad);
        Ops.sum(Ops.linear(x, w, b)).backward();
        assertArrayEquals(new float[] {6, 2, 2, 4}, flatGrad, "a second backward adds to the first");
    }

    @Test
    void constantsReceiveNoGradient() {
        Var x = Var.constant(Tensor.of(new float[] {1, 2}, 1, 2));
        Var w = param(new float[] {3, 4}, 1, 2);
        Ops.sum(Ops.linear(x, w, null)).backward();
        assertEquals(null, x.grad());
        assertArrayEquals(new float[] {1, 2}, w.grad().toArray());
    }

    @Test
    void reluPassesGradientOnlyWherePositive() {
        Var x = param(new float[] {-1, 0, 2}, 3);
        Var y = Ops.relu(x);
        assertArrayEquals(new float[] {0, 0, 2}, y.value().toArray());
        Ops.sum(y).backward();
        assertArrayEquals(new float[] {0, 0, 1}, x.grad().toArray());
    }

    @Test
    void aSecondBackwardOverTheSameGraphAddsTheGradientOnceMore() {
        Var x = param(new float[] {2}, 1);
        Var loss = Ops.sum(Ops.mul(Ops.scale(x, 3f), x)); // 3x², d/dx = 6x = 12
        loss.backward();
        assertArrayEquals(new float[] {12}, x.grad().toArray());
        loss.backward();
        assertArrayEquals(new float[] {24}, x.grad().toArray());
    }

    @Test
    void sharedSubexpressionsSumTheirGradientPaths() {
        Var x = param(new float[] {3}, 1);
        Var y = Ops.exp(x);
        Var loss = Ops.sum(Ops.add(Ops.mul(y, y), y)); // e^{2x} + e^x
        loss.backward();
        assertEquals(2 * Math.exp(6) + Math.exp(3), x.grad().at(0), 1e-3);
    }

    @Test
    void shapeErrorsNameTheOpAndBothShapes() {
        Var a = Var.constant(Tensor.zeros(2, 3));
        Var b = Var.constant(Tensor.zeros(4, 5));
        assertEquals("matmul: inner dimensions differ: [2, 3] · [4, 5] (3 vs 4)",
                assertThrows(IllegalArgumentException.class, () -> Ops.matmul(a, b)).getMessage());
        assertEquals("add: shapes differ: [2, 3] vs [4, 5]",
                assertThrows(IllegalArgumentException.class, () -> Ops.add(a, b)).getMessage());
        assertEquals("addBias: bias must have shape [3], got [4, 5]",
                assertThrows(IllegalArgumentException.class, () -> Ops.addBias(a, b)).getMessage());
        assertEquals("linear: input has 3 features but weight [4, 5] expects 5",
                assertThrows(IllegalArgumentException.class, () -> Ops.linear(a, b, null)).getMessage());
        assertEquals("slice [1, 4) out of range for axis 1 of shape [2, 3]",
                assertThrows(IllegalArgumentException.class, () -> Ops.slice(a, 1, 1, 4)).getMessage());
        assertEquals("concat along axis 1: shapes [2, 3] and [4, 5] differ off that axis",
                assertThrows(IllegalArgumentException.class, () -> Ops.concat(1, a, b)).getMessage());
        assertEquals("maxPool2d: kernel 3 larger than input [1, 1, 2, 2]",
                assertThrows(IllegalArgumentException.class,
                        () -> Ops.maxPool2d(Var.constant(Tensor.zeros(1, 1, 2, 2)), 3, 1)).getMessage());
    }

    @Test
    void backwardNeedsAScalarThatDependsOnAParameter() {
        Var w = param(new float[] {1, 2}, 2);
        assertThrows(IllegalStateException.class, () -> Ops.scale(w, 2f).backward());
        assertThrows(IllegalStateException.class, () -> Ops.sum(Var.constant(Tensor.zeros(2))).backward());
    }
}
