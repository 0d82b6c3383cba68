package peerlearn.algo;

import java.util.List;
import peerlearn.optim.Optimizer;
import peerlearn.state.State;
import peerlearn.tensor.Segment;

/**
 * DePRL: Xiong, Yan, Wang, Li, "DePRL: Achieving Linear Convergence Speedup in Personalized
 * Decentralized Learning with Shared Representations", AAAI 2024 (arXiv 2312.10815), the
 * per-round algorithm of its figure. Theory: theory/deprl.md. Symbols: φ_i the body (shared
 * representation), θ_i the personal head, τ head steps ({@code algo.head_steps}), body steps
 * ({@code algo.body_steps}, 1 in the paper), α = {@code algo.alpha}·η_k the head step and
 * β = η_k the body step, W mixing.
 *
 * <p>The head is the parameter group {@code algo.head} of the flat view ({@code head}: every zoo
 * model's classifier; {@code last}: its final linear layer), the body is everything else, and
 * only the body is ever sent. Both must be single ranges of x (the head a prefix or a suffix).
 * With {@code algo.unit=epochs} the step counts are in epochs of the run (one epoch = the
 * training's rounds per epoch, in minibatches), as the authors' code (3 head epochs, 1 body
 * epoch); {@code algo.gossip_first=1} mixes at the start of the round, also as that code does.
 * Local momentum is the configured optimizer's, its state kept per coordinate, so head steps
 * touch only the head's momentum and body steps only the body's.
 */
final class Deprl implements AgentProgram {
    static final ParamSpec HEAD_STEPS = ParamSpec.whole("head_steps", 1, 0, 1_000_000, "τ, head SGD steps per round, body fixed");
    static final ParamSpec BODY_STEPS = ParamSpec.whole("body_steps", 1, 0, 1_000_000,
            "body SGD steps per round, head fixed (1 in the paper)");
    static final ParamSpec UNIT = ParamSpec.text("unit", "steps", "unit of head_steps and body_steps: steps or epochs");
    static final ParamSpec ALPHA = ParamSpec.real("alpha", 1.0, 0.0, 1e6, "head step α as a multiple of the body step η_k");
    static final ParamSpec HEAD = ParamSpec.text("head", "head", "parameter group of the personal head θ_i (the body φ is the rest)");
    static final ParamSpec GOSSIP_FIRST = ParamSpec.whole("gossip_first", 0, 0, 1,
            "1: mix φ at the start of the round (authors' code), 0: at the end (paper)");
    static final List<ParamSpec> PARAMS = List.of(HEAD_STEPS, BODY_STEPS, UNIT, ALPHA, HEAD, GOSSIP_FIRST);
    private static final int BODY = 1;

    private final AgentContext ctx;
    private final LocalModel model;
    private final Optimizer opt;
    private final Segment head;
    private final Segment body;
    private final int tau;
    private final int bodySteps;
    private final float alpha;
    private final boolean gossipFirst;
    private final float[] phi;
    private final Gossip gossip;

    Deprl(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        int d = model.dimension();
        this.head = ctx.objective().span(ctx.params().text(HEAD));
        this.body = complement(head, d);
        int perUnit = switch (ctx.params().text(UNIT)) {
            case "steps" -> 1;
            case "epochs" -> ctx.training().roundsPerEpoch();
            default -> throw new IllegalArgumentException("algo.unit = '" + ctx.params().text(UNIT)
                    + "'; expected steps or epochs");
        };
        this.tau = Math.multiplyExact(ctx.params().integer(HEAD_STEPS), perUnit);
        this.bodySteps = Math.multiplyExact(ctx.params().integer(BODY_STEPS), perUnit);
        this.alpha = (float) ctx.params().number(ALPHA);
        this.gossipFirst = ctx.params().integer(GOSSIP_FIRST) == 1;
        this.opt = ctx.training().newOptimizer(d);
        this.phi = new float[body.length()];
        this.gossip = new Gossip(ctx, BODY, body.length());
    }

    @Override
    public void round(int k) {
        float eta = ctx.lr(k);
        if (gossipFirst) {
            mixBody(k);
        }
        // line 1: τ head steps with φ_i fixed:  θ_i ← θ_i − α ∇_θ F_i(θ_i, φ_i^k; ξ)
        for (int t = 0; t < tau; t++) {
            opt.step(model.x, model.gradient(), alpha * eta, head.offset(), head.length());
        }
        // line 2: body steps with θ_i^{k+1} fixed:  φ_i^{k+½} = φ_i^k − β ∇_φ F_i(θ_i^{k+1}, φ_i^k; ξ)
        for (int t = 0; t < bodySteps; t++) {
            opt.step(model.x, model.gradient(), eta, body.offset(), body.length());
        }
        if (!gossipFirst) {
            mixBody(k);
        }
    }

    /** line 3: send φ_i^{k+½}, receive φ_j^{k+½} (j ∈ N(i)):  φ_i^{k+1} = Σ_j w_ij φ_j^{k+½}. */
    private void mixBody(int k) {
        System.arraycopy(model.x, body.offset(), phi, 0, phi.length);
        gossip.mix(k, phi, phi);
        System.arraycopy(phi, 0, model.x, body.offset(), phi.length);
    }

    /** The range of x outside {@code head}; the head must be a prefix or a suffix of x. */
    static Segment complement(Segment head, int d) {
        if (head.offset() == 0) {
            return new Segment("body", head.end(), d - head.end());
        }
        if (head.end() == d) {
            return new Segment("body", 0, head.offset());
        }
        throw new IllegalArgumentException("head '" + head.name() + "' is [" + head.offset() + ", " + head.end()
                + ") of " + d + " parameters; it must be a prefix or a suffix so that the body is one range");
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
