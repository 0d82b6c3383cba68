package peerlearn.autograd;

import peerlearn.rng.Rng;

/**
 * The autograd primitives in one place, to read and to call: {@code Ops.conv2d(x, w, b, 1, 2)}.
 * Each method records a node whose backward rule lives next to its forward code in a small class
 * of this package (named after the op). Shapes use the letters N batch, C/F channels,
 * H/W height/width, K classes. Nothing broadcasts implicitly: element-wise ops need equal
 * shapes, and the few broadcasts the models need have their own names ({@link #addBias},
 * {@link #scale}, {@link #mulScalar}). Passing {@code null} for an optional bias means "no bias".
 */
public final class Ops {
    private Ops() {}

    // ---- element-wise arithmetic (equal shapes) ----

    /** a + b. */
    public static Var add(Var a, Var b) {
        return Add.apply(a, b);
    }

    /** a − b. */
    public static Var sub(Var a, Var b) {
        return Sub.apply(a, b);
    }

    /** a ⊙ b. */
    public static Var mul(Var a, Var b) {
        return Mul.apply(a, b);
    }

    /** a / b. */
    public static Var div(Var a, Var b) {
        return Div.apply(a, b);
    }

    /** −x. */
    public static Var neg(Var x) {
        return Scale.apply(x, -1f);
    }

    /** c·x for a constant number c. */
    public static Var scale(Var x, float c) {
        return Scale.apply(x, c);
    }

    /** s·x for a one-element Var s (gradient flows to both). */
    public static Var mulScalar(Var x, Var s) {
        return MulScalar.apply(x, s);
    }

    /** x + b broadcast over axis 1: x: (N, C, *), b: (C). */
    public static Var addBias(Var x, Var b) {
        return AddBias.apply(x, b);
    }

    // ---- linear algebra and layers ----

    /** a·b for 2-D a: (m, k), b: (k, n). */
    public static Var matmul(Var a, Var b) {
        return MatMul.apply(a, b, false, false);
    }

    /** op(a)·op(b), op = transpose when the flag is set. */
    public static Var matmul(Var a, Var b, boolean transA, boolean transB) {
        return MatMul.apply(a, b, transA, transB);
    }

    /** x·Wᵀ + b; x: (N, in), W: (out, in), b: (out) or null. */
    public static Var linear(Var x, Var w, Var b) {
        return Linear.apply(x, w, b);
    }

    /** Convolution: x: (N, C, H, W), w: (F, C, kh, kw), b: (F) or null → (N, F, Ho, Wo). */
    public static Var conv2d(Var x, Var w, Var b, int stride, int pad) {
        return Conv2d.apply(x, w, b, stride, pad, null);
    }

    /**
     * As {@link #conv2d(Var, Var, Var, int, int)}, taking its im2col columns from {@code scratch}
     * (reused across training steps; see {@link Scratch} for when it may be reset).
     */
    public static Var conv2d(Var x, Var w, Var b, int stride, int pad, Scratch scratch) {
        return Conv2d.apply(x, w, b, stride, pad, scratch);
    }

    /** Max pooling over kernel×kernel windows: (N, C, H, W) → (N, C, Ho, Wo). */
    public static Var maxPool2d(Var x, int kernel, int stride) {
        return MaxPool2d.apply(x, kernel, stride);
    }

    /** Average pooling over kernel×kernel windows: (N, C, H, W) → (N, C, Ho, Wo). */
    public static Var avgPool2d(Var x, int kernel, int stride) {
        return AvgPool2d.apply(x, kernel, stride);
    }

    /** Mean over each channel plane: (N, C, H, W) → (N, C). */
    public static Var globalAvgPool(Var x) {
        return AvgPool2d.global(x);
    }

    // ---- normalization and regularization ----

    /** PyTorch's default ε for group-, batch- and EvoNorm. */
    public static final float NORM_EPS = 1e-5f;

    /** Group-norm of x: (N, C, *) over {@code groups} channel groups; gamma, beta: (C) or null. */
    public static Var groupNorm(Var x, int groups, Var gamma, Var beta) {
        return GroupNorm.apply(x, groups, gamma, beta, NORM_EPS);
    }

    /** Group-norm with an explicit ε. */
    public static Var groupNorm(Var x, int groups, Var gamma, Var beta, float eps) {
        return GroupNorm.apply(x, groups, gamma, beta, eps);
    }

    /**
     * Batch-norm of x: (N, C) or (N, C, *). Training uses the batch's statistics and updates
     * {@code stats}; evaluation uses {@code stats}. gamma, beta: (C) or null.
     */
    public static Var batchNorm(Var x, Var gamma, Var beta, RunningStats stats, boolean training) {
        return BatchNorm.apply(x, gamma, beta, stats, training, NORM_EPS);
    }

    /** Batch-norm with an explicit ε. */
    public static Var batchNorm(Var x, Var gamma, Var beta, RunningStats stats, boolean training, float eps) {
        return BatchNorm.apply(x, gamma, beta, stats, training, eps);
    }

    /** EvoNorm-S0: γ·x·hardsigmoid(x)/√(Var_group(x) + ε) + β over {@code groups} channel groups. */
    public static Var evoNormS0(Var x, int groups, Var gamma, Var beta) {
        return EvoNormS0.apply(x, groups, gamma, beta, NORM_EPS);
    }

    /** Inverted dropout with drop probability p, mask drawn from {@code rng}; identity unless training. */
    public static Var dropout(Var x, float p, Rng rng, boolean training) {
        return Dropout.apply(x, p, rng, training);
    }

    // ---- non-linearities ----

    /** max(0, x). */
    public static Var relu(Var x) {
        return Relu.apply(x);
    }

    /** x if x > 0 else slope·x. */
    public static Var leakyRelu(Var x, float slope) {
        return LeakyRelu.apply(x, slope);
    }

    /** x if x > 0 else α·(eˣ − 1). */
    public static Var elu(Var x, float alpha) {
        return Elu.apply(x, alpha);
    }

    /** 1/(1 + e⁻ˣ). */
    public static Var sigmoid(Var x) {
        return Sigmoid.apply(x);
    }

    /** tanh x. */
    public static Var tanh(Var x) {
        return Tanh.apply(x);
    }

    /** eˣ. */
    public static Var exp(Var x) {
        return Exp.apply(x);
    }

    /** ln x. */
    public static Var log(Var x) {
        return Log.apply(x);
    }

    /** Softmax along the last axis. */
    public static Var softmax(Var z) {
        return Softmax.apply(z);
    }

    /** Log-softmax along the last axis. */
    public static Var logSoftmax(Var z) {
        return LogSoftmax.apply(z);
    }

    // ---- shapes ----

    /** Same elements, new shape (one dimension may be −1). */
    public static Var reshape(Var x, int... shape) {
        return Reshape.apply(x, shape);
    }

    /** (N, d₁, …, d_k) → (N, d₁·…·d_k). */
    public static Var flatten(Var x) {
        return Reshape.flatten(x);
    }

    /** Concatenation along {@code axis}; shapes agree off that axis. */
    public static Var concat(int axis, Var... xs) {
        return Concat.concat(axis, xs);
    }

    /** Indices [from, to) along {@code axis}. */
    public static Var slice(Var x, int axis, int from, int to) {
        return Concat.slice(x, axis, from, to);
    }

    // ---- reductions and losses (scalar results) ----

    /** Σ of all elements. */
    public static Var sum(Var x) {
        return Sum.sum(x);
    }

    /** Mean of all elements. */
    public static Var mean(Var x) {
        return Sum.mean(x);
    }

    /** Mean squared error over all elements. */
    public static Var mse(Var pred, Var target) {
        return Mse.apply(pred, target);
    }

    /** Mean cross-entropy of logits (N, K) against labels in [0, K). */
    public static Var crossEntropy(Var logits, int[] labels) {
        return CrossEntropy.apply(logits, labels);
    }
}
