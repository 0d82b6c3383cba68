package peerlearn.autograd;

import peerlearn.tensor.Tensor;

/**
 * Mean squared error L = (1/n)·Σ_i (p_i − t_i)² over all n elements (equal shapes).
 * ∂L/∂p_i = 2(p_i − t_i)/n = −∂L/∂t_i.
 */
final class Mse {
    private Mse() {}

    static Var apply(Var pred, Var target) {
        Shapes.requireSame("mse", pred, target);
        Tensor pv = pred.value();
        Tensor tv = target.value();
        int n = pv.size();
        if (n == 0) {
            throw new IllegalArgumentException("mse of empty tensors of shape " + Shapes.str(pred.shape()));
        }
        float[] diff = new float[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            diff[i] = pv.at(i) - tv.at(i);
            acc += (double) diff[i] * diff[i];
        }
        Tensor loss = Tensor.scalar((float) (acc / n));
        Tensor diffT = Tensor.of(diff, pred.shape());
        return Var.op(loss, g -> {
            float c = 2f * g.at(0) / n;
            Grads.addScaled(pred, c, diffT);
            Grads.addScaled(target, -c, diffT);
        }, pred, target);
    }
}
