package peerlearn.tensor;

import java.util.Arrays;

/**
 * A float32 tensor: a contiguous, row-major block of a {@code float[]} starting at
 * {@code offset}, with a shape. Several tensors may view the same array, which is how a model's
 * parameters live inside one flat vector (see {@link ParameterLayout}).
 *
 * <p>Element (i₀, …, i_{r−1}) lives at {@code offset + Σ i_k · stride_k} with row-major
 * strides. A tensor never owns its array exclusively: {@link #reshape} and {@link #view} share it.
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int size;

    private Tensor(float[] data, int offset, int[] shape) {
        this.shape = shape.clone();
        this.size = sizeOf(this.shape);
        if (offset < 0 || offset + size > data.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " at offset "
                    + offset + " does not fit in an array of length " + data.length);
        }
        this.data = data;
        this.offset = offset;
    }

    /** A new zero tensor. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[sizeOf(shape)], 0, shape);
    }

    /** A new zero tensor of {@code like}'s shape (e.g. the gradient buffer of a value). */
    public static Tensor zerosLike(Tensor like) {
        return new Tensor(new float[like.size], 0, like.shape);
    }

    /** Wraps {@code data} (not copied); its length must equal the shape's size. */
    public static Tensor of(float[] data, int... shape) {
        if (data.length != sizeOf(shape)) {
            throw new IllegalArgumentException("data of length " + data.length + " cannot have shape "
                    + Arrays.toString(shape) + " (size " + sizeOf(shape) + ")");
        }
        return new Tensor(data, 0, shape);
    }

    /** A view of {@code data[offset, offset + size)} with the given shape (not copied). */
    public static Tensor view(float[] data, int offset, int... shape) {
        return new Tensor(data, offset, shape);
    }

    /** A scalar tensor (shape {@code []}). */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, new int[0]);
    }

    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int size() {
        return size;
    }

    /** Same data, new shape of equal size; one dimension may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("at most one -1 in reshape " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to "
                        + Arrays.toString(newShape));
            }
            s[infer] = size / known;
        }
        if (sizeOf(s) != size) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " (size " + size
                    + ") to " + Arrays.toString(newShape) + " (size " + sizeOf(s) + ")");
        }
        return new Tensor(data, offset, s);
    }

    public float get(int... index) {
        return data[offset + flatIndex(index)];
    }

    public void set(float value, int... index) {
        data[offset + flatIndex(index)] = value;
    }

    /** Element {@code i} in row-major order. */
    public float at(int i) {
        return data[offset + i];
    }

    /** A fresh, independent copy. */
    public Tensor copy() {
        return new Tensor(Arrays.copyOfRange(data, offset, offset + size), 0, shape);
    }

    /** The elements as a new array. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size);
    }

    public void fill(float value) {
        Arrays.fill(data, offset, offset + size, value);
    }

    /** Copies {@code src}'s elements into this tensor; sizes must match. */
    public void copyFrom(Tensor src) {
        if (src.size != size) {
            throw new IllegalArgumentException("cannot copy " + Arrays.toString(src.shape) + " into "
                    + Arrays.toString(shape));
        }
        System.arraycopy(src.data, src.offset, data, offset, size);
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Throws, naming both shapes, unless {@code other} has this tensor's shape. */
    public void requireSameShape(Tensor other, String what) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException(what + ": shapes differ: " + Arrays.toString(shape) + " vs "
                    + Arrays.toString(other.shape));
        }
    }

    public static int sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return (int) n;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for a tensor of shape "
                    + Arrays.toString(shape));
        }
        int flat = 0;
        for (int k = 0; k < shape.length; k++) {
            if (index[k] < 0 || index[k] >= shape[k]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of shape "
                        + Arrays.toString(shape));
            }
            flat = flat * shape[k] + index[k];
        }
        return flat;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
        int shown = Math.min(size, 8);
        sb.append('[');
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[offset + i]);
        }
        return sb.append(size > shown ? ", ...]" : "]").toString();
    }
}
