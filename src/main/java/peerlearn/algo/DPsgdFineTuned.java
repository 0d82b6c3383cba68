package peerlearn.algo;

import java.util.List;
import peerlearn.objective.Objective;
import peerlearn.optim.Optimizer;
import peerlearn.state.State;
import peerlearn.tensor.Segment;

/**
 * D-PSGD fine-tuned: the personalization baseline of the DePRL comparison (Xiong et al., AAAI
 * 2024; theory/deprl.md#baselines). Rounds k &lt; R ({@code algo.finetune_from}) are
 * {@link DPsgd} on one global model; from round R on, gossip stops and each agent fine-tunes its
 * copy on its own data with a fresh local optimizer, either the whole model
 * ({@code algo.finetune=all}) or the head group alone ({@code algo.finetune=head}, the body
 * frozen at its consensus value). Symbols as in DPsgd; η_k is the run's schedule throughout.
 */
final class DPsgdFineTuned implements AgentProgram {
    static final ParamSpec FINETUNE_FROM = ParamSpec.whole("finetune_from", -1, -1, Integer.MAX_VALUE,
            "R, the round at which gossip stops and local fine-tuning starts (required)");
    static final ParamSpec FINETUNE = ParamSpec.text("finetune", "all", "what is fine-tuned: all or head");
    static final List<ParamSpec> PARAMS = List.of(DPsgd.GAMMA, FINETUNE_FROM, FINETUNE);

    private final AgentContext ctx;
    private final DPsgd global;
    private final int from;
    private final Segment tuned;
    private final Optimizer opt;
    private final float[] g;
    private double loss = Double.NaN;

    DPsgdFineTuned(AgentContext ctx) {
        this.ctx = ctx;
        this.from = ctx.params().integer(FINETUNE_FROM);
        if (from < 0) {
            throw new IllegalArgumentException("dpsgd-ft needs algo.finetune_from = R, the round at which gossip stops");
        }
        Objective f = ctx.objective();
        int d = f.dimension();
        this.tuned = switch (ctx.params().text(FINETUNE)) {
            case "all" -> new Segment("all", 0, d);
            case "head" -> f.span("head");
            default -> throw new IllegalArgumentException("algo.finetune = '" + ctx.params().text(FINETUNE)
                    + "'; expected all or head");
        };
        this.global = new DPsgd(ctx);
        this.opt = ctx.training().newOptimizer(d);
        this.g = new float[d];
    }

    @Override
    public void round(int k) {
        if (k < from) {
            global.round(k);
            loss = global.lastLoss();
            return;
        }
        // k ≥ R: x_i ← x_i − η_k ∇F_i(x_i; ξ_i) on the fine-tuned range only, no messages
        Objective f = ctx.objective();
        float[] x = global.parameters();
        loss = f.lossAndGradient(x, f.nextBatch(), g);
        opt.step(x, g, ctx.lr(k), tuned.offset(), tuned.length());
    }

    @Override
    public void state(State s) {
        s.part("dpsgd", global);
        s.part("optimizer", opt);
        loss = s.number("loss", loss);
    }

    @Override
    public float[] parameters() {
        return global.parameters();
    }

    @Override
    public double lastLoss() {
        return loss;
    }
}
