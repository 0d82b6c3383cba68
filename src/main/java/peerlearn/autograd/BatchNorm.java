package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * Batch normalization (Ioffe &amp; Szegedy, ICML 2015) over x: (N, C) or (N, C, *), per channel c.
 * Training: μ_c and biased σ²_c over the N·S elements of the channel, x̂ = (x − μ)/√(σ² + ε),
 * y = γ_c·x̂ + β_c, the running statistics updated (see {@link RunningStats}); backward
 * dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / √(σ² + ε), dx̂ = γ_c·dy.
 * Evaluation: μ and σ² are the running statistics, constants, so dx = γ_c·dy / √(σ² + ε).
 */
final class BatchNorm {
    private BatchNorm() {}

    static Var apply(Var x, Var gamma, Var beta, RunningStats stats, boolean training, float eps) {
        Shapes.requireMinRank("batchNorm", "x", x, 2);
        int[] shape = x.shape();
        int n = shape[0];
        int c = shape[1];
        int s = Shapes.product(shape, 2, shape.length);
        ChannelAffine.check("batchNorm", gamma, beta, c);
        if (stats.channels() != c) {
            throw new IllegalArgumentException("batchNorm: running statistics for " + stats.channels()
                    + " channels, x " + Shapes.str(shape) + " has " + c);
        }
        if (training && n * s <= 1) {
            throw new IllegalArgumentException("batchNorm in training mode needs more than one value per channel, x "
                    + Shapes.str(shape));
        }
        Tensor xv = x.value();
        float[] xd = xv.data();
        int xo = xv.offset();
        Scratch scratch = x.scratch();
        float[] xhat = scratch == null ? new float[xv.size()] : scratch.floats(xv.size());
        float[] rstd = new float[c];
        for (int j = 0; j < c; j++) {
            if (training) {
                double[] mv = Moments.meanVar(xd, xo + j * s, n, s, c * s);
                stats.update(j, mv[0], mv[1], n * s);
                rstd[j] = Moments.standardize(xd, xo + j * s, n, s, c * s, mv, xhat, j * s, eps);
            } else {
                float mean = stats.mean().at(j);
                float r = (float) (1.0 / Math.sqrt(stats.var().at(j) + (double) eps));
                rstd[j] = r;
                for (int i = 0; i < n; i++) {
                    int base = (i * c + j) * s;
                    for (int q = 0; q < s; q++) {
                        xhat[base + q] = (xd[xo + base + q] - mean) * r;
                    }
                }
            }
        }
        Tensor y = ChannelAffine.forward(xhat, gamma, beta, shape, n, c, s, scratch);
        return Var.op(y, g -> {
            float[] dxhat = ChannelAffine.backward(g, xhat, gamma, beta, n, c, s,
                    scratch == null ? null : scratch.floats(xv.size()));
            if (!x.requiresGrad()) {
                return;
            }
            Tensor dx = x.gradForUpdate();
            for (int j = 0; j < c; j++) {
                if (training) {
                    Moments.backward(dxhat, xhat, j * s, n, s, c * s, rstd[j], dx.data(), dx.offset() + j * s);
                } else {
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + j) * s;
                        for (int q = 0; q < s; q++) {
                            dx.data()[dx.offset() + base + q] += rstd[j] * dxhat[base + q];
                        }
                    }
                }
            }
        }, Shapes.parents(x, gamma, beta));
    }
}
