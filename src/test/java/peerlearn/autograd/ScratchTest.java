package peerlearn.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import peerlearn.tensor.Tensor;

/**
 * A graph whose input carries a {@link Scratch} keeps its values and intermediate gradients on
 * reused buffers: the results must be those of fresh arrays, step after step, although the
 * buffers still hold the previous step's numbers.
 */
class ScratchTest {
    /** Loss and the gradients of a small CNN (conv, relu, pool, evonorm, linear) on one batch. */
    private static float[][] step(float[] images, float[] w1, float[] w2, float[] wl, Scratch scratch) {
        Tensor xt = Tensor.of(images, 4, 1, 8, 8);
        Var x = scratch == null ? Var.constant(xt) : Var.input(xt, scratch);
        Var c1 = Var.param(Tensor.of(w1.clone(), 4, 1, 3, 3));
        Var c2 = Var.param(Tensor.of(w2.clone(), 4, 4, 3, 3));
        Var lw = Var.param(Tensor.of(wl.clone(), 3, 16));
        Var h = Ops.maxPool2d(Ops.relu(Ops.conv2d(x, c1, null, 1, 1, scratch == null ? new Scratch() : scratch)), 2, 2);
        h = Ops.maxPool2d(Ops.evoNormS0(Ops.conv2d(h, c2, null, 1, 1, scratch == null ? new Scratch() : scratch), 2, null, null), 2, 2);
        Var loss = Ops.crossEntropy(Ops.linear(Ops.flatten(h), lw, null), new int[] {0, 2, 1, 2});
        loss.backward();
        return new float[][] {loss.value().toArray(), c1.grad().toArray(), c2.grad().toArray(), lw.grad().toArray()};
    }

    @Test
    void stepsOnReusedBuffersEqualStepsOnFreshArrays() {
        SplittableRandom r = new SplittableRandom(7);
        Scratch scratch = new Scratch();
        float[] w1 = uniform(r, 36), w2 = uniform(r, 144), wl = uniform(r, 48);
        for (int s = 0; s < 3; s++) {
            float[] images = uniform(r, 4 * 64);
            scratch.reset();
            float[][] reused = step(images, w1, w2, wl, scratch);
            float[][] fresh = step(images, w1, w2, wl, null);
            for (int i = 0; i < fresh.length; i++) {
                assertArrayEquals(fresh[i], reused[i], "step " + s + ", result " + i);
            }
        }
    }

    @Test
    void aScratchHandsOutTheSameBuffersInTheSameOrderAfterAReset() {
        Scratch scratch = new Scratch();
        float[] a = scratch.floats(10);
        int[] b = scratch.ints(5);
        float[] c = scratch.floats(3);
        long held = scratch.heldFloats();
        scratch.reset();
        assertSame(a, scratch.floats(10));
        assertSame(b, scratch.ints(5));
        assertSame(c, scratch.floats(3));
        assertEquals(held, scratch.heldFloats());
        scratch.reset();
        float[] bigger = scratch.floats(11);
        assertEquals(11, bigger.length);
        assertEquals(held + 11 - 10, scratch.heldFloats());
    }

    private static float[] uniform(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }
}
