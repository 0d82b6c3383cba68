package peerlearn.optim;

/**
 * RMSprop (Tieleman and Hinton, Coursera lecture 6.5, 2012), as {@code torch.optim.RMSprop}
 * (not centred):
 * <pre>
 *   g ← g + λ x
 *   v ← α v + (1 − α) g²
 *   b ← μ b + g / (√v + ε);  x ← x − η b        (μ > 0)
 *   x ← x − η g / (√v + ε)                      (μ = 0)
 * </pre>
 */
public final class RmsProp implements Optimizer {
    private final int d;
    private final float alpha;
    private final float eps;
    private final float momentum;
    private final float weightDecay;
    private final float[] v;
    private final float[] buffer;

    public RmsProp(int d, float alpha, float eps, float momentum, float weightDecay) {
        if (!(alpha >= 0 && alpha < 1) || !(eps > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("RMSprop needs alpha in [0,1), eps > 0, momentum in [0,1), weight decay >= 0; got "
                    + alpha + ", " + eps + ", " + momentum + ", " + weightDecay);
        }
        this.d = d;
        this.alpha = alpha;
        this.eps = eps;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.v = new float[d];
        this.buffer = momentum > 0 ? new float[d] : null;
    }

    /** PyTorch's defaults: α = 0.99, ε = 1e-8, no momentum, no weight decay. */
    public static RmsProp defaults(int d) {
        return new RmsProp(d, 0.99f, 1e-8f, 0f, 0f);
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
            v[i] = alpha * v[i] + (1 - alpha) * g * g;
            float u = g / ((float) Math.sqrt(v[i]) + eps);
            if (buffer != null) {
                buffer[i] = Math.fma(momentum, buffer[i], u);
                u = buffer[i];
            }
            x[i] = Math.fma(-lr, u, x[i]);
        }
    }

    @Override
    public void state(peerlearn.state.State s) {
        s.floats("v", v);
        if (buffer != null) {
            s.floats("momentum_buffer", buffer);
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(v, 0f);
        if (buffer != null) {
            java.util.Arrays.fill(buffer, 0f);
        }
    }
}
