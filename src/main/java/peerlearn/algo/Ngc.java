package peerlearn.algo;

import java.util.List;
import java.util.Map;
import peerlearn.data.Batch;
import peerlearn.state.State;

/**
 * NGC, Neighborhood Gradient Clustering: Aketi, Kodge and Roy, "Neighborhood Gradient
 * Clustering: An Efficient Decentralized Learning Method for Non-IID Data Distributions", arXiv
 * 2209.14390 (later "Neighborhood Gradient Mean", TMLR 2023), as in the authors' code. Each agent
 * replaces its local gradient by a mean over its neighbourhood of the self-gradient, the
 * model-variant cross-gradients c_{j←i} (neighbour j's model on my batch, computed here) and the
 * data-variant ones c_{i←j} (my model on j's batch, computed by j and sent back). On non-IID data
 * this pulls every update towards the neighbourhood's mean gradient. Theory: theory/ngc.md.
 *
 * <p>Symbols: x_i parameters, W mixing, γ relaxed gossip ({@code algo.gamma}), α weight of the
 * data-variant terms ({@code algo.alpha}, any value in [0, 1]), π = 1/(n_i + 1), η_k step size,
 * β momentum (--momentum, --nesterov, or {@code algo.qgm=1}). The second message round (line 5)
 * runs only when α &gt; 0, so NGC with α = 0 sends exactly what D-PSGD sends. With a
 * {@link CompNgc} compressor this is CompNGC.
 *
 * <p>Missing messages: the gossip row is renormalised ({@link Gossip}); each of the two means
 * of line 6 is over g_ii and the terms that arrived, π = 1/(1 + their number).
 */
final class Ngc implements AgentProgram {
    static final ParamSpec GAMMA = ParamSpec.real("gamma", 1.0, 0.0, 1.0, "γ, relaxed gossip step (the paper: 0.1)");
    static final ParamSpec ALPHA = ParamSpec.real("alpha", 1.0, 0.0, 1.0,
            "α, weight of the data-variant cross-gradients (0: model-variant only, no second message round)");
    static final List<ParamSpec> PARAMS = List.of(GAMMA, ALPHA, MomentumStep.QGM);

    private final AgentContext ctx;
    private final LocalModel model;
    private final float gamma;
    private final double alpha;
    private final CrossGradients nb;
    private final MomentumStep momentum;
    private final double[] dataMean;
    private final double[] modelMean;
    private final float[] gTilde;

    Ngc(AgentContext ctx) {
        this(ctx, null);
    }

    /** NGC, or CompNGC when {@code compression} is given. */
    Ngc(AgentContext ctx, CompNgc compression) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        int d = model.dimension();
        this.gamma = (float) ctx.params().number(GAMMA);
        this.alpha = ctx.params().number(ALPHA);
        this.nb = new CrossGradients(ctx, alpha > 0, compression);
        this.momentum = new MomentumStep(ctx, model.x);
        this.dataMean = new double[d];
        this.modelMean = new double[d];
        this.gTilde = new float[d];
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        // lines 1–2: send x_i^k, receive x_j^k;  x^{k+½} = x_i^k + γ (Σ_j w_ij x_j^k − x_i^k)
        nb.gossip(k, x, gamma);
        // line 3: draw ξ_i;  g_ii = ∇F_i(x^{k+½}; ξ_i)
        Batch xi = nb.selfGradient(model);
        float[] gii = model.g;
        // line 4: c_{j←i} = ∇F_i(x_j^k; ξ_i), the neighbour's pre-gossip model on my batch
        nb.modelVariant(xi, gii);
        // line 5 (α > 0 only): send c_{j←i} to j; receive c_{i←j} = ∇F_j(x_i^k; ξ_j)
        if (alpha > 0) {
            nb.dataVariant(k, gii);
        }
        // line 6: g̃_i = α π (g_ii + Σ_j c_{i←j}) + (1 − α) π (g_ii + Σ_j c_{j←i})
        double piData = mean(gii, true, dataMean);
        double piModel = mean(gii, false, modelMean);
        for (int c = 0; c < x.length; c++) {
            gTilde[c] = (float) (alpha * piData * dataMean[c] + (1 - alpha) * piModel * modelMean[c]);
        }
        // lines 7–8: m_i = β m_i + g̃_i;  d_i = g̃_i + β m_i (Nesterov) or m_i;  x^{k+1} = x^{k+½} − η d_i
        momentum.step(x, gTilde, ctx.lr(k));
    }

    /**
     * Writes g_ii + Σ_j c (data-variant c_{i←j} or model-variant c_{j←i}, neighbours in agent-id
     * order, in double) into {@code sum} and returns π = 1/(1 + terms present); skipped (π = 0)
     * for the data-variant sum when α = 0.
     */
    private double mean(float[] gii, boolean dataVariant, double[] sum) {
        if (dataVariant && alpha == 0) {
            return 0;
        }
        for (int c = 0; c < sum.length; c++) {
            sum[c] = gii[c];
        }
        int terms = 1;
        for (int t = 0; t < nb.degree(); t++) {
            float[] v = dataVariant ? nb.dataVariant(t) : nb.modelVariant(t);
            if (v != null) {
                terms++;
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += v[c];
                }
            }
        }
        return 1.0 / terms;
    }

    @Override
    public void state(State s) {
        s.part("model", model);
        s.part("cross_gradients", nb);
        s.part("momentum", momentum);
    }

    @Override
    public float[] parameters() {
        return model.x;
    }

    @Override
    public double lastLoss() {
        return model.loss;
    }

    /** ε (model-variance bias) and ω (data-variance bias), averaged over the rounds since the last point. */
    @Override
    public Map<String, Double> extraMetrics() {
        return nb.biases();
    }
}
