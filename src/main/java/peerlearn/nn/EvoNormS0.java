package peerlearn.nn;

import peerlearn.autograd.Var;
import peerlearn.tensor.Tensor;

/**
 * EvoNorm-S0 as the NGC code implements it (Aketi et al., arXiv 2209.14390; after Liu et al.,
 * "Evolving Normalization-Activation Layers", NeurIPS 2020): a normalisation and activation in
 * one, with per-sample statistics so it works under non-IID data where batch norm fails:
 * <pre>
 *   y = γ_c · u / s + β_c,   u = x · hardsigmoid(x),   s = √(Var_group(x) + ε)
 * </pre>
 * hardsigmoid(x) = min(max((x + 3)/6, 0), 1); the variance is per sample over each of G channel
 * groups (biased). No separate ReLU follows. x: (N, C, H, W); γ initialised to 1, β to 0.
 *
 * <p>Backward, per group of M values with mean μ and a = γ_c·dy:
 * dx_i = a_i u'_i / s − (x_i − μ) / (M s³) · Σ_j a_j u_j, with u' = h(x) + x h'(x), h' = 1/6 on (−3, 3);
 * dγ_c = Σ dy·u/s, dβ_c = Σ dy.
 */
public final class EvoNormS0 implements Module {
    private final int gamma;
    private final int beta;
    private final int channels;
    private final int groups;
    private final float eps;

    public EvoNormS0(ModelBuilder mb, String name, int channels, int groups, float eps) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups + " groups");
        }
        this.gamma = mb.param(name + ".weight", new int[] {channels}, Init.ONES, channels, channels);
        this.beta = mb.param(name + ".bias", new int[] {channels}, Init.ZEROS, channels, channels);
        this.channels = channels;
        this.groups = groups;
        this.eps = eps;
    }

    /** The NGC code's setting: 8 groups, ε = 1e-5. */
    public EvoNormS0(ModelBuilder mb, String name, int channels) {
        this(mb, name, channels, Math.min(8, channels), 1e-5f);
    }

    static float hardSigmoid(float x) {
        return Math.min(Math.max((x + 3f) / 6f, 0f), 1f);
    }

    @Override
    public Var forward(Var x, Forward f) {
        Tensor xv = x.value();
        int n = xv.dim(0);
        if (xv.rank() < 2 || xv.dim(1) != channels) {
            throw new IllegalArgumentException("EvoNorm-S0 over " + channels + " channels got input " + java.util.Arrays.toString(xv.shape()));
        }
        int inner = xv.size() / (n * channels);
        int cpg = channels / groups;
        int perGroup = cpg * inner;
        Var gv = f.param(gamma);
        Var bv = f.param(beta);
        float[] xd = xv.data();
        int xo = xv.offset();
        float[] gd = gv.value().data();
        int go = gv.value().offset();
        float[] bd = bv.value().data();
        int bo = bv.value().offset();
        Tensor y = Tensor.zeros(xv.shape());
        float[] yd = y.data();
        float[] mean = new float[n * groups];
        float[] inv = new float[n * groups];
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < groups; g++) {
                int base = (s * groups + g) * perGroup;
                double mu = Moments.mean(xd, xo + base, perGroup);
                float r = Moments.inverseStd(xd, xo + base, perGroup, mu, eps);
                mean[s * groups + g] = (float) mu;
                inv[s * groups + g] = r;
                for (int c = g * cpg, i = 0; c < (g + 1) * cpg; c++) {
                    float gc = gd[go + c] * r;
                    float bc = bd[bo + c];
                    for (int k = 0; k < inner; k++, i++) {
                        float xi = xd[xo + base + i];
                        yd[base + i] = Math.fma(gc, xi * hardSigmoid(xi), bc);
                    }
                }
            }
        }
        return Var.op(y, dy -> {
            float[] dd = dy.data();
            int d0 = dy.offset();
            float[] dg = gv.requiresGrad() ? gv.gradForUpdate().data() : null;
            int dgo = dg != null ? gv.grad().offset() : 0;
            float[] db = bv.requiresGrad() ? bv.gradForUpdate().data() : null;
            int dbo = db != null ? bv.grad().offset() : 0;
            Tensor dx = x.requiresGrad() ? x.gradForUpdate() : null;
            for (int s = 0; s < n; s++) {
                for (int g = 0; g < groups; g++) {
                    int base = (s * groups + g) * perGroup;
                    float r = inv[s * groups + g];
                    double sau = 0;
                    for (int c = g * cpg, i = 0; c < (g + 1) * cpg; c++) {
                        double dgc = 0;
                        double dbc = 0;
                        for (int k = 0; k < inner; k++, i++) {
                            float xi = xd[xo + base + i];
                            float u = xi * hardSigmoid(xi);
                            float dyv = dd[d0 + base + i];
                            dgc += dyv * u;
                            dbc += dyv;
                        }
                        sau += gd[go + c] * dgc;
                        if (dg != null) {
                            dg[dgo + c] += (float) (dgc * r);
                        }
                        if (db != null) {
                            db[dbo + c] += (float) dbc;
                        }
                    }
                    if (dx != null) {
                        float mu = mean[s * groups + g];
                        float coef = (float) (sau * r * r * r / perGroup);
                        float[] dxd = dx.data();
                        int dxo = dx.offset();
                        for (int c = g * cpg, i = 0; c < (g + 1) * cpg; c++) {
                            float gc = gd[go + c];
                            for (int k = 0; k < inner; k++, i++) {
                                float xi = xd[xo + base + i];
                                float du = hardSigmoid(xi) + (xi > -3f && xi < 3f ? xi / 6f : 0f);
                                dxd[dxo + base + i] += gc * dd[d0 + base + i] * du * r - (xi - mu) * coef;
                            }
                        }
                    }
                }
            }
        }, x, gv, bv);
    }
}
