package peerlearn.bench;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.GemmWorkspace;
import peerlearn.tensor.kernel.Im2col;
import peerlearn.tensor.kernel.VectorOps;

/**
 * A convolution layer built from the kernels as the autograd layer builds it: batched im2col, one
 * GEMM, and an axis swap to NCHW; the backward adds dW = dY′·colsᵀ, dcols = Wᵀ·dY′ and col2im.
 * A geometry is {@code N:C:H:W:Cout:kernel:stride:pad}: LeNet-5's two layers on a batch of 32
 * (28×28 with padding 2, and 6 → 16 channels on 14×14) and a CIFAR-size 3×3 layer (16 → 16
 * channels on 32×32, padding 1, as in ResNet-20's first stage). {@link Run} reports GFLOP/s
 * counting 2·Cout·C·k²·N·Ho·Wo per product (forward one product, forward+backward three).
 */
@State(Scope.Thread)
public class ConvBench extends KernelBench {
    @Param({"32:1:28:28:6:5:1:2", "32:6:14:14:16:5:1:0", "32:16:32:32:16:3:1:1"})
    public String layer;

    private int n, c, h, w, cout, kk, stride, pad, ho, wo, taps, pixels;
    private float[] x, weight, cols, yT, y, dy, dyT, dW, dcols, dx;
    private final GemmWorkspace ws = new GemmWorkspace();

    @Setup(Level.Trial)
    public void setUp() {
        int[] f = java.util.Arrays.stream(layer.split(":")).mapToInt(Integer::parseInt).toArray();
        n = f[0]; c = f[1]; h = f[2]; w = f[3]; cout = f[4]; kk = f[5]; stride = f[6]; pad = f[7];
        ho = Im2col.outSize(h, kk, stride, pad);
        wo = Im2col.outSize(w, kk, stride, pad);
        taps = c * kk * kk;
        pixels = n * ho * wo;
        SplittableRandom r = new SplittableRandom(3);
        x = GemmBench.random(r, n * c * h * w);
        weight = GemmBench.random(r, cout * taps);
        dy = GemmBench.random(r, n * cout * ho * wo);
        cols = new float[taps * pixels];
        dcols = new float[taps * pixels];
        yT = new float[cout * pixels];
        y = new float[cout * pixels];
        dyT = new float[cout * pixels];
        dW = new float[cout * taps];
        dx = new float[n * c * h * w];
    }

    @Benchmark
    public float[] forward() {
        Im2col.im2colBatch(x, 0, n, c, h, w, kk, kk, stride, pad, cols, 0);
        // y′ (Cout, N·Ho·Wo) = W (Cout, taps) · cols (taps, N·Ho·Wo)
        Gemm.sgemm(false, false, cout, pixels, taps, 1f, weight, 0, taps, cols, 0, pixels, 0f, yT, 0, pixels, ws);
        VectorOps.swapLeadingAxes(yT, 0, cout, n, ho * wo, y, 0);
        return y;
    }

    @Benchmark
    public float[] forwardBackward() {
        forward();
        VectorOps.swapLeadingAxes(dy, 0, n, cout, ho * wo, dyT, 0);
        // dW (Cout, taps) = dY′ (Cout, N·Ho·Wo) · colsᵀ
        Gemm.sgemm(false, true, cout, taps, pixels, 1f, dyT, 0, pixels, cols, 0, pixels, 0f, dW, 0, taps, ws);
        // dcols (taps, N·Ho·Wo) = Wᵀ · dY′
        Gemm.sgemm(true, false, taps, pixels, cout, 1f, weight, 0, taps, dyT, 0, pixels, 0f, dcols, 0, pixels, ws);
        java.util.Arrays.fill(dx, 0f);
        Im2col.col2imBatch(dcols, 0, n, c, h, w, kk, kk, stride, pad, dx, 0);
        return dx;
    }

    /** Floating-point operations of one product of the layer: 2·Cout·taps·N·Ho·Wo. */
    static double productFlops(String layer) {
        int[] f = java.util.Arrays.stream(layer.split(":")).mapToInt(Integer::parseInt).toArray();
        int ho = Im2col.outSize(f[2], f[5], f[6], f[7]);
        int wo = Im2col.outSize(f[3], f[5], f[6], f[7]);
        return 2.0 * f[4] * f[1] * f[5] * f[5] * f[0] * ho * wo;
    }
}
