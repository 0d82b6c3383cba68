package peerlearn.testkit;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import peerlearn.data.Dataset;
import peerlearn.data.Split;
import peerlearn.rng.Rng;

/**
 * Labelled data sets for tests and benchmarks: small ones for partition and sampler tests (sample
 * i's one feature is i), and random images for timing and allocation runs of a model.
 */
public final class DataGenerators {
    private DataGenerators() {}

    /** n samples whose labels cycle 0, 1, …, classes−1 (balanced up to one sample per class). */
    public static Dataset cyclic(String name, int n, int classes) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % classes;
        }
        return Dataset.classification(name, new int[] {1}, x, y, classes);
    }

    /** A balanced split with {@code perClassTrain} and {@code perClassTest} samples of each class. */
    public static Split balanced(int classes, int perClassTrain, int perClassTest) {
        return new Split(cyclic("train", classes * perClassTrain, classes), cyclic("test", classes * perClassTest, classes),
                "cyclic labels");
    }

    /**
     * n images of the given (C, H, W) shape with standard normal pixels and labels uniform over
     * {@code classes}, drawn from {@code Rng(seed)}: every pixel first, then every label.
     */
    public static Dataset gaussianImages(int[] shape, int n, int classes, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n * shape[0] * shape[1] * shape[2]];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return Dataset.classification("random", shape, x, y, classes);
    }

    /** Seeds for properties. */
    public static Gen<Long> seeds() {
        return SourceDSL.longs().all();
    }
}
