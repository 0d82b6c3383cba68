package peerlearn.autograd;

import java.util.ArrayList;
import java.util.List;

/**
 * Working buffers that a training loop reuses from step to step, so the large temporaries of a
 * convolution (its im2col columns, which backward needs) are not allocated and zeroed anew for
 * every minibatch. Within one step every request gets its own buffer; {@link #reset()} makes them
 * all available again. Since a model issues the same requests in the same order every step, the
 * second and later steps allocate nothing here.
 *
 * <p>Contract: call {@link #reset()} only once every graph built since the previous reset is done
 * with (its {@code backward()} has run, or it will never run), because those graphs still read
 * their buffers. One scratch belongs to one thread of work (one agent's model); it is not shared.
 * Buffer contents are unspecified; the ops that take one overwrite every element they read.
 */
public final class Scratch {
    private final List<float[]> buffers = new ArrayList<>();
    private int next;

    /** A buffer of at least {@code size} floats, distinct from every other since the last reset. */
    float[] floats(int size) {
        if (next == buffers.size()) {
            buffers.add(new float[size]);
        } else if (buffers.get(next).length < size) {
            buffers.set(next, new float[size]);
        }
        return buffers.get(next++);
    }

    /** Makes every buffer available again (see the class contract). */
    public void reset() {
        next = 0;
    }

    /** Total floats held, for allocation reports. */
    public long heldFloats() {
        long n = 0;
        for (float[] b : buffers) {
            n += b.length;
        }
        return n;
    }
}
