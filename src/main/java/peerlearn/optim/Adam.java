package peerlearn.optim;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1),
 * as {@code torch.optim.Adam}, with L2 weight decay added to the gradient or, when
 * {@code decoupled}, AdamW's decoupled decay (Loshchilov and Hutter, ICLR 2019):
 * <pre>
 *   g ← g + λ x                                   (L2; AdamW instead does x ← x − η λ x)
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   x ← x − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 * The step count t advances once per call of {@link #step(float[], float[], float, int, int)}.
 */
public final class Adam implements Optimizer {
    private final int d;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private final float[] m;
    private final float[] v;
    private int t;

    public Adam(int d, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam needs eps > 0 and weight decay >= 0, got " + eps + ", " + weightDecay);
        }
        this.d = d;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new float[d];
        this.v = new float[d];
    }

    /** PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public static Adam defaults(int d) {
        return new Adam(d, 0.9f, 0.999f, 1e-8f, 0f, false);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void step(float[] x, float[] grad, float lr, int off, int n) {
        Optimizer.checkRange(d, off, n);
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / c1);
        float sqrtC2 = (float) Math.sqrt(c2);
        for (int i = off; i < off + n; i++) {
            float g = grad[i];
            if (decoupled) {
                x[i] -= lr * weightDecay * x[i];
            } else if (weightDecay != 0) {
                g = Math.fma(weightDecay, x[i], g);
            }
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            float denom = (float) Math.sqrt(v[i]) / sqrtC2 + eps;
            x[i] -= stepSize * m[i] / denom;
        }
    }

    /** Steps taken so far (t). */
    public int steps() {
        return t;
    }

    @Override
    public void state(peerlearn.state.State s) {
        s.floats("m", m);
        s.floats("v", v);
        t = s.count("t", t);
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(m, 0f);
        java.util.Arrays.fill(v, 0f);
        t = 0;
    }
}
