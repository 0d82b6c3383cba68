package peerlearn.algo;

import peerlearn.data.Batch;
import peerlearn.data.Dataset;
import peerlearn.data.Synthetic;
import peerlearn.objective.Evaluation;
import peerlearn.objective.Objective;
import peerlearn.rng.Rng;
import peerlearn.tensor.ParameterLayout;

/**
 * DePRL's shared-representation regression as an analytic two-layer objective with fresh samples
 * (the population regime, so the exact gradient is known): agent i's samples are a ~ N(0, I_d),
 * y = θ_i*ᵀ B a + σ ε with B (r × d) and θ_i* from {@link Synthetic#sharedRepresentation}. The
 * model predicts ŷ = θᵀ φ a with body φ (r × d, row-major, group {@code body}) and head θ (r,
 * group {@code head}); F_i(θ, φ; ξ) = (1/2|ξ|) Σ (ŷ − y)². With w = φᵀθ and w* = Bᵀθ_i*:
 * f_i(θ, φ) = E F_i = ½‖w − w*‖² + ½σ², ∇_θ f_i = φ (w − w*), ∇_φ f_i = θ (w − w*)ᵀ.
 */
final class SharedRepresentation implements Objective {
    final int d;
    final int r;
    private final float[] wStar;
    private final double noise;
    private final Rng rng;
    private final Batch batch;
    private final float[] x0;
    private final ParameterLayout layout;

    SharedRepresentation(float[] b, float[] thetaStar, int d, double noise, int batchSize, Rng rng, float[] x0) {
        this.d = d;
        this.r = thetaStar.length;
        this.wStar = new float[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int q = 0; q < r; q++) {
                s += (double) thetaStar[q] * b[q * d + j];
            }
            wStar[j] = (float) s;
        }
        this.noise = noise;
        this.rng = rng;
        this.batch = new Batch(batchSize, new int[] {d}, 1);
        this.x0 = x0.clone();
        var builder = new ParameterLayout.Builder();
        builder.add("phi", r * d, "body");
        builder.add("theta", r, "head");
        this.layout = builder.build();
        if (x0.length != r * d + r) {
            throw new IllegalArgumentException("x0 has " + x0.length + " floats, expected " + (r * d + r));
        }
    }

    /**
     * N agents of the seed's task; x⁰ is (B, θ_i*) + {@code start}·N(0, 1) noise (its own stream
     * per agent, the body's perturbation shared), so {@code start} = 0 starts at the truth.
     */
    static SharedRepresentation[] agents(long seed, int n, int d, int r, double noise, int batchSize, double start) {
        Synthetic.RegressionTasks t = Synthetic.sharedRepresentation(seed, n, d, r, 1, 1, noise);
        Rng shared = Rng.stream(seed, -1, "start");
        float[] body = t.representation().clone();
        for (int c = 0; c < body.length; c++) {
            body[c] += (float) (start * shared.nextGaussian());
        }
        SharedRepresentation[] f = new SharedRepresentation[n];
        for (int i = 0; i < n; i++) {
            Rng own = Rng.stream(seed, i, "start");
            float[] x0 = new float[r * d + r];
            System.arraycopy(body, 0, x0, 0, body.length);
            for (int q = 0; q < r; q++) {
                x0[r * d + q] = (float) (t.theta()[i][q] + start * own.nextGaussian());
            }
            f[i] = new SharedRepresentation(t.representation(), t.theta()[i], d, noise, batchSize,
                    Rng.stream(seed, i, "batches"), x0);
        }
        return f;
    }

    @Override
    public int dimension() {
        return r * d + r;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public Batch nextBatch() {
        float[] a = batch.x();
        float[] y = batch.targets();
        for (int s = 0; s < batch.capacity(); s++) {
            double t = 0;
            for (int j = 0; j < d; j++) {
                a[s * d + j] = (float) rng.nextGaussian();
                t += (double) wStar[j] * a[s * d + j];
            }
            y[s] = (float) (t + noise * rng.nextGaussian());
        }
        batch.setSize(batch.capacity());
        return batch;
    }

    @Override
    public double lossAndGradient(float[] x, Batch xi, float[] grad) {
        java.util.Arrays.fill(grad, 0f);
        return sum(x, xi, grad);
    }

    @Override
    public double loss(float[] x, Batch xi) {
        return sum(x, xi, null);
    }

    private double sum(float[] x, Batch xi, float[] grad) {
        int n = xi.size();
        float[] a = xi.x();
        double[] feature = new double[r];
        double total = 0;
        for (int s = 0; s < n; s++) {
            double yHat = 0;
            for (int q = 0; q < r; q++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += (double) x[q * d + j] * a[s * d + j];
                }
                feature[q] = z;
                yHat += x[r * d + q] * z;
            }
            double e = yHat - xi.targets()[s];
            total += 0.5 * e * e;
            if (grad != null) {
                for (int q = 0; q < r; q++) {
                    double eq = e * x[r * d + q] / n;
                    for (int j = 0; j < d; j++) {
                        grad[q * d + j] += (float) (eq * a[s * d + j]);
                    }
                    grad[r * d + q] += (float) (e * feature[q] / n);
                }
            }
        }
        return total / n;
    }

    /** w − w* for x = (φ, θ), in double. */
    double[] residual(float[] phi, int phiOffset, float[] theta, int thetaOffset) {
        double[] e = new double[d];
        for (int j = 0; j < d; j++) {
            double w = 0;
            for (int q = 0; q < r; q++) {
                w += (double) phi[phiOffset + q * d + j] * theta[thetaOffset + q];
            }
            e[j] = w - wStar[j];
        }
        return e;
    }

    /** f_i(θ, φ) = ½‖w − w*‖² + ½σ² (the population loss). */
    double exact(float[] x) {
        double s = 0;
        for (double e : residual(x, 0, x, r * d)) {
            s += e * e;
        }
        return 0.5 * s + 0.5 * noise * noise;
    }

    @Override
    public Evaluation evaluateLocalTest(float[] x) {
        return new Evaluation(exact(x), Double.NaN, 1);
    }

    @Override
    public Evaluation evaluateLocalTrain(float[] x) {
        return evaluateLocalTest(x);
    }

    @Override
    public Evaluation evaluate(float[] x, Dataset data, int[] indices) {
        throw new UnsupportedOperationException("the population objective has no sample set to evaluate " + data.name() + " on");
    }

    @Override
    public float[] initialParameters() {
        return x0.clone();
    }
}
