package peerlearn.objective;

import peerlearn.data.Batch;
import peerlearn.data.Dataset;
import peerlearn.rng.Rng;
import peerlearn.tensor.ParameterLayout;

/**
 * The quadratic f(x) = ½ (x − b)ᵀ A (x − b) with A symmetric (diagonal or dense), the workhorse
 * of the theory tests: its gradient A(x − b) and minimiser b are known exactly.
 *
 * <p>Stochastic gradients: a batch ξ carries a standard normal vector drawn from the agent's own
 * stream, and F(x; ξ) = f(x) + σ ξᵀx, so ∇F(x; ξ) = A(x − b) + σ ξ is unbiased with covariance
 * σ² I. With σ = 0 every batch is empty noise and F = f.
 */
public final class Quadratic implements Objective {
    private final int d;
    private final float[] diag;
    private final float[] dense;
    private final float[] b;
    private final double sigma;
    private final Rng rng;
    private final Batch batch;
    private final float[] x0;
    private final ParameterLayout layout;
    private final double[] residual;

    private Quadratic(int d, float[] diag, float[] dense, float[] b, double sigma, Rng rng, float[] x0, ParameterLayout layout) {
        Scoring.checkLength("b", d, b);
        Scoring.checkLength("x0", d, x0);
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("gradient noise σ must be non-negative, got " + sigma);
        }
        if (layout.size() != d) {
            throw new IllegalArgumentException("layout covers " + layout.size() + " floats, the quadratic has dimension " + d);
        }
        this.d = d;
        this.diag = diag;
        this.dense = dense;
        this.b = b.clone();
        this.sigma = sigma;
        this.rng = rng;
        this.batch = new Batch(1, new int[] {d}, 0);
        this.batch.setSize(1);
        this.x0 = x0.clone();
        this.layout = layout;
        this.residual = new double[d];
    }

    /** f(x) = ½ Σ_k a_k (x_k − b_k)²; noise σ drawn from {@code rng} (unused when σ = 0), start x⁰. */
    public static Quadratic diagonal(float[] a, float[] b, double sigma, Rng rng, float[] x0) {
        return diagonal(a, b, sigma, rng, x0, ParameterLayout.single("x", a.length));
    }

    /** As {@link #diagonal(float[], float[], double, Rng, float[])} with a custom segment layout. */
    public static Quadratic diagonal(float[] a, float[] b, double sigma, Rng rng, float[] x0, ParameterLayout layout) {
        return new Quadratic(a.length, a.clone(), null, b, sigma, rng, x0, layout);
    }

    /** f(x) = ½ (x − b)ᵀ A (x − b) with A a symmetric d×d matrix, row-major. */
    public static Quadratic dense(float[] a, float[] b, double sigma, Rng rng, float[] x0) {
        int d = b.length;
        if (a.length != d * d) {
            throw new IllegalArgumentException("A has " + a.length + " entries, a " + d + "×" + d + " matrix needs " + d * d);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (a[i * d + j] != a[j * d + i]) {
                    throw new IllegalArgumentException("A is not symmetric: A[" + i + "][" + j + "] = " + a[i * d + j]
                            + " but A[" + j + "][" + i + "] = " + a[j * d + i]);
                }
            }
        }
        return new Quadratic(d, null, a.clone(), b, sigma, rng, x0, ParameterLayout.single("x", d));
    }

    /** The minimiser b (a copy). */
    public float[] minimizer() {
        return b.clone();
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    /** The gradient-noise stream (nothing else changes). */
    @Override
    public void state(peerlearn.state.State s) {
        s.part("noise", rng);
    }

    @Override
    public Batch nextBatch() {
        float[] xi = batch.x();
        if (sigma > 0) {
            for (int k = 0; k < d; k++) {
                xi[k] = (float) rng.nextGaussian();
            }
        }
        return batch;
    }

    @Override
    public double lossAndGradient(float[] x, Batch xiBatch, float[] grad) {
        Scoring.checkLength("gradient", d, grad);
        double f = exact(x, grad);
        if (sigma > 0) {
            float[] xi = xiBatch.x();
            for (int k = 0; k < d; k++) {
                f += sigma * xi[k] * x[k];
                grad[k] += (float) (sigma * xi[k]);
            }
        }
        return f;
    }

    @Override
    public double loss(float[] x, Batch xiBatch) {
        double f = exact(x, null);
        if (sigma > 0) {
            float[] xi = xiBatch.x();
            for (int k = 0; k < d; k++) {
                f += sigma * xi[k] * x[k];
            }
        }
        return f;
    }

    /** f(x), and ∇f(x) = A(x − b) into {@code grad} unless it is null; computed in double. */
    public double exact(float[] x, float[] grad) {
        Scoring.checkLength("x", d, x);
        for (int k = 0; k < d; k++) {
            residual[k] = (double) x[k] - b[k];
        }
        double f = 0;
        for (int i = 0; i < d; i++) {
            double ar;
            if (diag != null) {
                ar = diag[i] * residual[i];
            } else {
                ar = 0;
                for (int j = 0; j < d; j++) {
                    ar += dense[i * d + j] * residual[j];
                }
            }
            f += 0.5 * residual[i] * ar;
            if (grad != null) {
                grad[i] = (float) ar;
            }
        }
        return f;
    }

    @Override
    public Evaluation evaluateLocalTest(float[] x) {
        return new Evaluation(exact(x, null), Double.NaN, 1);
    }

    @Override
    public Evaluation evaluateLocalTrain(float[] x) {
        return evaluateLocalTest(x);
    }

    @Override
    public Evaluation evaluate(float[] x, Dataset data, int[] indices) {
        throw new UnsupportedOperationException("a quadratic objective has no samples to evaluate " + data.name() + " on");
    }

    @Override
    public float[] initialParameters() {
        return x0.clone();
    }
}
