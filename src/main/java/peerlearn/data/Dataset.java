package peerlearn.data;

import java.util.Arrays;

/**
 * An immutable in-memory data set of {@code n} samples: features as one flat float array
 * (sample i at {@code [i·d, (i+1)·d)}, d = product of {@link #sampleShape()}), and either class
 * labels in {@code [0, numClasses)} or real targets ({@code targetDim} floats per sample).
 * Held once and shared read-only by all agents; agents hold index lists, never copies.
 */
public final class Dataset {
    private final String name;
    private final int[] sampleShape;
    private final int sampleSize;
    private final float[] features;
    private final int[] labels;
    private final int numClasses;
    private final float[] targets;
    private final int targetDim;
    private final int size;

    private Dataset(String name, int[] sampleShape, float[] features, int[] labels, int numClasses,
                    float[] targets, int targetDim) {
        this.name = name;
        this.sampleShape = sampleShape.clone();
        this.sampleSize = peerlearn.tensor.Tensor.sizeOf(sampleShape);
        this.features = features;
        this.labels = labels;
        this.numClasses = numClasses;
        this.targets = targets;
        this.targetDim = targetDim;
        if (sampleSize == 0 || features.length % sampleSize != 0) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature values do not divide into samples of shape "
                    + Arrays.toString(sampleShape));
        }
        this.size = features.length / sampleSize;
        if (labels != null) {
            if (labels.length != size) {
                throw new IllegalArgumentException(name + ": " + size + " samples but " + labels.length + " labels");
            }
            for (int i = 0; i < size; i++) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i
                            + " is outside [0, " + numClasses + ")");
                }
            }
        }
        if (targets != null && targets.length != (long) size * targetDim) {
            throw new IllegalArgumentException(name + ": " + size + " samples need " + (long) size * targetDim
                    + " target values, got " + targets.length);
        }
    }

    /** A classification data set (arrays are not copied: do not modify them afterwards). */
    public static Dataset classification(String name, int[] sampleShape, float[] features, int[] labels, int numClasses) {
        return new Dataset(name, sampleShape, features, labels, numClasses, null, 0);
    }

    /** A regression data set with {@code targetDim} real targets per sample. */
    public static Dataset regression(String name, int[] sampleShape, float[] features, float[] targets, int targetDim) {
        return new Dataset(name, sampleShape, features, null, 0, targets, targetDim);
    }

    public String name() { return name; }
    public int size() { return size; }
    public int[] sampleShape() { return sampleShape.clone(); }
    /** Floats per sample. */
    public int sampleSize() { return sampleSize; }
    public boolean hasLabels() { return labels != null; }
    public int numClasses() { return numClasses; }
    public int targetDim() { return targetDim; }

    public int label(int i) { return labels[i]; }

    /** Copies sample {@code i}'s features into {@code dst[dstOff ...]}. */
    public void copyFeatures(int i, float[] dst, int dstOff) {
        System.arraycopy(features, i * sampleSize, dst, dstOff, sampleSize);
    }

    /** Copies sample {@code i}'s targets into {@code dst[dstOff ...]}. */
    public void copyTargets(int i, float[] dst, int dstOff) {
        System.arraycopy(targets, i * targetDim, dst, dstOff, targetDim);
    }

    /** Target {@code k} of sample {@code i} (regression sets). */
    public float target(int i, int k) {
        return targets[i * targetDim + k];
    }

    /** All labels, as a new array. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException(name + " is a regression set and has no labels");
        }
        return labels.clone();
    }

    /** Number of samples of each class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int i = 0; i < size; i++) {
            counts[labels[i]]++;
        }
        return counts;
    }

    /**
     * The same samples with other features (e.g. normalised or rotated) and a new name; labels
     * and targets are shared with this set, not copied.
     */
    public Dataset withFeatures(String newName, float[] newFeatures) {
        if (newFeatures.length != features.length) {
            throw new IllegalArgumentException(newName + ": " + newFeatures.length + " feature values, " + name + " has "
                    + features.length);
        }
        return new Dataset(newName, sampleShape, newFeatures, labels, numClasses, targets, targetDim);
    }

    /** A new data set holding copies of the samples {@code ids} (in that order). */
    public Dataset subset(String newName, int[] ids) {
        float[] f = new float[ids.length * sampleSize];
        int[] l = labels == null ? null : new int[ids.length];
        float[] t = targets == null ? null : new float[ids.length * targetDim];
        for (int k = 0; k < ids.length; k++) {
            System.arraycopy(features, ids[k] * sampleSize, f, k * sampleSize, sampleSize);
            if (l != null) {
                l[k] = labels[ids[k]];
            } else {
                System.arraycopy(targets, ids[k] * targetDim, t, k * targetDim, targetDim);
            }
        }
        return new Dataset(newName, sampleShape, f, l, numClasses, t, targetDim);
    }

    /**
     * The same features with other labels (e.g. a cluster's permuted labels under concept shift);
     * features are shared, not copied.
     */
    public Dataset withLabels(String newName, int[] newLabels) {
        if (labels == null) {
            throw new IllegalStateException(name + " is a regression set and has no labels to replace");
        }
        return new Dataset(newName, sampleShape, features, newLabels.clone(), numClasses, null, 0);
    }

    /** Read-only access for bulk kernels: do not write into the returned array. */
    public float[] featuresUnsafe() { return features; }
}
