package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.DirectConv;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.GemmWorkspace;
import peerlearn.tensor.kernel.Im2col;
import peerlearn.tensor.kernel.RowDots;
import peerlearn.tensor.kernel.VectorOps;

/**
 * 2-D convolution (cross-correlation, as PyTorch), NCHW:
 * x: (N, C, H, W), w: (F, C, kh, kw), b: (F) or none → y: (N, F, Ho, Wo) with
 * Ho = (H + 2·pad − kh)/stride + 1, likewise Wo. Let K = C·kh·kw and P = Ho·Wo.
 *
 * <p>Forward, the whole batch in one GEMM: cols = im2col(x): (K, N·P), y′ = W·cols: (F, N·P),
 * then y = y′ with its two leading axes (F, N) swapped into NCHW. Backward:
 * dy′ = dy swapped back to (F, N·P) (into y′'s buffer); db_f += Σ dy′[f, ·];
 * dW += dy′·colsᵀ by {@link RowDots} (F·K dot products of length N·P, vectorized along N·P, so
 * LeNet-5's 6×25 weight gradient does not waste most of a GEMM tile on absent columns);
 * and a few images at a time, dcols = Wᵀ·dy′[:, n·P …] (K, G·P), then dx_n += col2im(dcols), so
 * the columns are folded while they are still in cache (cganet5's second layer would write
 * 37 MB of them at once), in a buffer of their own (a second backward over the same graph still
 * finds the forward columns intact). dx is computed only when x needs one (not for the input images).
 *
 * <p>A first layer — stride 1 and K ≤ 81, where the columns are K times the image and the
 * products small — goes instead to {@link DirectConv}: y from a zero-padded copy of x with no
 * columns and no swap, db and dW from dy as it is (LeNet-5's 2.5 MB of columns per batch of 32
 * are never written).
 */
final class Conv2d {
    private Conv2d() {}

    /** With {@code scratch == null} the columns are a fresh array; else they come from scratch. */
    static Var apply(Var x, Var w, Var b, int stride, int pad, Scratch scratch) {
        Shapes.requireRank("conv2d", "x", x, 4);
        Shapes.requireRank("conv2d", "weight", w, 4);
        Shapes.requirePositive("conv2d", "stride", stride);
        if (pad < 0) {
            throw new IllegalArgumentException("conv2d: padding must be ≥ 0, got " + pad);
        }
        Tensor xv = x.value();
        Tensor wv = w.value();
        int n = xv.dim(0), c = xv.dim(1), h = xv.dim(2), wd = xv.dim(3);
        int f = wv.dim(0), kh = wv.dim(2), kw = wv.dim(3);
        if (wv.dim(1) != c) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(x.shape()) + " has " + c
                    + " channels but weight " + Shapes.str(w.shape()) + " expects " + wv.dim(1));
        }
        if (b != null) {
            Shapes.requireVector("conv2d", "bias", b, f);
        }
        if (h + 2 * pad < kh || wd + 2 * pad < kw) {
            throw new IllegalArgumentException("conv2d: kernel " + kh + "×" + kw + " larger than padded input "
                    + Shapes.str(x.shape()) + " with padding " + pad);
        }
        int ho = Im2col.outSize(h, kh, stride, pad);
        int wo = Im2col.outSize(wd, kw, stride, pad);
        int k = c * kh * kw;
        int p = ho * wo;
        int np = n * p;
        Tensor y = Scratch.uninitialized(x.scratch(), n, f, ho, wo);
        if (np == 0 || f == 0) {
            return Var.op(y, g -> { }, Shapes.parents(x, w, b));
        }
        if (DirectConv.suits(c, kh, kw, stride)) {
            return direct(x, w, b, pad, scratch, y);
        }
        GemmWorkspace ws = scratch == null ? new GemmWorkspace() : scratch.gemmWorkspace();
        float[] wdat = wv.data();
        int w0 = wv.offset();

        // x: (N, C, H, W) → cols: (K, N·P);  y′ (F, N·P) = W (F, K) · cols;  y = y′ with (F, N) swapped
        float[] cols = scratch == null ? new float[k * np] : scratch.floats(k * np);
        Im2col.im2colBatch(xv.data(), xv.offset(), n, c, h, wd, kh, kw, stride, pad, cols, 0);
        float[] yt = scratch == null ? new float[f * np] : scratch.floats(f * np);
        Gemm.sgemm(false, false, f, np, k, 1f, wdat, w0, k, cols, 0, np, 0f, yt, 0, np, ws);
        float[] yd = y.data(); // every element written here
        VectorOps.swapLeadingAxes(yt, 0, f, n, p, yd, 0);
        if (b != null) {
            VectorOps.addChannelBias(yd, 0, n, f, p, b.value().data(), b.value().offset());
        }
        return Var.op(y, g -> {
            // dy (N, F, P) → dy′ (F, N·P) into yt, which forward no longer needs
            VectorOps.swapLeadingAxes(g.data(), g.offset(), n, f, p, yt, 0);
            if (b != null && b.requiresGrad()) { // db_f += Σ over row f of dy′, in double
                Tensor db = b.gradForUpdate();
                for (int i = 0; i < f; i++) {
                    db.data()[db.offset() + i] += (float) VectorOps.sum(yt, i * np, np);
                }
            }
            if (w.requiresGrad()) { // dW (F, K) += dy′ (F, N·P) · colsᵀ: dot products along N·P
                Tensor dw = w.gradForUpdate();
                RowDots.abt(f, k, np, 1f, yt, 0, np, cols, 0, np, 1f, dw.data(), dw.offset(), k, ws);
            }
            if (x.requiresGrad()) {
                inputGrad(x, wv, yt, n, c, h, wd, kh, kw, stride, pad, scratch, ws);
            }
        }, Shapes.parents(x, w, b));
    }

    /**
     * Floats of columns (1 MiB, an L2's worth on AMD Zen 5) folded at a time by {@link #inputGrad}:
     * a group of images (cganet5's last layer: 7, its third 3, its second 1; LeNet-5's second 17).
     * Per image, the products are narrow (P = 64 columns on cganet5's last layer) and each packs Wᵀ
     * anew: there the groups take the layer's dx from 2.1 to 1.5 ms per batch of 32, LeNet-5's
     * second layer's from 0.36 to 0.28 ms (AMD EPYC Zen 5, one thread); wider groups, whose
     * columns spill from L2, were slower again.
     */
    private static final int DCOLS_GROUP_FLOATS = 1 << 18;

    /**
     * Image group by image group: dcols (K, G·P) = Wᵀ (K, F) · dy′[:, n·P …] with dy′ (F, N·P) in
     * yt; dx_{n…} += col2im(dcols). Each element of dcols is the same fma chain over F whatever the
     * group, so the grouping changes speed (fewer, wider products: Wᵀ is packed once per group), not bits.
     */
    private static void inputGrad(Var x, Tensor wv, float[] yt, int n, int c, int h, int wd, int kh, int kw,
                                  int stride, int pad, Scratch scratch, GemmWorkspace ws) {
        int f = wv.dim(0), k = c * kh * kw;
        int p = Im2col.outSize(h, kh, stride, pad) * Im2col.outSize(wd, kw, stride, pad);
        int group = Math.max(1, Math.min(n, DCOLS_GROUP_FLOATS / Math.max(1, k * p)));
        Tensor dx = x.gradForUpdate();
        float[] dcols = scratch == null ? new float[k * p * group] : scratch.floats(k * p * group);
        for (int i = 0; i < n; i += group) {
            int g = Math.min(group, n - i);
            Gemm.sgemm(true, false, k, g * p, f, 1f, wv.data(), wv.offset(), k, yt, i * p, n * p, 0f, dcols, 0, g * p, ws);
            Im2col.col2imBatch(dcols, 0, g, c, h, wd, kh, kw, stride, pad, dx.data(), dx.offset() + i * c * h * wd);
        }
    }

    /**
     * The {@link DirectConv} path (stride 1, small K): y straight from the padded images, no
     * columns and no axis swap; backward, db and dW from dy in its NCHW layout, and dx (when x
     * needs one) as on the GEMM path, from dy swapped into (F, N·P).
     */
    private static Var direct(Var x, Var w, Var b, int pad, Scratch scratch, Tensor y) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        int n = xv.dim(0), c = xv.dim(1), h = xv.dim(2), wd = xv.dim(3);
        int f = wv.dim(0), kh = wv.dim(2), kw = wv.dim(3);
        int p = y.dim(2) * y.dim(3);
        int size = DirectConv.paddedSize(n, c, h, wd, kw, pad);
        float[] xp = scratch == null ? new float[size] : scratch.floats(size);
        DirectConv.pad(xv.data(), xv.offset(), n, c, h, wd, kw, pad, xp);
        float[] yd = y.data();
        DirectConv.forward(xp, n, c, h, wd, kh, kw, pad, wv.data(), wv.offset(), f, yd, 0);
        if (b != null) {
            VectorOps.addChannelBias(yd, 0, n, f, p, b.value().data(), b.value().offset());
        }
        return Var.op(y, g -> {
            if (b != null && b.requiresGrad()) { // db_f += Σ_n Σ over plane (n, f) of dy, in double
                Tensor db = b.gradForUpdate();
                for (int i = 0; i < f; i++) {
                    double s = 0;
                    for (int img = 0; img < n; img++) {
                        s += VectorOps.sum(g.data(), g.offset() + (img * f + i) * p, p);
                    }
                    db.data()[db.offset() + i] += (float) s;
                }
            }
            if (w.requiresGrad()) {
                Tensor dw = w.gradForUpdate();
                int ps = DirectConv.partialsSize(f, c, kh, kw);
                DirectConv.weightGrad(xp, n, c, h, wd, kh, kw, pad, g.data(), g.offset(), f, dw.data(), dw.offset(),
                        scratch == null ? new float[ps] : scratch.floats(ps));
            }
            if (x.requiresGrad()) {
                float[] yt = scratch == null ? new float[f * n * p] : scratch.floats(f * n * p);
                VectorOps.swapLeadingAxes(g.data(), g.offset(), n, f, p, yt, 0);
                inputGrad(x, wv, yt, n, c, h, wd, kh, kw, 1, pad, scratch,
                        scratch == null ? new GemmWorkspace() : scratch.gemmWorkspace());
            }
        }, Shapes.parents(x, w, b));
    }
}
