package peerlearn.nn;

import peerlearn.autograd.Var;
import peerlearn.tensor.Tensor;

/**
 * ELU (Clevert et al., ICLR 2016): y = x for x &gt; 0, α(eˣ − 1) otherwise;
 * dy/dx = 1 for x &gt; 0, y + α otherwise.
 */
public final class Elu implements Module {
    private final float alpha;

    public Elu(float alpha) {
        this.alpha = alpha;
    }

    @Override
    public Var forward(Var x, Forward f) {
        Tensor xv = x.value();
        int size = xv.size();
        Tensor y = Tensor.zeros(xv.shape());
        float[] yd = y.data();
        for (int i = 0; i < size; i++) {
            float v = xv.at(i);
            yd[i] = v > 0 ? v : alpha * (float) Math.expm1(v);
        }
        return Var.op(y, dy -> {
            Tensor dx = x.gradForUpdate();
            for (int i = 0; i < size; i++) {
                float d = xv.at(i) > 0 ? 1f : yd[i] + alpha;
                dx.data()[dx.offset() + i] += d * dy.at(i);
            }
        }, x);
    }
}
