package peerlearn.testkit;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import peerlearn.data.Dataset;
import peerlearn.data.Split;

/** Small labelled data sets for partition and sampler tests; sample i's one feature is i. */
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

    /** Seeds for properties. */
    public static Gen<Long> seeds() {
        return SourceDSL.longs().all();
    }
}
