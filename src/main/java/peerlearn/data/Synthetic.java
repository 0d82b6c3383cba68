package peerlearn.data;

import java.util.Arrays;
import peerlearn.rng.Rng;

/**
 * Synthetic tasks with known ground truth, for theory tests and fast experiments. All draws come
 * from {@code Rng.stream(seed, agent, "synthetic")} (agent −1 for shared quantities), so an
 * agent's data do not depend on how many other agents there are.
 */
public final class Synthetic {
    private Synthetic() {}

    /**
     * Per-agent regression tasks: agent i has its own training and test sets (one data set each,
     * {@code Partition.trainSets[i]}, with all its indices) and a true parameter {@code theta[i]}.
     *
     * @param representation for the shared-representation task, B (rank × dim, row-major, with
     *                       orthonormal rows); empty otherwise
     */
    public record RegressionTasks(Partition partition, float[][] theta, float[] representation, int rank) {}

    /**
     * Gaussian-mixture classification: class c has mean μ_c = separation · u_c with u_c a random
     * unit vector in R^dim; a sample is μ_c + noise · ε, ε ~ N(0, I). Samples are in random order.
     */
    public static Split gaussianMixture(long seed, int classes, int dim, int trainPerClass, int testPerClass,
                                        double separation, double noise) {
        positive("classes", classes);
        positive("dim", dim);
        Rng shared = Rng.stream(seed, -1, "synthetic");
        float[][] means = new float[classes][];
        for (int c = 0; c < classes; c++) {
            means[c] = gaussianVector(shared, dim, 1);
            scale(means[c], (float) (separation / norm(means[c])));
        }
        Dataset train = mixture("gaussian-mixture-train", Rng.stream(seed, -1, "synthetic-train"), means, trainPerClass, noise);
        Dataset test = mixture("gaussian-mixture-test", Rng.stream(seed, -1, "synthetic-test"), means, testPerClass, noise);
        return new Split(train, test, "Gaussian mixture: " + classes + " classes in R^" + dim + ", separation "
                + separation + ", noise " + noise + ", seed " + seed);
    }

    /**
     * Linear regression per agent with controllable heterogeneity: θ_i = θ* + h·ζ_i with θ*, ζ_i ~
     * N(0, I/dim) (so ‖θ*‖ ≈ 1 and ‖θ_i − θ*‖ ≈ h); x ~ N(0, I), y = θ_iᵀx + noise·ε. h = 0 gives
     * identical tasks (IID).
     */
    public static RegressionTasks linearRegression(long seed, int agents, int dim, int trainPerAgent, int testPerAgent,
                                                   double heterogeneity, double noise) {
        return clusteredRegression(seed, agents, new double[] {1}, dim, trainPerAgent, testPerAgent, heterogeneity, noise);
    }

    /**
     * Clustered linear tasks (for DAC's clustering tests): the agents form groups of consecutive
     * ids with the given proportions (at least one agent each); group k has its own θ_k ~ N(0, I/dim),
     * agent i's task is θ_{k(i)} + spread·ζ_i, and {@code Partition.clusters} holds k(i).
     */
    public static RegressionTasks clusteredRegression(long seed, int agents, double[] proportions, int dim,
                                                      int trainPerAgent, int testPerAgent, double spread, double noise) {
        positive("agents", agents);
        positive("dim", dim);
        Schemes.checkProportions(proportions);
        int[] clusters = Schemes.clusterOfAgents(agents, proportions, null);
        Rng shared = Rng.stream(seed, -1, "synthetic");
        float[][] centres = new float[proportions.length][];
        for (int k = 0; k < centres.length; k++) {
            centres[k] = gaussianVector(shared, dim, 1.0 / Math.sqrt(dim));
        }
        float[][] theta = new float[agents][];
        for (int i = 0; i < agents; i++) {
            Rng rng = Rng.stream(seed, i, "synthetic");
            float[] zeta = gaussianVector(rng, dim, 1.0 / Math.sqrt(dim));
            theta[i] = centres[clusters[i]].clone();
            for (int j = 0; j < dim; j++) {
                theta[i][j] += (float) (spread * zeta[j]);
            }
        }
        Partition p = perAgent("linear-regression", seed, theta, null, dim, trainPerAgent, testPerAgent, noise, clusters,
                "linear regression, " + proportions.length + " cluster(s), spread " + spread + ", noise " + noise);
        return new RegressionTasks(p, theta, new float[0], 0);
    }

    /**
     * DePRL's shared-representation task (Xiong et al., AAAI 2024): y = θ_iᵀ B x + noise·ε with
     * B ∈ R^{rank×dim} shared (orthonormal rows), heads θ_i ~ N(0, I_rank) per agent, x ~ N(0, I).
     */
    public static RegressionTasks sharedRepresentation(long seed, int agents, int dim, int rank, int trainPerAgent,
                                                       int testPerAgent, double noise) {
        positive("agents", agents);
        positive("rank", rank);
        if (rank > dim) {
            throw new IllegalArgumentException("representation rank " + rank + " exceeds the input dimension " + dim);
        }
        Rng shared = Rng.stream(seed, -1, "synthetic");
        float[][] rows = new float[rank][];
        for (int r = 0; r < rank; r++) { // Gram–Schmidt in double on Gaussian rows
            double[] v = new double[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = shared.nextGaussian();
            }
            for (int q = 0; q < r; q++) {
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += v[j] * rows[q][j];
                }
                for (int j = 0; j < dim; j++) {
                    v[j] -= dot * rows[q][j];
                }
            }
            double n = Math.sqrt(Arrays.stream(v).map(a -> a * a).sum());
            rows[r] = new float[dim];
            for (int j = 0; j < dim; j++) {
                rows[r][j] = (float) (v[j] / n);
            }
        }
        float[][] heads = new float[agents][];
        for (int i = 0; i < agents; i++) {
            heads[i] = gaussianVector(Rng.stream(seed, i, "synthetic"), rank, 1);
        }
        Partition p = perAgent("shared-representation", seed, heads, rows, dim, trainPerAgent, testPerAgent, noise,
                new int[agents], "shared representation, rank " + rank + ", noise " + noise);
        float[] b = new float[rank * dim];
        for (int r = 0; r < rank; r++) {
            System.arraycopy(rows[r], 0, b, r * dim, dim);
        }
        return new RegressionTasks(p, heads, b, rank);
    }

    /** Each agent's own train and test sets: x ~ N(0, I_dim), y = θ_iᵀ(Bx) (B = I when null) + noise·ε. */
    private static Partition perAgent(String name, long seed, float[][] theta, float[][] b, int dim, int trainPerAgent,
                                      int testPerAgent, double noise, int[] clusters, String what) {
        positive("training samples per agent", trainPerAgent);
        positive("test samples per agent", testPerAgent);
        int agents = theta.length;
        Dataset[] trainSets = new Dataset[agents];
        Dataset[] testSets = new Dataset[agents];
        int[][] train = new int[agents][];
        int[][] test = new int[agents][];
        for (int i = 0; i < agents; i++) {
            Rng rng = Rng.stream(seed, i, "synthetic-samples");
            trainSets[i] = regressionSet(name + "-train-" + i, rng, theta[i], b, dim, trainPerAgent, noise);
            testSets[i] = regressionSet(name + "-test-" + i, rng, theta[i], b, dim, testPerAgent, noise);
            train[i] = Schemes.range(trainPerAgent);
            test[i] = Schemes.range(testPerAgent);
        }
        return new Partition(what + ", " + agents + " agents × " + trainPerAgent + " samples, seed " + seed, trainSets, train,
                testSets, test, clusters);
    }

    private static Dataset regressionSet(String name, Rng rng, float[] theta, float[][] b, int dim, int n, double noise) {
        float[] x = new float[n * dim];
        float[] y = new float[n];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < dim; j++) {
                x[s * dim + j] = (float) rng.nextGaussian();
            }
            double t = 0;
            for (int r = 0; r < theta.length; r++) {
                double feature = 0;
                if (b == null) {
                    feature = x[s * dim + r];
                } else {
                    for (int j = 0; j < dim; j++) {
                        feature += b[r][j] * x[s * dim + j];
                    }
                }
                t += theta[r] * feature;
            }
            y[s] = (float) (t + noise * rng.nextGaussian());
        }
        return Dataset.regression(name, new int[] {dim}, x, y, 1);
    }

    private static Dataset mixture(String name, Rng rng, float[][] means, int perClass, double noise) {
        int classes = means.length;
        int dim = means[0].length;
        int[] y = new int[classes * perClass];
        for (int s = 0; s < y.length; s++) {
            y[s] = s % classes;
        }
        rng.shuffle(y);
        float[] x = new float[y.length * dim];
        for (int s = 0; s < y.length; s++) {
            for (int j = 0; j < dim; j++) {
                x[s * dim + j] = (float) (means[y[s]][j] + noise * rng.nextGaussian());
            }
        }
        return Dataset.classification(name, new int[] {dim}, x, y, classes);
    }

    private static float[] gaussianVector(Rng rng, int n, double std) {
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
            v[j] = (float) (std * rng.nextGaussian());
        }
        return v;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float a : v) {
            s += (double) a * a;
        }
        return Math.sqrt(s);
    }

    private static void scale(float[] v, float f) {
        for (int j = 0; j < v.length; j++) {
            v[j] *= f;
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be ≥ 1, got " + v);
        }
    }
}
