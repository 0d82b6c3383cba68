package peerlearn.nn;

import peerlearn.autograd.Ops;
import peerlearn.autograd.Var;

/**
 * Average pooling over k×k windows with stride s: (N, C, H, W) → (N, C, Ho, Wo); or, as
 * {@link #global()}, the mean of each channel plane: (N, C, H, W) → (N, C).
 */
public final class AvgPool2d implements Module {
    private final int kernel;
    private final int stride;

    public AvgPool2d(int kernel, int stride) {
        if (kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("average pooling needs positive kernel and stride, got " + kernel + ", " + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    private AvgPool2d() {
        this.kernel = 0;
        this.stride = 0;
    }

    /** Global average pooling. */
    public static AvgPool2d global() {
        return new AvgPool2d();
    }

    @Override
    public Var forward(Var x, Forward f) {
        return kernel == 0 ? Ops.globalAvgPool(x) : Ops.avgPool2d(x, kernel, stride);
    }
}
