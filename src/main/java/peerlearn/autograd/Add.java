package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.VectorOps;

/** z = a + b (equal shapes).  ∂z/∂a = 1, ∂z/∂b = 1. */
final class Add {
    private Add() {}

    static Var apply(Var a, Var b) {
        Shapes.requireSame("add", a, b);
        Tensor av = a.value();
        Tensor bv = b.value();
        // on the scratch of the graph either operand belongs to (a residual block's sum, every step)
        Tensor z = Scratch.uninitialized(a.scratch() != null ? a.scratch() : b.scratch(), av.shape());
        VectorOps.add(av.data(), av.offset(), bv.data(), bv.offset(), z.data(), z.offset(), z.size());
        return Var.op(z, g -> {
            Grads.add(a, g);
            Grads.add(b, g);
        }, a, b);
    }
}
