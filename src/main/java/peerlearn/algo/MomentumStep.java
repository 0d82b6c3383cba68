package peerlearn.algo;

import peerlearn.optim.Optimizer;

/**
 * Lines 7–8 of NGC and CGA (theory/ngc.md#momentum): the step x^{k+1} = x^{k+½} − η d_i with the
 * neighbourhood gradient g̃_i, either through the configured local optimizer (β = --momentum,
 * heavy ball or --nesterov, weight decay λ):
 * <pre>
 *   m_i = β m_i + g̃_i;   d_i = g̃_i + β m_i  (Nesterov)  or  d_i = m_i  (heavy ball)
 * </pre>
 * or, with {@code algo.qgm=1}, quasi-global momentum (Lin et al., ICML 2021) in the form of the NGC
 * code, whose buffer follows the mixed model's own displacement between rounds:
 * <pre>
 *   m̂_i ← β m̂_i + (1 − β)(x_prev − x^{k+½}) / η_prev     x_prev: last round's x^{k+½} (x⁰ at first)
 *   m_i = β m̂_i + g̃_i;   d_i = g̃_i + β m_i  (Nesterov)  or  d_i = m_i
 * </pre>
 */
final class MomentumStep implements peerlearn.state.Stateful {
    static final ParamSpec QGM = ParamSpec.whole("qgm", 0, 0, 1,
            "1: quasi-global momentum (Lin et al. 2021) with β = --momentum instead of local momentum");

    private final Optimizer local;
    private final float beta;
    private final boolean nesterov;
    private final float lambda;
    private final float[] mHat;
    private final float[] previous;
    private float etaPrevious = Float.NaN;

    MomentumStep(AgentContext ctx, float[] x0) {
        int d = x0.length;
        boolean qgm = ctx.params().integer(QGM) == 1;
        this.local = qgm ? null : ctx.training().newOptimizer(d);
        this.beta = ctx.training().momentum();
        this.nesterov = ctx.training().nesterov();
        this.lambda = ctx.training().weightDecay();
        this.mHat = qgm ? new float[d] : null;
        this.previous = qgm ? x0.clone() : null;
    }

    /** x ← x − η d(g̃); {@code g} (g̃) may be overwritten. */
    /** The local optimizer's buffers, or QGM's m̂_i, x_i^{k−1} and η_{k−1}. */
    @Override
    public void state(peerlearn.state.State s) {
        if (local != null) {
            s.part("optimizer", local);
        } else {
            s.floats("m_hat", mHat);
            s.floats("x_previous", previous);
            etaPrevious = (float) s.number("eta_previous", etaPrevious);
        }
    }

    void step(float[] x, float[] g, float eta) {
        if (local != null) {
            local.step(x, g, eta);
            return;
        }
        float scale = (1 - beta) / (Float.isNaN(etaPrevious) ? eta : etaPrevious);
        for (int c = 0; c < x.length; c++) {
            mHat[c] = Math.fma(beta, mHat[c], scale * (previous[c] - x[c]));
            float gc = Math.fma(lambda, x[c], g[c]);
            float mc = Math.fma(beta, mHat[c], gc);
            previous[c] = x[c];
            x[c] = Math.fma(-eta, nesterov ? Math.fma(beta, mc, gc) : mc, x[c]);
        }
        etaPrevious = eta;
    }
}
