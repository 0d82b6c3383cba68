package peerlearn.experiment;

import peerlearn.objective.Evaluation;
import peerlearn.objective.Objective;
import peerlearn.objective.Quadratic;
import peerlearn.rng.Rng;

/**
 * The analytic problem {@code data=quadratic}: agent i minimises
 * f_i(x) = ½ Σ_k a_k (x_k − b_ik)² with a shared curvature a_k ∈ [0.5, 1.5] and its own
 * optimum b_i ~ N(0, I), all drawn from the seed; x⁰ = 0 on every agent. The "global test"
 * is f = (1/N) Σ_i f_i, minimised at b̄. Accuracies are NaN (there are no classes).
 */
final class QuadraticProblem implements Problem {
    private final int n;
    private final int d;
    private final double sigma;
    private final long seed;
    private final float[] a;
    private final float[][] b;

    QuadraticProblem(int agents, int d, double sigma, long seed) {
        this.n = agents;
        this.d = d;
        this.sigma = sigma;
        this.seed = seed;
        Rng shared = Rng.stream(seed, -1, "quadratic:curvature");
        this.a = new float[d];
        for (int k = 0; k < d; k++) {
            a[k] = (float) (0.5 + shared.nextDouble());
        }
        this.b = new float[agents][d];
        for (int i = 0; i < agents; i++) {
            Rng r = Rng.stream(seed, i, "quadratic:optimum");
            for (int k = 0; k < d; k++) {
                b[i][k] = (float) r.nextGaussian();
            }
        }
    }

    @Override
    public String description() {
        return "quadratic, d = " + d + ", σ = " + sigma + ", " + n + " agents";
    }

    @Override
    public Objective objective(int agent) {
        return Quadratic.diagonal(a, b[agent], sigma, Rng.stream(seed, agent, "batches"), new float[d]);
    }

    @Override
    public Objective evaluator() {
        return Quadratic.diagonal(a, b[0], 0, Rng.stream(seed, -1, "evaluator"), new float[d]);
    }

    @Override
    public Evaluation evaluateGlobal(Objective o, float[] x) {
        double f = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double r = (double) x[k] - b[i][k];
                f += 0.5 * a[k] * r * r;
            }
        }
        return new Evaluation(f / n, Double.NaN, n);
    }

    @Override
    public int trainSamples(int agent) {
        return 1;
    }
}
