package peerlearn.data;

/**
 * A minibatch ξ: up to {@code capacity} samples copied out of a {@link Dataset}, in reusable
 * buffers (an agent refills the same batch every step, so a training step allocates nothing here).
 * x: (size, sampleShape...), labels: (size), targets: (size, targetDim).
 */
public final class Batch {
    private final int[] sampleShape;
    private final int sampleSize;
    private final int targetDim;
    private final float[] x;
    private final int[] labels;
    private final float[] targets;
    private int size;

    public Batch(int capacity, int[] sampleShape, int targetDim) {
        this.sampleShape = sampleShape.clone();
        this.sampleSize = peerlearn.tensor.Tensor.sizeOf(sampleShape);
        this.targetDim = targetDim;
        this.x = new float[capacity * sampleSize];
        this.labels = new int[capacity];
        this.targets = new float[capacity * targetDim];
    }

    /** A batch shaped for {@code data}'s samples. */
    public static Batch forDataset(Dataset data, int capacity) {
        return new Batch(capacity, data.sampleShape(), data.targetDim());
    }

    /** Refills this batch with {@code data}'s samples {@code indices[from, from + count)}. */
    public Batch fill(Dataset data, int[] indices, int from, int count) {
        if (count > capacity()) {
            throw new IllegalArgumentException("batch of capacity " + capacity() + " cannot hold " + count + " samples");
        }
        if (data.sampleSize() != sampleSize) {
            throw new IllegalArgumentException("batch holds samples of " + sampleSize + " floats, "
                    + data.name() + " has " + data.sampleSize());
        }
        for (int b = 0; b < count; b++) {
            int i = indices[from + b];
            data.copyFeatures(i, x, b * sampleSize);
            if (data.hasLabels()) {
                labels[b] = data.label(i);
            } else {
                data.copyTargets(i, targets, b * targetDim);
            }
        }
        size = count;
        return this;
    }

    public int capacity() { return labels.length; }
    public int size() { return size; }
    public int[] sampleShape() { return sampleShape.clone(); }
    public int sampleSize() { return sampleSize; }
    public int targetDim() { return targetDim; }
    /** Features of the first {@link #size()} samples; the buffer may be longer. */
    public float[] x() { return x; }
    public int[] labels() { return labels; }
    public float[] targets() { return targets; }

    /** Sets the number of valid samples after writing into the buffers directly. */
    public void setSize(int size) {
        if (size < 0 || size > capacity()) {
            throw new IllegalArgumentException("batch size " + size + " outside [0, " + capacity() + "]");
        }
        this.size = size;
    }
}
