package peerlearn.objective;

import peerlearn.data.Batch;
import peerlearn.data.Dataset;

/**
 * Evaluation of a parameter vector over many samples in chunks that reuse one {@link Batch}:
 * sums each chunk's total loss and correct count, then averages.
 */
final class Scoring {
    private Scoring() {}

    /** Scores one filled batch: returns the summed loss and adds correct predictions to {@code correct[0]}. */
    @FunctionalInterface
    interface BatchScore {
        double score(float[] x, Batch batch, int[] correct);
    }

    static Evaluation evaluate(float[] x, Dataset data, int[] indices, Batch buffer, BatchScore score, boolean classes) {
        if (data.sampleSize() != buffer.sampleSize()) {
            throw new IllegalArgumentException("cannot evaluate on " + data.name() + ": samples of " + data.sampleSize()
                    + " floats, the model takes " + buffer.sampleSize());
        }
        double loss = 0;
        int[] correct = {0};
        for (int from = 0; from < indices.length; from += buffer.capacity()) {
            int count = Math.min(buffer.capacity(), indices.length - from);
            buffer.fill(data, indices, from, count);
            loss += score.score(x, buffer, correct);
        }
        int n = indices.length;
        return new Evaluation(n == 0 ? Double.NaN : loss / n, classes && n > 0 ? (double) correct[0] / n : Double.NaN, n);
    }

    static void checkLength(String what, int d, float[] v) {
        if (v.length != d) {
            throw new IllegalArgumentException(what + " has length " + v.length + ", the objective's dimension is " + d);
        }
    }
}
