package peerlearn.nn;

import peerlearn.autograd.Var;
import peerlearn.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al., JMLR 2014): in training each value is kept with
 * probability 1 − p and scaled by 1/(1 − p), with the mask drawn from the forward pass's random
 * stream; in evaluation the layer is the identity.
 */
public final class Dropout implements Module {
    private final float p;

    public Dropout(float p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    @Override
    public Var forward(Var x, Forward f) {
        if (!f.training() || p == 0) {
            return x;
        }
        Tensor xv = x.value();
        int size = xv.size();
        float keep = 1 / (1 - p);
        float[] mask = new float[size];
        Tensor y = Tensor.zeros(xv.shape());
        float[] yd = y.data();
        for (int i = 0; i < size; i++) {
            mask[i] = f.rng().nextFloat() >= p ? keep : 0f;
            yd[i] = xv.at(i) * mask[i];
        }
        return Var.op(y, dy -> {
            Tensor dx = x.gradForUpdate();
            for (int i = 0; i < size; i++) {
                dx.data()[dx.offset() + i] += mask[i] * dy.at(i);
            }
        }, x);
    }
}
