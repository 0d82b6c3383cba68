package peerlearn.optim;

/**
 * An update rule x ← x − η·u(g) over a flat parameter vector. State (momentum, second moments)
 * is kept per coordinate of the full vector, so stepping a range {@code [off, off + n)} touches
 * only that range's state.
 */
public interface Optimizer extends peerlearn.state.Stateful {
    /** d, the length of the vectors this optimizer steps. */
    int dimension();

    /** One step on {@code x[off, off + n)} with gradient {@code grad[off, off + n)} and rate {@code lr}. */
    void step(float[] x, float[] grad, float lr, int off, int n);

    /** One step on the whole vector. */
    default void step(float[] x, float[] grad, float lr) {
        checkLengths(dimension(), x, grad);
        step(x, grad, lr, 0, dimension());
    }

    /** Visits the optimizer's buffers (momentum, moment estimates, step count) for a checkpoint. */
    @Override
    void state(peerlearn.state.State s);

    /** Forgets all state (momentum buffers, moment estimates, step counts). */
    void reset();

    /** Throws unless {@code x} and {@code grad} both have length {@code d}. */
    static void checkLengths(int d, float[] x, float[] grad) {
        if (x.length != d || grad.length != d) {
            throw new IllegalArgumentException("optimizer of dimension " + d + " got parameters of length " + x.length
                    + " and gradient of length " + grad.length);
        }
    }

    /** Throws unless {@code [off, off + n)} lies inside {@code [0, d)}. */
    static void checkRange(int d, int off, int n) {
        if (off < 0 || n < 0 || off + n > d) {
            throw new IllegalArgumentException("range [" + off + ", " + (off + n) + ") is outside [0, " + d + ")");
        }
    }
}
