package peerlearn.algo;

import java.util.List;
import java.util.Map;
import peerlearn.data.Batch;
import peerlearn.state.State;
import peerlearn.tensor.Segment;

/**
 * CGA, cross-gradient aggregation: Esfandiari et al., "Cross-Gradient Aggregation for
 * Decentralized Learning from Non-IID Data", ICML 2021, in the form of the NGC authors' code
 * (Aketi et al., arXiv 2209.14390), which runs it with the same gossip and message rounds as NGC
 * with α = 1. Instead of averaging, each parameter tensor's update is projected so that it does not
 * increase any neighbour's loss to first order: with g = π g_ii and rows M_j = π c_{i←j},
 * <pre>
 *   v* = argmin_{v ≥ ½} ½ vᵀ(M Mᵀ + ε I)v + (M g)ᵀ v,     g̃ = g + Mᵀ v*
 * </pre>
 * so M g̃ ≥ 0 (up to ε v*), with ⟨M_j, g̃⟩ = 0 where v*_j &gt; ½. Theory: theory/ngc.md#cga.
 * Symbols as in {@link Ngc}; ε = 10⁻¹² · tr(M Mᵀ)/n_i keeps the QP strictly convex. With a
 * {@link CompNgc} compressor this is compressed CGA.
 */
final class Cga implements AgentProgram {
    static final List<ParamSpec> PARAMS = List.of(Ngc.GAMMA, MomentumStep.QGM);
    /** The margin b of v ≥ b in the CGA code. */
    static final double MARGIN = 0.5;
    private static final double RIDGE = 1e-12;

    private final AgentContext ctx;
    private final LocalModel model;
    private final float gamma;
    private final CrossGradients nb;
    private final MomentumStep momentum;
    private final List<Segment> tensors;
    private final float[] gTilde;

    Cga(AgentContext ctx) {
        this(ctx, null);
    }

    /** CGA, or compressed CGA when {@code compression} is given. */
    Cga(AgentContext ctx, CompNgc compression) {
        this.ctx = ctx;
        this.model = new LocalModel(ctx);
        this.gamma = (float) ctx.params().number(Ngc.GAMMA);
        this.nb = new CrossGradients(ctx, true, compression);
        this.momentum = new MomentumStep(ctx, model.x);
        this.tensors = ctx.objective().layout().parameters();
        this.gTilde = new float[model.dimension()];
    }

    @Override
    public void round(int k) {
        float[] x = model.x;
        // lines 1–5 as NGC with α = 1: gossip, g_ii at x^{k+½}, c_{j←i} sent, c_{i←j} received
        nb.gossip(k, x, gamma);
        Batch xi = nb.selfGradient(model);
        nb.modelVariant(xi, model.g);
        nb.dataVariant(k, model.g);
        float[][] rows = new float[nb.degree()][];
        int n = 0;
        for (int t = 0; t < nb.degree(); t++) {
            if (nb.dataVariant(t) != null) {
                rows[n++] = nb.dataVariant(t);
            }
        }
        double pi = 1.0 / (n + 1);
        // line 6, per parameter tensor: g̃ = g + Mᵀ v*
        for (Segment s : tensors) {
            project(s, model.g, rows, n, pi);
        }
        // lines 7–8: momentum and step
        momentum.step(x, gTilde, ctx.lr(k));
    }

    /** g̃ on segment s from g = π g_ii and the first n rows M_j = π c_{i←j}. */
    private void project(Segment s, float[] gii, float[][] rows, int n, double pi) {
        int a = s.offset();
        int b = s.end();
        double[][] p = new double[n][n];
        double[] q = new double[n];
        double trace = 0;
        for (int j = 0; j < n; j++) {
            for (int l = 0; l <= j; l++) {
                double dot = 0;
                for (int c = a; c < b; c++) {
                    dot += (double) rows[j][c] * rows[l][c];
                }
                p[j][l] = p[l][j] = pi * pi * dot;
            }
            double dot = 0;
            for (int c = a; c < b; c++) {
                dot += (double) rows[j][c] * gii[c];
            }
            q[j] = pi * pi * dot;
            trace += p[j][j];
        }
        double eps = RIDGE * trace / Math.max(1, n) + Double.MIN_NORMAL;
        for (int j = 0; j < n; j++) {
            p[j][j] += eps;
        }
        double[] v = CgaQp.solve(p, q, MARGIN);
        for (int c = a; c < b; c++) {
            double g = pi * gii[c];
            for (int j = 0; j < n; j++) {
                g += v[j] * pi * rows[j][c];
            }
            gTilde[c] = (float) g;
        }
    }

    @Override
    public void state(State s) {
        s.part("model", model);
        s.part("cross_gradients", nb);
        s.part("momentum", momentum);
    }

    @Override
    public float[] parameters() {
        return model.x;
    }

    @Override
    public double lastLoss() {
        return model.loss;
    }

    /** NGC's biases ε and ω, measured on CGA's cross-gradients. */
    @Override
    public Map<String, Double> extraMetrics() {
        return nb.biases();
    }
}
