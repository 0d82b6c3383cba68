package peerlearn.algo;

import java.util.List;
import peerlearn.optim.Optimizer;
import peerlearn.state.State;

/**
 * D-PSGD: Lian et al., "Can Decentralized Algorithms Outperform Centralized Algorithms? A Case
 * Study for Decentralized Parallel Stochastic Gradient Descent", NeurIPS 2017, with the relaxed
 * gossip of the NGC authors' code (Aketi et al., arXiv 2209.14390). Theory:
 * theory/baselines.md#d-psgd. Symbols: x_i parameters, W mixing, γ gossip step
 * ({@code algo.gamma}), η_k step size.
 *
 * <p>Each round mixes first and then takes the gradient at the mixed point; with γ = 1 this is
 * x_i ← Σ_j w_ij x_j − η ∇F_i(Σ_j w_ij x_j; ξ_i), the combine-then-adapt form of Lian et al.'s
 * Algorithm 1 (which takes the gradient at x_i). Local momentum is the configured optimizer's.
 */
final class DPsgd implements AgentProgram {
    static final ParamSpec GAMMA = ParamSpec.real("gamma", 1.0, 0.0, 1.0, "γ, relaxed gossip step (1 = plain gossip)");
    static final List<ParamSpec> PARAMS = List.of(GAMMA);
    private static final int MODEL = 1;

    private final AgentContext ctx;
    private final LocalModel model;
    private final Optimizer opt;
    private final float gamma;
    private final Gossip gossip;

    DPsgd(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        int d = model.dimension();
        this.gamma = (float) ctx.params().number(GAMMA);
        this.opt = ctx.training().newOptimizer(d);
        this.gossip = new Gossip(ctx, MODEL, d);
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        // line 2: send x_i, receive x_j (j ∈ N(i)) and mix: x^{k+½} = x + γ(Σ_j w_ij x_j − x)
        // (in place, the step towards the mix taken as each chunk of the sum is done)
        gossip.mixRelaxed(k, x, gamma);
        // line 3: g_i = ∇F_i(x^{k+½}; ξ_i)
        float[] g = model.gradient();
        // line 4: x^{k+1} = x^{k+½} − η_k g_i
        opt.step(x, g, ctx.lr(k));
    }

    @Override
    public void state(State s) {
        s.part("model", model);
        s.part("optimizer", opt);
    }

    @Override
    public float[] parameters() {
        return model.x;
    }

    @Override
    public double lastLoss() {
        return model.loss;
    }
}
