package peerlearn.data;

/**
 * A training set and its test set, with a sentence saying where they came from (e.g. which
 * Fashion-MNIST files were used), for logs and reports.
 */
public record Split(Dataset train, Dataset test, String source) {
    public Split {
        if (train.sampleSize() != test.sampleSize() || train.hasLabels() != test.hasLabels()
                || train.numClasses() != test.numClasses() || train.targetDim() != test.targetDim()) {
            throw new IllegalArgumentException("train set " + train.name() + " and test set " + test.name()
                    + " differ in sample shape, targets or classes");
        }
    }

    /** Both sets normalised with the training set's per-channel mean and standard deviation. */
    public Split normalized() {
        Normalization norm = Normalization.fit(train);
        return new Split(norm.apply(train), norm.apply(test), source + ", normalised with " + norm);
    }
}
