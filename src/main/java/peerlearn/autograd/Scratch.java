package peerlearn.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.GemmWorkspace;

/**
 * Working buffers that a training loop reuses from step to step, so the large temporaries of a
 * step — a convolution's im2col columns, and, for a graph whose input was made by
 * {@link Var#input(Tensor, Scratch)}, the values of the ops that support it and every
 * intermediate gradient — are not allocated and zeroed anew for every minibatch. Within one step every request gets its own buffer; {@link #reset()} makes them
 * all available again. Since a model issues the same requests in the same order every step, the
 * second and later steps allocate nothing here.
 *
 * <p>Contract: call {@link #reset()} only once every graph built since the previous reset is done
 * with (its {@code backward()} has run, or it will never run), because those graphs still read
 * their buffers. One scratch serves one thread of work at a time; {@link ScratchPool} lends them
 * out for one pass each.
 * Buffer contents are unspecified; the ops that take one overwrite every element they read.
 */
public final class Scratch {
    private final List<float[]> buffers = new ArrayList<>();
    private final List<int[]> intBuffers = new ArrayList<>();
    private int next;
    private int nextInt;
    private final GemmWorkspace gemm = new GemmWorkspace();

    /** A buffer of at least {@code size} floats, distinct from every other since the last reset. */
    float[] floats(int size) {
        float[] b = next < buffers.size() ? buffers.get(next) : null;
        if (b == null || b.length < size) {
            b = new float[size];
            keep(buffers, next, b);
        }
        next++;
        return b;
    }

    /** Puts a new buffer at {@code index}: the next slot in order, or in place of one too small. */
    private static <T> void keep(List<T> list, int index, T buffer) {
        if (index == list.size()) {
            list.add(buffer);
        } else {
            list.set(index, buffer);
        }
    }

    /** The GEMM packing buffers of this thread of work (one product at a time uses them). */
    GemmWorkspace gemmWorkspace() {
        return gemm;
    }

    /** An int buffer of at least {@code size}, distinct from every other since the last reset. */
    int[] ints(int size) {
        int[] b = nextInt < intBuffers.size() ? intBuffers.get(nextInt) : null;
        if (b == null || b.length < size) {
            b = new int[size];
            keep(intBuffers, nextInt, b);
        }
        nextInt++;
        return b;
    }

    /** A zero tensor of this shape: fresh when {@code scratch} is null, else on a buffer of it, zeroed. */
    static Tensor zeros(Scratch scratch, int... shape) {
        if (scratch == null) {
            return Tensor.zeros(shape);
        }
        Tensor t = uninitialized(scratch, shape);
        Arrays.fill(t.data(), 0, t.size(), 0f);
        return t;
    }

    /**
     * A tensor of this shape for an op that writes every element before anything reads one: fresh
     * (zeros) when {@code scratch} is null, else on a buffer of it with unspecified contents.
     */
    static Tensor uninitialized(Scratch scratch, int... shape) {
        if (scratch == null) {
            return Tensor.zeros(shape);
        }
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large: " + size + " elements");
        }
        return Tensor.view(scratch.floats((int) size), 0, shape);
    }

    /** Makes every buffer available again (see the class contract). */
    public void reset() {
        next = 0;
        nextInt = 0;
    }

    /** Fills every held buffer with NaN (floats) and −1 (ints), for tests of what ops read. */
    void poison() {
        for (float[] b : buffers) {
            Arrays.fill(b, Float.NaN);
        }
        for (int[] b : intBuffers) {
            Arrays.fill(b, -1);
        }
        gemm.poison();
    }

    /** Total floats (and ints) held, for allocation reports. */
    public long heldFloats() {
        long n = 0;
        for (float[] b : buffers) {
            n += b.length;
        }
        for (int[] b : intBuffers) {
            n += b.length;
        }
        return n;
    }
}
