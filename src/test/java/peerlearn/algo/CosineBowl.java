package peerlearn.algo;

import peerlearn.data.Batch;
import peerlearn.data.Dataset;
import peerlearn.objective.Evaluation;
import peerlearn.objective.Objective;
import peerlearn.rng.Rng;
import peerlearn.tensor.ParameterLayout;

/**
 * A smooth non-convex synthetic objective, f(x) = Σ_c (½ x_c² + 2 cos x_c): f″ = 1 − 2 cos x_c
 * ranges over [−1, 3] (L = 3), with a local maximum at 0 and minima near ±1.895 in every
 * coordinate. Stochastic gradients ∇F(x; ξ) = ∇f(x) + σ ξ with ξ standard normal from the
 * agent's own stream.
 */
final class CosineBowl implements Objective {
    private final int d;
    private final double sigma;
    private final Rng rng;
    private final float[] x0;
    private final Batch batch;

    CosineBowl(int d, double sigma, Rng rng, float[] x0) {
        this.d = d;
        this.sigma = sigma;
        this.rng = rng;
        this.x0 = x0.clone();
        this.batch = new Batch(1, new int[] {d}, 0);
        this.batch.setSize(1);
    }

    /** ‖∇f(x)‖², in double. */
    static double gradientNormSquared(double[] x) {
        double s = 0;
        for (double v : x) {
            double g = v - 2 * Math.sin(v);
            s += g * g;
        }
        return s;
    }

    @Override public int dimension() { return d; }
    @Override public ParameterLayout layout() { return ParameterLayout.single("x", d); }

    @Override
    public Batch nextBatch() {
        float[] xi = batch.x();
        for (int c = 0; c < d; c++) {
            xi[c] = (float) rng.nextGaussian();
        }
        return batch;
    }

    @Override
    public double lossAndGradient(float[] x, Batch b, float[] grad) {
        double f = 0;
        for (int c = 0; c < d; c++) {
            f += 0.5 * x[c] * x[c] + 2 * Math.cos(x[c]) + sigma * b.x()[c] * x[c];
            grad[c] = (float) (x[c] - 2 * Math.sin(x[c]) + sigma * b.x()[c]);
        }
        return f;
    }

    @Override
    public double loss(float[] x, Batch b) {
        return lossAndGradient(x, b, new float[d]);
    }

    @Override public Evaluation evaluateLocalTest(float[] x) { return new Evaluation(Double.NaN, Double.NaN, 1); }
    @Override public Evaluation evaluateLocalTrain(float[] x) { return evaluateLocalTest(x); }

    @Override
    public Evaluation evaluate(float[] x, Dataset data, int[] indices) {
        throw new UnsupportedOperationException("a synthetic objective has no samples to evaluate " + data.name() + " on");
    }

    @Override public float[] initialParameters() { return x0.clone(); }
}
