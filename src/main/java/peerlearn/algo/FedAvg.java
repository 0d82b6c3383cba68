package peerlearn.algo;

import java.util.List;
import peerlearn.graph.MixingRow;
import peerlearn.optim.Optimizer;
import peerlearn.state.State;

/**
 * FedAvg without a server: McMahan et al., "Communication-Efficient Learning of Deep Networks
 * from Decentralized Data", AISTATS 2017. Each agent takes H local SGD steps, then all agents
 * average their models exactly. Theory: theory/baselines.md#fedavg. Symbols: x_i parameters,
 * H local steps between averages ({@code algo.local_steps}).
 *
 * <p>The average is formed with messages over the complete graph: every H-th round each agent
 * sends x_i to all others and each computes x̄ = (1/N) Σ_j x_j in agent-id order (every agent
 * gets the same bits). [choice] Weights are uniform 1/N, not proportional to data size as in
 * McMahan et al.; on an even split they coincide. A missing model is left out and the weights
 * renormalised (see {@link Gossip}).
 */
final class FedAvg implements AgentProgram {
    static final ParamSpec LOCAL_STEPS = ParamSpec.whole("local_steps", 10, 1, Integer.MAX_VALUE,
            "H, local SGD steps between two model averages");
    static final List<ParamSpec> PARAMS = List.of(LOCAL_STEPS);
    private static final int MODEL = 1;

    private final AgentContext ctx;
    private final LocalModel model;
    private final Optimizer opt;
    private final int h;
    private final Gossip gossip;
    private final MixingRow uniform;

    FedAvg(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        int d = model.dimension();
        this.h = ctx.params().integer(LOCAL_STEPS);
        this.opt = ctx.training().newOptimizer(d);
        this.gossip = new Gossip(ctx, MODEL, d);
        this.uniform = Gossip.everyone(ctx);
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        // local step: x_i ← x_i − η_k ∇F_i(x_i; ξ_i)
        float[] g = model.gradient();
        opt.step(x, g, ctx.lr(k));
        // every H steps: x_i ← (1/N) Σ_j x_j
        if ((k + 1) % h == 0) {
            gossip.send(uniform, k, x);
            gossip.mixReceived(uniform, k, x, x);
        }
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
