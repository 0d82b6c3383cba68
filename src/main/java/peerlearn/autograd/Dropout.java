package peerlearn.autograd;

import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al., JMLR 2014): in training, each element is kept with
 * probability 1 − p and scaled by 1/(1 − p), so the expectation is unchanged; the mask m is drawn
 * from the given stream, one {@code nextFloat} per element in row-major order, so the same seed
 * gives the same mask. y = m ⊙ x, dx = m ⊙ dy. In evaluation (or with p = 0) it is the identity.
 */
final class Dropout {
    private Dropout() {}

    static Var apply(Var x, float p, Rng rng, boolean training) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        if (!training || p == 0f) {
            return x;
        }
        float keep = 1f / (1f - p);
        Tensor xv = x.value();
        Tensor y = Tensor.zeros(xv.shape());
        float[] yd = y.data();
        float[] mask = new float[yd.length];
        for (int i = 0; i < yd.length; i++) {
            mask[i] = rng.nextFloat() >= p ? keep : 0f;
            yd[i] = mask[i] * xv.at(i);
        }
        return Pointwise.node(x, y, mask);
    }
}
