package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;

/** y = x Wᵀ + b; x: (N, in), W: (out, in), b: (out). Initialised as PyTorch's {@code nn.Linear} by default. */
public final class Linear implements Module {
    private final int w;
    private final int b;

    public Linear(ModelBuilder mb, String name, int in, int out, boolean bias, Init init) {
        this.w = mb.param(name + ".weight", new int[] {out, in}, init, in, out);
        this.b = bias ? mb.param(name + ".bias", new int[] {out}, init == Init.TORCH_DEFAULT ? init : Init.ZEROS, in, out) : -1;
    }

    public Linear(ModelBuilder mb, String name, int in, int out) {
        this(mb, name, in, out, true, Init.TORCH_DEFAULT);
    }

    @Override
    public Var forward(Var x, Forward f) {
        return Ops.linear(x, f.param(w), b < 0 ? null : f.param(b));
    }
}
