package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.VectorOps;

/** y = max(0, x).  ∂y/∂x = 1 if x > 0 else 0 (0 at the kink, as PyTorch). */
final class Relu {
    private Relu() {}

    static Var apply(Var x) {
        Tensor xv = x.value();
        Tensor y = Scratch.uninitialized(x.scratch(), xv.shape());
        VectorOps.relu(xv.data(), xv.offset(), y.data(), 0, y.size());
        return Var.op(y, g -> {
            Tensor dx = x.gradForUpdate();
            VectorOps.reluBackward(y.data(), 0, g.data(), g.offset(), dx.data(), dx.offset(), y.size());
        }, x);
    }
}
