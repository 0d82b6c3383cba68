package peerlearn.algo;

import java.util.List;
import peerlearn.optim.Optimizer;
import peerlearn.state.State;

/**
 * Local-only training: each agent runs SGD (momentum optional, through the configured local
 * optimizer) on its own data and never communicates. The floor every collaborative method must
 * beat on personalized accuracy. Theory: theory/baselines.md#local-only.
 * Symbols: x_i parameters, η_k step size, ξ_i a minibatch of agent i's data.
 */
final class LocalOnly implements AgentProgram {
    static final List<ParamSpec> PARAMS = List.of();

    private final AgentContext ctx;
    private final LocalModel model;
    private final Optimizer opt;

    LocalOnly(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        this.opt = ctx.training().newOptimizer(model.dimension());
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        // g_i = ∇F_i(x_i; ξ_i)
        float[] g = model.gradient();
        // x_i ← x_i − η_k g_i   (or the optimizer's momentum form)
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
