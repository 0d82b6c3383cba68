package peerlearn.nn;

import peerlearn.autograd.Var;
import peerlearn.tensor.Tensor;

/**
 * Group normalisation (Wu and He, "Group Normalization", ECCV 2018, eq. 1–4): for each sample
 * and each of G channel groups, x̂ = (x − μ) / √(σ² + ε) over the group's (C/G)·H·W values
 * (σ² biased), then y = γ_c x̂ + β_c. x: (N, C, ...). Statistics are per sample, so the layer
 * behaves the same in training and evaluation and needs no running state.
 *
 * <p>Backward (per group of M values, a = γ_c·dy): dx = (a − mean(a) − x̂·mean(a·x̂)) / √(σ² + ε);
 * dγ_c = Σ dy·x̂, dβ_c = Σ dy.
 */
public final class GroupNorm implements Module {
    private final int gamma;
    private final int beta;
    private final int channels;
    private final int groups;
    private final float eps;

    public GroupNorm(ModelBuilder mb, String name, int channels, int groups, float eps) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups + " groups");
        }
        this.gamma = mb.param(name + ".weight", new int[] {channels}, Init.ONES, channels, channels);
        this.beta = mb.param(name + ".bias", new int[] {channels}, Init.ZEROS, channels, channels);
        this.channels = channels;
        this.groups = groups;
        this.eps = eps;
    }

    @Override
    public Var forward(Var x, Forward f) {
        Tensor xv = x.value();
        int n = xv.dim(0);
        if (xv.rank() < 2 || xv.dim(1) != channels) {
            throw new IllegalArgumentException("group norm over " + channels + " channels got input " + java.util.Arrays.toString(xv.shape()));
        }
        int inner = xv.size() / (n * channels);
        int perGroup = channels / groups * inner;
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
        float[] xhat = new float[xv.size()];
        float[] inv = new float[n * groups];
        for (int s = 0; s < n; s++) {
            for (int g = 0; g < groups; g++) {
                int base = (s * groups + g) * perGroup;
                double mean = Moments.mean(xd, xo + base, perGroup);
                float r = Moments.inverseStd(xd, xo + base, perGroup, mean, eps);
                inv[s * groups + g] = r;
                for (int i = 0; i < perGroup; i++) {
                    int c = g * (channels / groups) + i / inner;
                    float h = (float) (xd[xo + base + i] - mean) * r;
                    xhat[base + i] = h;
                    yd[base + i] = Math.fma(gd[go + c], h, bd[bo + c]);
                }
            }
        }
        return Var.op(y, dy -> {
            float[] dd = dy.data();
            int d0 = dy.offset();
            float[] dg = gv.requiresGrad() ? gv.gradForUpdate().data() : null;
            int dgo = gv.requiresGrad() ? gv.grad().offset() : 0;
            float[] db = bv.requiresGrad() ? bv.gradForUpdate().data() : null;
            int dbo = bv.requiresGrad() ? bv.grad().offset() : 0;
            Tensor dx = x.requiresGrad() ? x.gradForUpdate() : null;
            int cpg = channels / groups;
            for (int s = 0; s < n; s++) {
                for (int g = 0; g < groups; g++) {
                    int base = (s * groups + g) * perGroup;
                    double sa = 0;
                    double sax = 0;
                    for (int i = 0; i < perGroup; i++) {
                        int c = g * cpg + i / inner;
                        float dyv = dd[d0 + base + i];
                        float a = gd[go + c] * dyv;
                        sa += a;
                        sax += a * xhat[base + i];
                        if (dg != null) {
                            dg[dgo + c] += dyv * xhat[base + i];
                        }
                        if (db != null) {
                            db[dbo + c] += dyv;
                        }
                    }
                    if (dx != null) {
                        float ma = (float) (sa / perGroup);
                        float max = (float) (sax / perGroup);
                        float r = inv[s * groups + g];
                        float[] dxd = dx.data();
                        int dxo = dx.offset();
                        for (int i = 0; i < perGroup; i++) {
                            int c = g * cpg + i / inner;
                            float a = gd[go + c] * dd[d0 + base + i];
                            dxd[dxo + base + i] += (a - ma - xhat[base + i] * max) * r;
                        }
                    }
                }
            }
        }, x, gv, bv);
    }
}
