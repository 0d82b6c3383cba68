package peerlearn.algo;

import java.util.List;
import peerlearn.graph.MixingRow;
import peerlearn.state.State;

/**
 * DMSGD, momentum-accelerated consensus: Balu, Jiang, Tan, Hegde, Lee, Sarkar, "Decentralized
 * Deep Learning using Momentum-Accelerated Consensus", ICASSP 2021 (arXiv 2010.11166). Theory:
 * theory/dmsgd.md. Symbols: x_j parameters, m_j = x_j^k − x_j^{k−1} heavy-ball momentum (m⁰ = 0),
 * π_jl mixing weights (row j of W), α the step η_k, β momentum ({@code algo.beta}), ω the weight
 * of the neighbours' momentum against the agent's own ({@code algo.omega}).
 *
 * <p>The update rule is a reconstruction (the paper's body and code were not available; see
 * theory/dmsgd.md): per agent j and round k,
 * <pre>
 *   1  send (x_j^k, m_j^k) to neighbours; receive (x_l^k, m_l^k)
 *   2  g_j = ∇F_j(x_j^k; ξ_j)
 *   3  x_j^{k+1} = Σ_l π_jl x_l^k + β [ω Σ_l π_jl m_l^k + (1 − ω) m_j^k] − α g_j
 *   4  m_j^{k+1} = x_j^{k+1} − x_j^k
 * </pre>
 * ω = 1 is the paper's protocol, x' = Π(x + βm) − αg, with the momentum itself driven to
 * consensus; ω = 0 is consensus SGD with local heavy-ball momentum (CDMSGD-like).
 *
 * <p><b>Wire.</b> Line 3 uses the neighbours' x_l and m_l only through Σ_l π_jl (x_l + ωβ m_l),
 * so each agent sends the single d-vector z_j = x_j + ωβ m_j rather than the pair (2d floats):
 * the same update in exact arithmetic, half the bytes, for every ω (z_j = x_j at ω = 0, the
 * extrapolated point x_j + βm_j at ω = 1). A lost message drops x_l and m_l together, so the
 * renormalised row of {@link Gossip} is exactly the renormalised pair of mixes.
 */
final class Dmsgd implements AgentProgram {
    static final ParamSpec BETA = ParamSpec.real("beta", 0.9, 0.0, 0.999, "β, heavy-ball momentum");
    static final ParamSpec OMEGA = ParamSpec.real("omega", 1.0, 0.0, 1.0,
            "ω, weight of the neighbours' momentum (1 = momentum consensus, 0 = local heavy ball)");
    static final List<ParamSpec> PARAMS = List.of(BETA, OMEGA);
    private static final int EXTRAPOLATED = 1;

    private final AgentContext ctx;
    private final LocalModel model;
    private final float sharedBeta;
    private final float localBeta;
    private final float weightDecay;
    private final float[] m;
    private final float[] z;
    private final Gossip gossip;

    Dmsgd(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        int d = model.dimension();
        double beta = ctx.params().number(BETA);
        double omega = ctx.params().number(OMEGA);
        this.sharedBeta = (float) (omega * beta);
        this.localBeta = (float) ((1 - omega) * beta);
        this.weightDecay = ctx.training().weightDecay();
        this.m = new float[d];
        this.z = new float[d];
        this.gossip = new Gossip(ctx, EXTRAPOLATED, d);
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        float alpha = ctx.lr(k);
        MixingRow row = ctx.mixing(k);
        // line 1: send z_j = x_j^k + ωβ m_j^k (it carries both x_j and m_j), before computing
        for (int c = 0; c < x.length; c++) {
            z[c] = Math.fma(sharedBeta, m[c], x[c]);
        }
        gossip.send(row, k, z);
        // line 2: g_j = ∇F_j(x_j^k; ξ_j), plus weight decay λ x_j when configured
        float[] g = model.gradient();
        // line 1, receive: z ← Σ_l π_jl z_l = Σ_l π_jl x_l^k + ωβ Σ_l π_jl m_l^k
        gossip.mixReceived(row, k, z, z);
        for (int c = 0; c < x.length; c++) {
            float gc = Math.fma(weightDecay, x[c], g[c]);
            // line 3: x_j^{k+1} = Σ_l π_jl z_l + (1 − ω)β m_j^k − α g_j
            float next = Math.fma(-alpha, gc, Math.fma(localBeta, m[c], z[c]));
            // line 4: m_j^{k+1} = x_j^{k+1} − x_j^k
            m[c] = next - x[c];
            x[c] = next;
        }
    }

    @Override
    public void state(State s) {
        s.part("model", model);
        s.floats("m", m);
        s.floats("z", z);
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
