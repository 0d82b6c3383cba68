package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * y = z − log Σ_k exp z_k along the last axis (max subtracted first for stability).
 * Backward: dz = dy − softmax(z)·Σ_k dy_k.
 */
final class LogSoftmax {
    private LogSoftmax() {}

    static Var apply(Var z) {
        Shapes.requireMinRank("logSoftmax", "z", z, 1);
        Tensor zv = z.value();
        int k = zv.dim(-1);
        int rows = k == 0 ? 0 : zv.size() / k;
        float[] zd = zv.data();
        int zo = zv.offset();
        float[] p = new float[zv.size()];
        Tensor y = Tensor.zeros(zv.shape());
        float[] yd = y.data();
        for (int r = 0; r < rows; r++) {
            double lse = row(zd, zo + r * k, p, r * k, k);
            for (int j = 0; j < k; j++) {
                yd[r * k + j] = (float) (zd[zo + r * k + j] - lse);
            }
        }
        return Var.op(y, g -> {
            Tensor dz = z.gradForUpdate();
            float[] dd = dz.data();
            int d0 = dz.offset();
            float[] gd = g.data();
            int go = g.offset();
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += gd[go + r * k + j];
                }
                for (int j = 0; j < k; j++) {
                    dd[d0 + r * k + j] += (float) (gd[go + r * k + j] - p[r * k + j] * s);
                }
            }
        }, z);
    }

    /**
     * Writes softmax(z[zOff, zOff + k)) into p[pOff, pOff + k) and returns log Σ exp z, both
     * computed with the row maximum subtracted first.
     */
    static double row(float[] z, int zOff, float[] p, int pOff, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[zOff + j]);
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
            double e = Math.exp(z[zOff + j] - max);
            p[pOff + j] = (float) e;
            s += e;
        }
        float inv = (float) (1.0 / s);
        for (int j = 0; j < k; j++) {
            p[pOff + j] *= inv;
        }
        return max + Math.log(s);
    }
}
