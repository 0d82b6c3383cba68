package peerlearn.bench;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import peerlearn.autograd.Ops;
import peerlearn.autograd.Scratch;
import peerlearn.autograd.Var;
import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.GemmWorkspace;
import peerlearn.tensor.kernel.Im2col;
import peerlearn.tensor.kernel.VectorOps;

/**
 * A convolution layer, two ways:
 * <ul>
 *   <li>{@code forward}, {@code forwardBackward}: built from the kernels alone, batched im2col, one
 *       GEMM and an axis swap to NCHW; the backward adds dW = dY′·colsᵀ and dcols = Wᵀ·dY′ as two
 *       more GEMMs, then col2im;
 *   <li>{@code layerForward}, {@code layerForwardBackward}: the autograd primitive itself,
 *       {@code Ops.conv2d} on a {@link Scratch} reset before each call, as a training step runs it.
 *       It takes its own paths: {@code DirectConv} for a first layer of stride 1 and C·k² ≤ 81
 *       (LeNet-5's first), dW by {@code RowDots}, and dcols a few images at a time. Its backward
 *       starts from a fixed dy. A layer whose input has 1 or 3 channels takes images, which need
 *       no gradient, so it computes no dx, as the first layer of a model does; the others do.
 * </ul>
 * A geometry is {@code N:C:H:W:Cout:kernel:stride:pad}: LeNet-5's two layers on a batch of 32
 * (28×28 with padding 2, and 6 → 16 channels on 14×14) and a CIFAR-size 3×3 layer (16 → 16
 * channels on 32×32, padding 1, as in ResNet-20's first stage). {@link Run} reports GFLOP/s
 * counting 2·Cout·C·k²·N·Ho·Wo per product ({@link #products}: forward one, forward+backward
 * three, or two without dx).
 */
@State(Scope.Thread)
public class ConvBench extends KernelBench {
    @Param({"32:1:28:28:6:5:1:2", "32:6:14:14:16:5:1:0", "32:16:32:32:16:3:1:1"})
    public String layer;

    private int n, c, h, w, cout, kk, stride, pad, ho, wo, taps, pixels;
    private float[] x, weight, cols, yT, y, dy, dyT, dW, dcols, dx;
    private final GemmWorkspace ws = new GemmWorkspace();
    private final Scratch scratch = new Scratch();
    private Tensor xTensor;
    private Var weightVar;
    private Var gradientWanted;

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
        xTensor = Tensor.of(x, n, c, h, w);
        weightVar = Var.param(Tensor.of(weight, cout, c, kk, kk), Tensor.zeros(cout, c, kk, kk));
        gradientWanted = Var.param(Tensor.scalar(0f));
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

    @Benchmark
    public Tensor layerForward() {
        scratch.reset();
        return Ops.conv2d(layerInput(), weightVar, null, stride, pad, scratch).value();
    }

    @Benchmark
    public Tensor layerForwardBackward() {
        scratch.reset();
        Var out = Ops.conv2d(layerInput(), weightVar, null, stride, pad, scratch);
        // a loss whose gradient with respect to the layer's output is dy
        Var loss = Var.op(Tensor.scalar(0f), g -> {
            Tensor dOut = out.gradForUpdate();
            System.arraycopy(dy, 0, dOut.data(), dOut.offset(), dy.length);
        }, out);
        loss.backward();
        return weightVar.grad();
    }

    /**
     * The layer's input on the scratch: the images, or a hidden activation that needs a gradient
     * (a node over the images and a leaf that wants one; its own backward passes nothing on).
     */
    private Var layerInput() {
        Var images = Var.input(xTensor, scratch);
        return takesImages(c) ? images : Var.op(xTensor, g -> { }, images, gradientWanted);
    }

    private static boolean takesImages(int channels) {
        return channels == 1 || channels == 3;
    }

    /**
     * Products of the layer's size a benchmark computes: one forward; three for forward and
     * backward (y, dW and dcols), two for the layer on images, which computes no dx.
     */
    static int products(String benchmark, String layer) {
        boolean layerItself = benchmark.endsWith(".layerForwardBackward");
        if (!layerItself && !benchmark.endsWith(".forwardBackward")) {
            return 1;
        }
        int channels = Integer.parseInt(layer.split(":")[1]);
        return layerItself && takesImages(channels) ? 2 : 3;
    }

    /** Floating-point operations of one product of the layer: 2·Cout·taps·N·Ho·Wo. */
    static double productFlops(String layer) {
        int[] f = java.util.Arrays.stream(layer.split(":")).mapToInt(Integer::parseInt).toArray();
        int ho = Im2col.outSize(f[2], f[5], f[6], f[7]);
        int wo = Im2col.outSize(f[3], f[5], f[6], f[7]);
        return 2.0 * f[4] * f[1] * f[5] * f[5] * f[0] * ho * wo;
    }
}
