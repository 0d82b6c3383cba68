package peerlearn.algo;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;

/**
 * GATTA's graph-attention layer (Tian et al., IEEE TSP 71, 2023, arXiv 2305.13041;
 * theory/gatta.md#attention): from agent i's own feature h_i and its neighbours' features h_j
 * (each the flattened last layer, D = in·C + C floats) it computes the personalized last layer
 * <pre>
 *   e_ij = a₁ᵀ h_i + a₂ᵀ h_j + c                 j ∈ N(i)      (GAT with W = I)
 *   α_ij = softmax_j σ(e_ij)                     σ = ELU, or LeakyReLU(0.2)
 *   ĥ_i  = ELU(Σ_j α_ij h_j + b)
 *   W_i  = μ θ_i + (1 − μ) ĥ_i
 * </pre>
 * as an autograd expression, so the local loss differentiates through it to θ_i, a₁, a₂, c and
 * b; the features are constants. The layer's own parameters lie in one flat vector
 * p = [a₁ (D), a₂ (D), c (1), b (D)].
 */
final class GattaAttention {
    /** σ, the activation of the scores e_ij. */
    enum Score { ELU, LEAKY_RELU }

    /** The GAT paper's LeakyReLU slope (Veličković et al., ICLR 2018). */
    static final float LEAKY_SLOPE = 0.2f;

    /** W_i (1, D) and α_i (1, n_i), both Vars of one graph. */
    record Output(Var w, Var alpha) {}

    final int dim;
    private final float mu;
    private final Score score;

    GattaAttention(int dim, float mu, Score score) {
        if (dim <= 0) {
            throw new IllegalArgumentException("feature dimension D must be positive, got " + dim);
        }
        if (!(mu >= 0 && mu <= 1)) {
            throw new IllegalArgumentException("μ must lie in [0, 1], got " + mu);
        }
        this.dim = dim;
        this.mu = mu;
        this.score = score;
    }

    static Score score(String name) {
        return switch (name) {
            case "elu" -> Score.ELU;
            case "leakyrelu" -> Score.LEAKY_RELU;
            default -> throw new IllegalArgumentException("algo.score = '" + name + "'; expected elu or leakyrelu");
        };
    }

    /** |p| = 3D + 1. */
    int size() {
        return 3 * dim + 1;
    }

    /**
     * p⁰ [choice]: a₁, a₂ and c uniform in ±1/√D (PyTorch's default for the code's Conv1d scorers),
     * b = 0 (so that ĥ⁰ = ELU of the neighbours' mean feature).
     */
    void init(float[] p, int off, Rng rng) {
        float bound = (float) (1 / Math.sqrt(dim));
        for (int c = 0; c < 2 * dim + 1; c++) {
            p[off + c] = (2 * rng.nextFloat() - 1) * bound;
        }
        java.util.Arrays.fill(p, off + 2 * dim + 1, off + size(), 0f);
    }

    /**
     * Binds θ_i = z[thetaOff, +D) and p = z[pOff, +3D+1) (with gradients into the same ranges of
     * {@code g} when it is non-null) and computes W_i from {@code self}: (1, D) and
     * {@code neighbours}: (n_i, D).
     */
    Output forward(float[] z, float[] g, int thetaOff, int pOff, Tensor self, Tensor neighbours) {
        Var theta = bind(z, g, thetaOff, 1, dim);
        Var a1 = bind(z, g, pOff, 1, dim);
        Var a2 = bind(z, g, pOff + dim, 1, dim);
        Var c = bind(z, g, pOff + 2 * dim, 1);
        Var b = bind(z, g, pOff + 2 * dim + 1, dim);
        return apply(theta, a1, a2, c, b, Var.constant(self), Var.constant(neighbours));
    }

    /** The layer on given Vars: θ, a₁, a₂: (1, D); c: (1); b: (D); h_i: (1, D); H: (n_i, D). */
    Output apply(Var theta, Var a1, Var a2, Var c, Var b, Var self, Var neighbours) {
        int n = neighbours.shape()[0];
        if (n == 0) {
            throw new IllegalArgumentException("attention needs at least one neighbour");
        }
        // e_ij = a₂ᵀ h_j + (a₁ᵀ h_i + c): the self term enters as the bias of a (n, D)·(D) product
        Var selfTerm = Ops.reshape(Ops.linear(self, a1, c), 1);
        Var e = Ops.reshape(Ops.linear(neighbours, a2, selfTerm), 1, n);
        // α_ij = softmax_j σ(e_ij)
        Var s = score == Score.ELU ? Ops.elu(e, 1f) : Ops.leakyRelu(e, LEAKY_SLOPE);
        Var alpha = Ops.softmax(s);
        // ĥ_i = ELU(Σ_j α_ij h_j + b)
        Var hHat = Ops.elu(Ops.addBias(Ops.matmul(alpha, neighbours), b), 1f);
        // W_i = μ θ_i + (1 − μ) ĥ_i
        Var w = Ops.add(Ops.scale(theta, mu), Ops.scale(hHat, 1 - mu));
        return new Output(w, alpha);
    }

    private static Var bind(float[] z, float[] g, int off, int... shape) {
        Tensor v = Tensor.view(z, off, shape);
        return g == null ? Var.constant(v) : Var.param(v, Tensor.view(g, off, shape));
    }
}
