package peerlearn.autograd;

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
        return Conv2d.apply(x, w, b, stride, pad);
    }

    /** Max pooling over kernel×kernel windows: (N, C, H, W) → (N, C, Ho, Wo). */
    public static Var maxPool2d(Var x, int kernel, int stride) {
        return MaxPool2d.apply(x, kernel, stride);
    }

    // ---- non-linearities ----

    /** max(0, x). */
    public static Var relu(Var x) {
        return Relu.apply(x);
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

    // ---- reductions and losses (scalar results) ----

    /** Σ of all elements. */
    public static Var sum(Var x) {
        return Sum.sum(x);
    }

    /** Mean of all elements. */
    public static Var mean(Var x) {
        return Sum.mean(x);
    }

    /** Mean cross-entropy of logits (N, K) against labels in [0, K). */
    public static Var crossEntropy(Var logits, int[] labels) {
        return CrossEntropy.apply(logits, labels);
    }
}
