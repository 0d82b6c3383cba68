package peerlearn.optim;

/**
 * Stochastic gradient descent with optional heavy-ball or Nesterov momentum and L2 weight
 * decay, as {@code torch.optim.SGD} (dampening 0):
 * <pre>
 *   g ← g + λ x                       (weight decay λ)
 *   b ← μ b + g                       (momentum μ; b⁰ = 0, so b¹ = g)
 *   u = g + μ b  (Nesterov)  or  u = b  (heavy ball)  or  u = g  (μ = 0)
 *   x ← x − η u
 * </pre>
 * Polyak 1964 (heavy ball); Sutskever et al. 2013 (the Nesterov form used by deep-learning
 * libraries).
 */
public final class Sgd implements Optimizer {
    private final int d;
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private final float[] buffer;

    public Sgd(int d, float momentum, boolean nesterov, float weightDecay) {
        if (d < 0) {
            throw new IllegalArgumentException("dimension must be non-negative, got " + d);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be non-negative, got " + weightDecay);
        }
        this.d = d;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.buffer = momentum > 0 ? new float[d] : null;
    }

    /** Plain SGD: x ← x − η g. */
    public static Sgd plain(int d) {
        return new Sgd(d, 0f, false, 0f);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void step(float[] x, float[] grad, float lr, int off, int n) {
        Optimizer.checkRange(d, off, n);
        for (int i = off; i < off + n; i++) {
            float g = weightDecay == 0 ? grad[i] : Math.fma(weightDecay, x[i], grad[i]);
            if (buffer != null) {
                float b = Math.fma(momentum, buffer[i], g);
                buffer[i] = b;
                g = nesterov ? Math.fma(momentum, b, g) : b;
            }
            x[i] = Math.fma(-lr, g, x[i]);
        }
    }

    /** The momentum buffer b (read-only use), or an empty array without momentum. */
    public float[] momentumBuffer() {
        return buffer == null ? new float[0] : buffer;
    }

    @Override
    public void state(peerlearn.state.State s) {
        if (buffer != null) {
            s.floats("momentum_buffer", buffer);
        }
    }

    @Override
    public void reset() {
        if (buffer != null) {
            java.util.Arrays.fill(buffer, 0f);
        }
    }
}
