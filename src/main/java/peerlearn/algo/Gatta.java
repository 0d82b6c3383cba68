package peerlearn.algo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;
import peerlearn.data.Batch;
import peerlearn.graph.MixingRow;
import peerlearn.net.Codec;
import peerlearn.objective.Objective;
import peerlearn.optim.Optimizer;
import peerlearn.state.State;
import peerlearn.tensor.Tensor;

/**
 * GATTA: Tian, Zhang, Yang, Jin, Dai, "Distributed Learning Over Networks With Graph-Attention-Based
 * Personalization", IEEE Trans. Signal Processing 71 (2023) 2071–2086, arXiv 2305.13041; and its
 * communication-efficient variant. Theory: theory/gatta.md. Symbols: φ_i the global part (every
 * parameter outside the model's "last" group), h_i the feature (the flattened last layer, D floats),
 * θ_i the own copy of the last layer, a₁, a₂, c, b the attention parameters ({@link GattaAttention}),
 * μ ({@code algo.mu}), H local steps per exchange ({@code algo.local_steps}), κ ({@code algo.kappa}).
 *
 * <p>Agent i's local parameters z_i = [φ_i, θ_i, a₁, a₂, c, b] are trained jointly on
 * L_i(z) = F_i(φ_i, W_i) with W_i = μ θ_i + (1 − μ) ĥ_i(θ_i, a, c, b; h_i, {h_j}). The model's own
 * forward and backward give ∂F/∂φ and G = ∂F/∂W at (φ_i, W_i); back-propagating ⟨W_i, G⟩ through the
 * attention expression then gives the rest: exactly reverse mode on the composite, split at W_i.
 *
 * <p><b>Communication-efficient GATTA</b> (registered as {@code gatta-ce}) [choice]: receiver-driven.
 * Every agent publishes (φ_i, h_i); agent i pulls only the neighbours with α_ij ≥ ε = κ/n_i, keeps the
 * stale h_j of the others in its softmax, and mixes φ over the pulled ones (weights renormalised, as
 * {@link Gossip} does for missing messages). With κ ≤ 1 the largest α_ij ≥ 1/n_i is always pulled;
 * κ = 0 pulls everyone and gives full GATTA's bits (plus one request header per message). The neighbour with
 * the largest α_ij is always pulled (see {@link #strongest}).
 */
final class Gatta implements AgentProgram {
    static final ParamSpec MU = ParamSpec.real("mu", 0.9, 0, 1, "μ, weight of the own last layer: W_i = μθ_i + (1−μ)ĥ_i");
    static final ParamSpec SCORE = ParamSpec.text("score", "elu", "σ of the attention scores: elu or leakyrelu (slope 0.2)");
    static final ParamSpec LOCAL_STEPS = ParamSpec.whole("local_steps", 1, 1, Integer.MAX_VALUE,
            "H, local steps (rounds) between two exchanges");
    static final ParamSpec KAPPA = ParamSpec.real("kappa", 0.5, 0, 1, "κ: skip neighbours with α_ij < κ/n_i");
    static final List<ParamSpec> PARAMS = List.of(MU, SCORE, LOCAL_STEPS);
    static final List<ParamSpec> EFFICIENT_PARAMS = List.of(MU, SCORE, LOCAL_STEPS, KAPPA);
    private static final int MODEL = 1;

    private final AgentContext ctx;
    private final Objective f;
    private final GattaAttention attention;
    private final int d;        // model dimension: x = [φ (last), h (D)]
    private final int last;     // offset of the last layer in x
    private final int dim;      // D
    private final float[] z;    // [φ_i, θ_i | a₁, a₂, c, b]
    private final float[] g;
    private final float[] w;    // the personalized model [φ_i, W_i], also the message (φ_i, h_i)
    private final float[] gw;
    private final Optimizer opt;
    private final int steps;
    private final boolean pull;
    private final double kappa;
    private final int[] peers;
    private final float[] features; // h_j per peer (row-major, peer order), the last one received
    private final Tensor self;      // h_i as last sent
    private final double[] alpha;   // α_ij per peer (0 off the current row)
    private final double[] acc;
    private final float[] received;
    private double loss = Double.NaN;
    private double gradNorm = Double.NaN;
    private int skipped;

    Gatta(AgentContext ctx, boolean efficient) {
        this.ctx = ctx;
        this.f = ctx.objective();
        this.d = f.dimension();
        peerlearn.tensor.Segment s = f.span("last");
        if (s.length() == 0 || s.end() != d) {
            throw new IllegalArgumentException("GATTA personalizes the model's last layer: group 'last' must be a non-empty "
                    + "suffix of the parameters, got [" + s.offset() + ", " + s.end() + ") of " + d);
        }
        this.last = s.offset();
        this.dim = s.length();
        this.attention = new GattaAttention(dim, (float) ctx.params().number(MU), GattaAttention.score(ctx.params().text(SCORE)));
        this.steps = ctx.params().integer(LOCAL_STEPS);
        this.pull = efficient;
        this.kappa = efficient ? ctx.params().number(KAPPA) : 0;
        float[] x0 = f.initialParameters();
        this.z = Arrays.copyOf(x0, d + attention.size());
        attention.init(z, d, ctx.rng());
        this.g = new float[z.length];
        this.w = x0.clone();
        this.gw = new float[d];
        this.opt = ctx.training().newOptimizer(z.length);
        this.peers = ctx.net().peers();
        // all agents start from the same x⁰, so every feature starts as h⁰ = the initial last layer
        this.features = new float[peers.length * dim];
        for (int p = 0; p < peers.length; p++) {
            System.arraycopy(x0, last, features, p * dim, dim);
        }
        this.self = Tensor.of(Arrays.copyOfRange(x0, last, d), 1, dim);
        this.alpha = new double[peers.length];
        this.acc = new double[last];
        this.received = new float[d];
        personalize(ctx.mixing(0));
    }

    @Override
    public void round(int k) {
        MixingRow row = ctx.mixing(k);
        // line 1: a local step on L_i(z_i) = F_i(φ_i, W_i(θ_i, a₁, a₂, c, b; h_i, {h_j})), using the features held
        loss = lossAndGradient(z, f.nextBatch(), g, neighbourFeatures(row));
        gradNorm = norm(g);
        opt.step(z, g, ctx.lr(k));
        personalize(row);
        if ((k + 1) % steps != 0) {
            return;
        }
        // line 2: h_i ← W_i (detached), now in w[last, d) with the α_ij of the skip rule
        // line 3: send (φ_i, h_i), receive (φ_j, h_j); line 4: φ_i ← Σ_j w_ij φ_j
        exchange(row, k);
        System.arraycopy(w, last, self.data(), 0, dim);
        personalize(row);
    }

    /** L_i(z) on {@code batch}, its gradient with respect to all of z into {@code grad}. */
    double lossAndGradient(float[] at, Batch batch, float[] grad, Tensor neighbours) {
        Arrays.fill(grad, last, grad.length, 0f);
        GattaAttention.Output o = attention.forward(at, grad, last, d, self, neighbours);
        System.arraycopy(at, 0, w, 0, last);
        copy(o.w().value(), w);
        double l = f.lossAndGradient(w, batch, gw);
        System.arraycopy(gw, 0, grad, 0, last);                       // ∂L/∂φ = ∂F/∂φ
        // ∂L/∂(θ, a₁, a₂, c, b) = (∂W/∂·)ᵀ G with G = ∂F/∂W held constant: reverse mode from ⟨W, G⟩
        Ops.sum(Ops.mul(o.w(), Var.constant(Tensor.view(gw, last, 1, dim)))).backward();
        return l;
    }

    /** Recomputes w = [φ_i, W_i] and α_i from the current z and features (no gradient). */
    private void personalize(MixingRow row) {
        GattaAttention.Output o = attention.forward(z, null, last, d, self, neighbourFeatures(row));
        System.arraycopy(z, 0, w, 0, last);
        copy(o.w().value(), w);
        Arrays.fill(alpha, 0);
        int[] nb = row.neighbours();
        for (int t = 0; t < nb.length; t++) {
            alpha[peer(nb[t])] = o.alpha().value().at(t);
        }
    }

    /** Sends or publishes (φ_i, h_i); receives or pulls (φ_j, h_j) and mixes φ in agent-id order, in double. */
    private void exchange(MixingRow row, int k) {
        byte[] message = Codec.dense(w);
        int[] nb = row.neighbours();
        if (pull) {
            ctx.net().publish(MODEL, k, message);
        } else {
            ctx.net().sendEach(nb, MODEL, k, message);
        }
        double eps = kappa / nb.length; // ε = κ / n_i
        int strongest = strongest(nb);
        Arrays.fill(acc, 0);
        double total = 0;
        boolean selfAdded = false;
        skipped = 0;
        for (int t = 0; t < nb.length; t++) {
            if (!selfAdded && nb[t] > ctx.id()) {
                total += add(row.self(), w);
                selfAdded = true;
            }
            int p = peer(nb[t]);
            if (pull && alpha[p] < eps && t != strongest) { // skipped: its stale h_j stays in the softmax
                skipped++;
                continue;
            }
            java.nio.ByteBuffer in = pull ? ctx.net().pullView(nb[t], MODEL, k) : ctx.net().receiveView(nb[t], MODEL, k);
            if (in == null) { // dropped or crashed: left out, weights renormalised
                continue;
            }
            Codec.decodeInto(in, received);
            total += add(row.weights()[t], received);
            System.arraycopy(received, last, features, p * dim, dim);
        }
        if (!selfAdded) {
            total += add(row.self(), w);
        }
        for (int c = 0; c < last; c++) {
            z[c] = (float) (acc[c] / total);
        }
    }

    private double add(double weight, float[] v) {
        for (int c = 0; c < last; c++) {
            acc[c] += weight * v[c];
        }
        return weight;
    }

    /**
     * The neighbour with the largest α_ij (the first in id order on ties), pulled whatever κ: in
     * exact arithmetic α_max ≥ 1/n_i ≥ ε for κ ≤ 1, and this keeps it so under float rounding.
     */
    private int strongest(int[] nb) {
        int best = 0;
        for (int t = 1; t < nb.length; t++) {
            if (alpha[peer(nb[t])] > alpha[peer(nb[best])]) {
                best = t;
            }
        }
        return best;
    }

    /** The held features of this round's neighbours as an (n_i, D) tensor, in agent-id order. */
    private Tensor neighbourFeatures(MixingRow row) {
        int[] nb = row.neighbours();
        if (nb.length == 0) {
            throw new IllegalArgumentException("GATTA needs at least one neighbour; agent " + ctx.id() + " has none");
        }
        float[] h = new float[nb.length * dim];
        for (int t = 0; t < nb.length; t++) {
            System.arraycopy(features, peer(nb[t]) * dim, h, t * dim, dim);
        }
        return Tensor.of(h, nb.length, dim);
    }

    /** W_i into w[last, d). */
    private void copy(Tensor wi, float[] into) {
        System.arraycopy(wi.data(), wi.offset(), into, last, dim);
    }

    private int peer(int j) {
        return Arrays.binarySearch(peers, j);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** z_i = [φ_i, θ_i, a₁, a₂, c, b], live (for tests). */
    float[] localParameters() {
        return z;
    }

    @Override
    public void state(State s) {
        s.floats("z", z);
        s.floats("w", w);
        s.floats("h_neighbours", features);
        s.floats("h_self", self.data());
        s.doubles("alpha", alpha);
        s.part("optimizer", opt);
        loss = s.number("loss", loss);
        gradNorm = s.number("grad_norm", gradNorm);
        skipped = s.count("skipped", skipped);
    }

    @Override
    public float[] parameters() {
        return w;
    }

    @Override
    public double lastLoss() {
        return loss;
    }

    @Override
    public double[] edgeWeights() {
        return alpha.clone();
    }

    @Override
    public Map<String, Double> extraMetrics() {
        return pull ? Map.of("grad_norm", gradNorm, "skipped", (double) skipped) : Map.of("grad_norm", gradNorm);
    }
}
