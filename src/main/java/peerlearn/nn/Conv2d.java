package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;

/**
 * 2-D convolution x: (N, C, H, W) → (N, F, Ho, Wo) with a k×k kernel W: (F, C, k, k) and an
 * optional bias (F); fan-in C·k·k. Convolutions followed by a normalisation need no bias.
 */
public final class Conv2d implements Module {
    private final int w;
    private final int b;
    private final int stride;
    private final int pad;

    public Conv2d(ModelBuilder mb, String name, int in, int out, int kernel, int stride, int pad, boolean bias, Init init) {
        int fanIn = in * kernel * kernel;
        this.w = mb.param(name + ".weight", new int[] {out, in, kernel, kernel}, init, fanIn, out * kernel * kernel);
        this.b = bias ? mb.param(name + ".bias", new int[] {out}, init == Init.TORCH_DEFAULT ? init : Init.ZEROS, fanIn, out) : -1;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public Var forward(Var x, Forward f) {
        Var bias = b < 0 ? null : f.param(b);
        return f.scratch() == null ? Ops.conv2d(x, f.param(w), bias, stride, pad) : Ops.conv2d(x, f.param(w), bias, stride, pad, f.scratch());
    }
}
