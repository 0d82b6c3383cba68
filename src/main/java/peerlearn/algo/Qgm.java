package peerlearn.algo;

import java.util.List;
import peerlearn.state.State;

/**
 * QGM, quasi-global momentum: Lin et al., "Quasi-Global Momentum: Accelerating Decentralized
 * Deep Learning on Heterogeneous Data", ICML 2021, Algorithm 2. The momentum buffer m̂_i tracks
 * the model's own movement after gossip, (x_i^k − x_i^{k+1})/η, an estimate of the global
 * direction rather than of the local gradient. Theory: theory/baselines.md#qgm. Symbols:
 * x_i parameters, m̂_i quasi-global momentum, μ ({@code algo.mu}), η_k step size, W mixing;
 * {@code algo.nesterov=1} takes the Nesterov form.
 */
final class Qgm implements AgentProgram {
    static final ParamSpec MU = ParamSpec.real("mu", 0.9, 0.0, 0.999, "μ, quasi-global momentum factor");
    static final ParamSpec NESTEROV = ParamSpec.whole("nesterov", 0, 0, 1, "1 for the Nesterov form x − η(g + μ m)");
    static final List<ParamSpec> PARAMS = List.of(MU, NESTEROV);
    private static final int MODEL = 1;

    private final AgentContext ctx;
    private final LocalModel model;
    private final float mu;
    private final boolean nesterov;
    private final float lambda;
    private final float[] xPrev;
    private final float[] mHat;
    private final Gossip gossip;

    Qgm(AgentContext ctx) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        int d = model.dimension();
        this.mu = (float) ctx.params().number(MU);
        this.nesterov = ctx.params().integer(NESTEROV) == 1;
        this.lambda = ctx.training().weightDecay();
        this.xPrev = new float[d];
        this.mHat = new float[d];
        this.gossip = new Gossip(ctx, MODEL, d);
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        float eta = ctx.lr(k);
        // line 3: g_i = ∇F_i(x_i; ξ_i) + λ x_i
        float[] g = model.gradient();
        System.arraycopy(x, 0, xPrev, 0, x.length);
        for (int c = 0; c < x.length; c++) {
            float gc = Math.fma(lambda, x[c], g[c]);
            // line 4: m_i = μ m̂_i + g_i
            float mc = Math.fma(mu, mHat[c], gc);
            // line 5: x^{k+½} = x − η m_i   (Nesterov: x − η(g_i + μ m_i))
            x[c] = Math.fma(-eta, nesterov ? Math.fma(mu, mc, gc) : mc, x[c]);
        }
        // line 6: x_i^{k+1} = Σ_j w_ij x_j^{k+½}
        gossip.mix(k, x, x);
        // line 7: m̂_i ← μ m̂_i + (1 − μ)(x_i^k − x_i^{k+1}) / η
        float scale = (1 - mu) / eta;
        for (int c = 0; c < x.length; c++) {
            mHat[c] = Math.fma(mu, mHat[c], scale * (xPrev[c] - x[c]));
        }
    }

    @Override
    public void state(State s) {
        s.part("model", model);
        s.floats("x_previous", xPrev);
        s.floats("m_hat", mHat);
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
