package peerlearn.algo;

import java.util.List;
import peerlearn.state.State;

/**
 * DSGDm-N: decentralized SGD with local Nesterov momentum, the baseline of Lin et al.,
 * "Quasi-Global Momentum", ICML 2021 (their Algorithm 1 without the quasi-global buffer).
 * Theory: theory/baselines.md#dsgdm-n. Symbols: x_i parameters, m_i local momentum buffer,
 * β momentum ({@code algo.beta}), η_k step size, W mixing. Momentum stays local: it is never
 * sent.
 */
final class DsgdmN implements AgentProgram {
    static final ParamSpec BETA = ParamSpec.real("beta", 0.9, 0.0, 0.999, "β, local Nesterov momentum");
    static final List<ParamSpec> PARAMS = List.of(BETA);
    private static final int MODEL = 1;

    private final AgentContext ctx;
    private final LocalModel model;
    private final float beta;
    private final float lambda;
    private final float[] m;
    private final Gossip gossip;

    DsgdmN(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        int d = model.dimension();
        this.beta = (float) ctx.params().number(BETA);
        this.lambda = ctx.training().weightDecay();
        this.m = new float[d];
        this.gossip = new Gossip(ctx, MODEL, d);
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        float eta = ctx.lr(k);
        // g_i = ∇F_i(x_i; ξ_i) + λ x_i
        float[] g = model.gradient();
        for (int c = 0; c < x.length; c++) {
            float gc = Math.fma(lambda, x[c], g[c]);
            // m_i ← β m_i + g_i
            m[c] = Math.fma(beta, m[c], gc);
            // x^{k+½} = x_i − η (g_i + β m_i)
            x[c] = Math.fma(-eta, Math.fma(beta, m[c], gc), x[c]);
        }
        // x_i^{k+1} = Σ_j w_ij x_j^{k+½}
        gossip.mix(k, x, x);
    }

    @Override
    public void state(State s) {
        s.part("model", model);
        s.floats("m", m);
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
