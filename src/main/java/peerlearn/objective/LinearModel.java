package peerlearn.objective;

import peerlearn.data.Batch;
import peerlearn.data.BatchSampler;
import peerlearn.data.Dataset;
import peerlearn.rng.Rng;
import peerlearn.tensor.ParameterLayout;

/**
 * A linear model z = wᵀa (+ c) over an agent's samples, with a per-sample loss ℓ(z, y) and
 * an optional ridge term: F(x; ξ) = (1/|ξ|) Σ_{(a,y)∈ξ} ℓ(wᵀa + c, y) + (λ/2) ‖w‖².
 * Two losses, both convex with known gradients (∇_w = (1/|ξ|) Σ ℓ'(z, y) a + λ w, ∇_c = mean ℓ'):
 * <ul>
 *   <li>least squares, ℓ = ½ (z − y)², on a regression data set with one target;</li>
 *   <li>logistic regression, ℓ = log(1 + eᶻ) − y z with y ∈ {0, 1}, on a two-class data set
 *       (accuracy: predict 1 when z &gt; 0).</li>
 * </ul>
 * Layout: segment {@code weight} (p floats) then, with a bias, {@code bias} (1 float); group
 * {@code body} = weight, {@code head} = bias when present.
 */
public final class LinearModel implements Objective {
    private final boolean logistic;
    private final boolean bias;
    private final double lambda;
    private final int p;
    private final int d;
    private final Dataset train;
    private final int[] trainIdx;
    private final Dataset test;
    private final int[] testIdx;
    private final BatchSampler sampler;
    private final Batch batch;
    private final Batch evalBatch;
    private final ParameterLayout layout;

    private LinearModel(boolean logistic, boolean bias, double lambda, Dataset train, int[] trainIdx, Dataset test,
                        int[] testIdx, int batchSize, Rng rng) {
        if (train.sampleShape().length != 1) {
            throw new IllegalArgumentException(train.name() + " has samples of shape " + java.util.Arrays.toString(train.sampleShape())
                    + "; a linear model needs flat feature vectors");
        }
        if (logistic && (!train.hasLabels() || train.numClasses() != 2)) {
            throw new IllegalArgumentException("logistic regression needs a two-class data set, " + train.name() + " has "
                    + (train.hasLabels() ? train.numClasses() + " classes" : "real targets"));
        }
        if (!logistic && (train.hasLabels() || train.targetDim() != 1)) {
            throw new IllegalArgumentException("least squares needs a regression data set with one target, " + train.name()
                    + (train.hasLabels() ? " has labels" : " has " + train.targetDim() + " targets"));
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("ridge coefficient λ must be non-negative, got " + lambda);
        }
        this.logistic = logistic;
        this.bias = bias;
        this.lambda = lambda;
        this.p = train.sampleSize();
        this.d = p + (bias ? 1 : 0);
        this.train = train;
        this.trainIdx = trainIdx.clone();
        this.test = test;
        this.testIdx = testIdx.clone();
        this.sampler = new BatchSampler(train, trainIdx, batchSize, rng);
        this.batch = sampler.newBatch();
        this.evalBatch = Batch.forDataset(train, 256);
        var builder = new ParameterLayout.Builder();
        builder.add("weight", p, "body");
        if (bias) {
            builder.add("bias", 1, "head");
        }
        this.layout = builder.build();
    }

    /** Least squares on a regression data set (no bias: append a constant feature if one is wanted). */
    public static LinearModel leastSquares(Dataset train, int[] trainIdx, Dataset test, int[] testIdx, int batchSize,
                                           double lambda, Rng rng) {
        return new LinearModel(false, false, lambda, train, trainIdx, test, testIdx, batchSize, rng);
    }

    /** Logistic regression with a bias on a two-class data set. */
    public static LinearModel logistic(Dataset train, int[] trainIdx, Dataset test, int[] testIdx, int batchSize,
                                       double lambda, Rng rng) {
        return new LinearModel(true, true, lambda, train, trainIdx, test, testIdx, batchSize, rng);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    /** The minibatch stream. */
    @Override
    public void state(peerlearn.state.State s) {
        s.part("sampler", sampler);
    }

    @Override
    public Batch nextBatch() {
        return sampler.next(batch);
    }

    /** The batch stream (epoch counter, batches per epoch). */
    public BatchSampler sampler() {
        return sampler;
    }

    @Override
    public double lossAndGradient(float[] x, Batch batch, float[] grad) {
        Scoring.checkLength("gradient", d, grad);
        java.util.Arrays.fill(grad, 0f);
        return sum(x, batch, grad, null) / batch.size() + ridge(x, grad);
    }

    @Override
    public double loss(float[] x, Batch batch) {
        return sum(x, batch, null, null) / batch.size() + ridge(x, null);
    }

    /**
     * Σ ℓ over the batch; adds Σ ℓ'·(a, 1) / n into grad when non-null (n = batch size), and counts
     * correct predictions into {@code correct[0]} when non-null.
     */
    private double sum(float[] x, Batch batch, float[] grad, int[] correct) {
        Scoring.checkLength("x", d, x);
        float[] a = batch.x();
        int n = batch.size();
        double total = 0;
        for (int s = 0; s < n; s++) {
            double z = bias ? x[p] : 0;
            for (int k = 0; k < p; k++) {
                z += (double) x[k] * a[s * p + k];
            }
            double dz;
            if (logistic) {
                int y = batch.labels()[s];
                total += softplus(z) - y * z;
                dz = sigmoid(z) - y;
                if (correct != null && (z > 0) == (y == 1)) {
                    correct[0]++;
                }
            } else {
                double r = z - batch.targets()[s];
                total += 0.5 * r * r;
                dz = r;
            }
            if (grad != null) {
                float g = (float) (dz / n);
                for (int k = 0; k < p; k++) {
                    grad[k] = Math.fma(g, a[s * p + k], grad[k]);
                }
                if (bias) {
                    grad[p] += g;
                }
            }
        }
        return total;
    }

    private double ridge(float[] x, float[] grad) {
        if (lambda == 0) {
            return 0;
        }
        double sq = 0;
        for (int k = 0; k < p; k++) {
            sq += (double) x[k] * x[k];
            if (grad != null) {
                grad[k] += (float) (lambda * x[k]);
            }
        }
        return 0.5 * lambda * sq;
    }

    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    @Override
    public Evaluation evaluateLocalTest(float[] x) {
        return evaluate(x, test, testIdx);
    }

    @Override
    public Evaluation evaluateLocalTrain(float[] x) {
        return evaluate(x, train, trainIdx);
    }

    /** Mean data loss (without the ridge term) and, for logistic regression, accuracy. */
    @Override
    public Evaluation evaluate(float[] x, Dataset data, int[] indices) {
        return Scoring.evaluate(x, data, indices, evalBatch, (w, b, correct) -> sum(w, b, null, correct), logistic);
    }

    /** x⁰ = 0 (both losses are convex; zero is the usual start). */
    @Override
    public float[] initialParameters() {
        return new float[d];
    }
}
