package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * s = c·Σ_i x_i over every element, a scalar (c = 1 for the sum, 1/size for the mean);
 * ∂s/∂x_i = c. The sum runs in double.
 */
final class Sum {
    private Sum() {}

    static Var sum(Var x) {
        return apply(x, 1.0);
    }

    static Var mean(Var x) {
        int n = x.value().size();
        if (n == 0) {
            throw new IllegalArgumentException("mean of an empty tensor of shape " + Shapes.str(x.shape()));
        }
        return apply(x, 1.0 / n);
    }

    private static Var apply(Var x, double c) {
        Tensor xv = x.value();
        float[] xd = xv.data();
        int xo = xv.offset();
        double acc = 0;
        for (int i = 0; i < xv.size(); i++) {
            acc += xd[xo + i];
        }
        Tensor s = Tensor.scalar((float) (c * acc));
        return Var.op(s, g -> {
            Tensor dx = x.gradForUpdate();
            float[] dd = dx.data();
            int d0 = dx.offset();
            float gi = (float) (c * g.at(0));
            for (int i = 0; i < dx.size(); i++) {
                dd[d0 + i] += gi;
            }
        }, x);
    }
}
