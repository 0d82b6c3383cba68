package peerlearn.autograd;

import java.util.Arrays;

/** Argument checks shared by the primitives; every message names the op and the shapes. */
final class Shapes {
    private Shapes() {}

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    static void requireSame(String op, Var a, Var b) {
        if (!a.value().sameShape(b.value())) {
            throw new IllegalArgumentException(op + ": shapes differ: " + str(a.shape()) + " vs " + str(b.shape()));
        }
    }

    static void requireRank(String op, String name, Var x, int rank) {
        if (x.value().rank() != rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have rank " + rank + ", got shape "
                    + str(x.shape()));
        }
    }

    static void requireMinRank(String op, String name, Var x, int rank) {
        if (x.value().rank() < rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have rank at least " + rank
                    + ", got shape " + str(x.shape()));
        }
    }

    /** Throws unless {@code v} is a vector of {@code length} elements (shape {@code [length]}). */
    static void requireVector(String op, String name, Var v, int length) {
        if (v.value().rank() != 1 || v.value().dim(0) != length) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape [" + length + "], got "
                    + str(v.shape()));
        }
    }

    static void requireScalar(String op, String name, Var v) {
        if (v.value().size() != 1) {
            throw new IllegalArgumentException(op + ": " + name + " must hold one element, got shape "
                    + str(v.shape()));
        }
    }

    /** Product of the dimensions from {@code from} (inclusive) to {@code to} (exclusive). */
    static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** A negative axis counts from the end; throws if out of range. */
    static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? rank + axis : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    static void requirePositive(String op, String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(op + ": " + name + " must be positive, got " + value);
        }
    }

    static Var[] parents(Var... vars) {
        return Arrays.stream(vars).filter(v -> v != null).toArray(Var[]::new);
    }

    /** x: (N, C, *) seen as (N, C, S), S the product of the trailing dimensions. */
    record Ncs(int[] shape, int n, int c, int s) {}

    static Ncs ncs(String op, Var x) {
        requireMinRank(op, "x", x, 2);
        int[] shape = x.shape();
        return new Ncs(shape, shape[0], shape[1], product(shape, 2, shape.length));
    }

    /** Throws unless the channels split evenly into {@code groups} groups. */
    static void requireGroups(String op, Ncs x, int groups) {
        requirePositive(op, "groups", groups);
        if (x.c() % groups != 0) {
            throw new IllegalArgumentException(op + ": " + x.c() + " channels of x " + str(x.shape())
                    + " do not split into " + groups + " groups");
        }
    }

    /** Input and output sizes of a k×k pooling without padding: (N, C, H, W) → (N, C, Ho, Wo). */
    record Pool(int n, int c, int h, int w, int ho, int wo) {}

    static Pool pool(String op, Var x, int kernel, int stride) {
        requireRank(op, "x", x, 4);
        requirePositive(op, "kernel", kernel);
        requirePositive(op, "stride", stride);
        int[] s = x.shape();
        if (s[2] < kernel || s[3] < kernel) {
            throw new IllegalArgumentException(op + ": kernel " + kernel + " larger than input " + str(s));
        }
        return new Pool(s[0], s[1], s[2], s[3], (s[2] - kernel) / stride + 1, (s[3] - kernel) / stride + 1);
    }
}
