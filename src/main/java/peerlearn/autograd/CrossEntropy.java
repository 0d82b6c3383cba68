package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * Mean cross-entropy of logits z: (N, K) against integer labels y: L = (1/N)·Σ_n
 * (log Σ_k exp z_nk − z_{n,y_n}), computed as log-softmax + NLL in one step with the max
 * subtracted first (so exp never overflows). ∂L/∂z_nk = (softmax(z_n)_k − [k = y_n]) / N.
 */
final class CrossEntropy {
    private CrossEntropy() {}

    static Var apply(Var logits, int[] labels) {
        Shapes.requireRank("crossEntropy", "logits", logits, 2);
        Tensor zv = logits.value();
        int n = zv.dim(0);
        int k = zv.dim(1);
        if (labels.length != n) {
            throw new IllegalArgumentException("crossEntropy: " + labels.length + " labels for " + n
                    + " rows of logits " + Shapes.str(logits.shape()));
        }
        if (n == 0) {
            throw new IllegalArgumentException("crossEntropy of an empty batch, logits " + Shapes.str(logits.shape()));
        }
        float[] zd = zv.data();
        int zo = zv.offset();
        float[] p = new float[n * k]; // softmax, kept for backward
        double total = 0;
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("crossEntropy: label " + y + " at row " + i
                        + " is outside [0, " + k + ")");
            }
            int row = zo + i * k;
            total += LogSoftmax.row(zd, row, p, i * k, k) - zd[row + y];
        }
        int[] y0 = labels.clone();
        Tensor loss = Tensor.scalar((float) (total / n));
        return Var.op(loss, g -> {
            Tensor dz = logits.gradForUpdate();
            float[] dd = dz.data();
            int d0 = dz.offset();
            float scale = g.at(0) / n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    dd[d0 + i * k + j] += scale * p[i * k + j];
                }
                dd[d0 + i * k + y0[i]] -= scale;
            }
        }, logits);
    }
}
