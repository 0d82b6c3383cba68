package peerlearn.algo;

import java.util.List;
import peerlearn.graph.MixingRow;
import peerlearn.optim.Optimizer;
import peerlearn.state.State;

/**
 * All-reduce SGD, the centralized reference: every step all agents average their gradients
 * exactly, so all models stay identical and the run is minibatch SGD with batch N·B.
 * Theory: theory/baselines.md#all-reduce-sgd. Symbols: x parameters (the same on every agent),
 * g_i agent i's stochastic gradient, ḡ their mean.
 *
 * <p>Implemented with messages over the complete graph: each agent sends g_i to every other
 * agent (N − 1 messages of 4d payload bytes per round), and each sums the N gradients in
 * agent-id order with weights 1/N, so every agent computes the very same ḡ, bit for bit. A
 * bandwidth-optimal ring all-reduce would put 2(N − 1)/N · 4d bytes per agent on the wire
 * instead; bytes here count the naive exchange actually performed. A missing gradient is left
 * out of the mean (see {@link Gossip}), which keeps models identical only without faults.
 */
final class AllReduceSgd implements AgentProgram {
    static final List<ParamSpec> PARAMS = List.of();
    private static final int GRADIENT = 1;

    private final AgentContext ctx;
    private final LocalModel model;
    private final Optimizer opt;
    private final Gossip allReduce;
    private final MixingRow uniform;

    AllReduceSgd(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        this.opt = ctx.training().newOptimizer(model.dimension());
        this.allReduce = new Gossip(ctx, GRADIENT, model.dimension());
        this.uniform = Gossip.everyone(ctx);
    }

    @Override
    public void round(int k) {
        // g_i = ∇F_i(x; ξ_i)
        float[] g = model.gradient();
        // send g_i to every other agent; ḡ = (1/N) Σ_j g_j, in agent-id order
        allReduce.send(uniform, k, g);
        allReduce.mixReceived(uniform, k, g, g);
        // x ← x − η_k ḡ
        opt.step(model.x, g, ctx.lr(k));
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
