package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * y = exp z / Σ_k exp z_k along the last axis (max subtracted first).
 * Backward: dz = y ⊙ (dy − Σ_k dy_k·y_k).
 */
final class Softmax {
    private Softmax() {}

    static Var apply(Var z) {
        Shapes.requireMinRank("softmax", "z", z, 1);
        Tensor zv = z.value();
        int k = zv.dim(-1);
        int rows = k == 0 ? 0 : zv.size() / k;
        Tensor y = Tensor.zeros(zv.shape());
        float[] yd = y.data();
        for (int r = 0; r < rows; r++) {
            LogSoftmax.row(zv.data(), zv.offset() + r * k, yd, r * k, k);
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
                    s += (double) gd[go + r * k + j] * yd[r * k + j];
                }
                for (int j = 0; j < k; j++) {
                    dd[d0 + r * k + j] += (float) (yd[r * k + j] * (gd[go + r * k + j] - s));
                }
            }
        }, z);
    }
}
