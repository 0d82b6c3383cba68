package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.VectorOps;

/** Small helpers backward rules use to add into a parent's gradient. */
final class Grads {
    private Grads() {}

    /** grad(p) ← grad(p) + α·g, if p wants a gradient; shapes have equal size. */
    static void addScaled(Var p, float alpha, Tensor g) {
        if (!p.requiresGrad()) {
            return;
        }
        Tensor dst = p.gradForUpdate();
        VectorOps.axpy(alpha, g.data(), g.offset(), dst.data(), dst.offset(), g.size());
    }

    /** grad(p) ← grad(p) + g. */
    static void add(Var p, Tensor g) {
        addScaled(p, 1f, g);
    }
}
