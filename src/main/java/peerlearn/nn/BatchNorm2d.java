package peerlearn.nn;

import peerlearn.autograd.Var;
import peerlearn.tensor.Tensor;

/**
 * Batch normalisation over (N, H, W) per channel (Ioffe and Szegedy, ICML 2015, Algorithm 1),
 * as PyTorch's {@code BatchNorm2d}: in training, x̂ = (x − μ_B)/√(σ²_B + ε) with batch
 * statistics (σ² biased) and the running statistics updated as r ← (1 − m) r + m·stat (the
 * running variance takes the unbiased σ²); in evaluation, the running statistics normalise.
 * y = γ_c x̂ + β_c. x: (N, C, ...).
 *
 * <p>γ and β are parameters; the running mean and variance are <em>state</em>, kept in the
 * model's separate state vector, since decentralized algorithms average parameters but not
 * necessarily statistics.
 */
public final class BatchNorm2d implements Module {
    private final int gamma;
    private final int beta;
    private final int runningMean;
    private final int runningVar;
    private final int channels;
    private final float momentum;
    private final float eps;

    public BatchNorm2d(ModelBuilder mb, String name, int channels, float momentum, float eps) {
        this.gamma = mb.param(name + ".weight", new int[] {channels}, Init.ONES, channels, channels);
        this.beta = mb.param(name + ".bias", new int[] {channels}, Init.ZEROS, channels, channels);
        this.runningMean = mb.state(name + ".running_mean", new int[] {channels}, Init.ZEROS);
        this.runningVar = mb.state(name + ".running_var", new int[] {channels}, Init.ONES);
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
    }

    /** PyTorch's defaults: momentum 0.1, ε = 1e-5. */
    public BatchNorm2d(ModelBuilder mb, String name, int channels) {
        this(mb, name, channels, 0.1f, 1e-5f);
    }

    @Override
    public Var forward(Var x, Forward f) {
        Tensor xv = x.value();
        int n = xv.dim(0);
        if (xv.rank() < 2 || xv.dim(1) != channels) {
            throw new IllegalArgumentException("batch norm over " + channels + " channels got input " + java.util.Arrays.toString(xv.shape()));
        }
        int inner = xv.size() / (n * channels);
        int m = n * inner;
        boolean train = f.training();
        if (train && m < 2) {
            throw new IllegalArgumentException("batch norm in training needs more than one value per channel, got input "
                    + java.util.Arrays.toString(xv.shape()));
        }
        Var gv = f.param(gamma);
        Var bv = f.param(beta);
        Tensor rm = f.state(runningMean);
        Tensor rv = f.state(runningVar);
        float[] xd = xv.data();
        int xo = xv.offset();
        Tensor y = Tensor.zeros(xv.shape());
        float[] yd = y.data();
        float[] xhat = new float[xv.size()];
        float[] inv = new float[channels];
        for (int c = 0; c < channels; c++) {
            double mu;
            double var;
            if (train) {
                double sum = 0;
                for (int s = 0; s < n; s++) {
                    for (int k = 0, i = (s * channels + c) * inner; k < inner; k++, i++) {
                        sum += xd[xo + i];
                    }
                }
                mu = sum / m;
                double sq = 0;
                for (int s = 0; s < n; s++) {
                    for (int k = 0, i = (s * channels + c) * inner; k < inner; k++, i++) {
                        double d = xd[xo + i] - mu;
                        sq += d * d;
                    }
                }
                var = sq / m;
                rm.data()[rm.offset() + c] = (float) ((1 - momentum) * rm.at(c) + momentum * mu);
                rv.data()[rv.offset() + c] = (float) ((1 - momentum) * rv.at(c) + momentum * sq / (m - 1));
            } else {
                mu = rm.at(c);
                var = rv.at(c);
            }
            float r = (float) (1 / Math.sqrt(var + eps));
            inv[c] = r;
            float gc = gv.value().at(c);
            float bc = bv.value().at(c);
            for (int s = 0; s < n; s++) {
                for (int k = 0, i = (s * channels + c) * inner; k < inner; k++, i++) {
                    float h = (float) (xd[xo + i] - mu) * r;
                    xhat[i] = h;
                    yd[i] = Math.fma(gc, h, bc);
                }
            }
        }
        return Var.op(y, dy -> {
            float[] dd = dy.data();
            int d0 = dy.offset();
            Tensor dx = x.requiresGrad() ? x.gradForUpdate() : null;
            for (int c = 0; c < channels; c++) {
                double sdy = 0;
                double sdyx = 0;
                for (int s = 0; s < n; s++) {
                    for (int k = 0, i = (s * channels + c) * inner; k < inner; k++, i++) {
                        sdy += dd[d0 + i];
                        sdyx += dd[d0 + i] * xhat[i];
                    }
                }
                if (gv.requiresGrad()) {
                    Tensor dg = gv.gradForUpdate();
                    dg.data()[dg.offset() + c] += (float) sdyx;
                }
                if (bv.requiresGrad()) {
                    Tensor db = bv.gradForUpdate();
                    db.data()[db.offset() + c] += (float) sdy;
                }
                if (dx != null) {
                    float gc = gv.value().at(c);
                    float r = inv[c];
                    // training: dx = γ r (dy − mean(dy) − x̂ mean(dy x̂)); evaluation: dx = γ r dy
                    float mdy = train ? (float) (sdy / m) : 0f;
                    float mdyx = train ? (float) (sdyx / m) : 0f;
                    float[] dxd = dx.data();
                    int dxo = dx.offset();
                    for (int s = 0; s < n; s++) {
                        for (int k = 0, i = (s * channels + c) * inner; k < inner; k++, i++) {
                            dxd[dxo + i] += gc * r * (dd[d0 + i] - mdy - xhat[i] * mdyx);
                        }
                    }
                }
            }
        }, x, gv, bv);
    }
}
