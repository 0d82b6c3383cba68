package peerlearn.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-channel standardisation x ← (x − μ_c) / σ_c. For image data of shape (C, H, W) there is one
 * (μ, σ) per channel; any other shape counts as one channel. Fit the statistics on the training
 * set and apply them to both splits ({@link Split#normalized()}).
 */
public record Normalization(float[] mean, float[] std) {
    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("normalisation needs one mean and one std per channel, got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + ": mean " + mean[c] + ", std " + std[c]
                        + " (std must be positive and finite)");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Per-channel mean and (population) standard deviation of {@code data}'s features, summed in double. */
    public static Normalization fit(Dataset data) {
        int channels = channels(data);
        int per = data.sampleSize() / channels;
        double[] sum = new double[channels];
        double[] sq = new double[channels];
        float[] x = data.featuresUnsafe();
        for (int i = 0; i < data.size(); i++) {
            for (int c = 0; c < channels; c++) {
                int base = i * data.sampleSize() + c * per;
                double s = 0;
                double q = 0;
                for (int k = 0; k < per; k++) {
                    double v = x[base + k];
                    s += v;
                    q += v * v;
                }
                sum[c] += s;
                sq[c] += q;
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        double count = (double) data.size() * per;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            mean[c] = (float) m;
            std[c] = (float) Math.sqrt(Math.max(sq[c] / count - m * m, 0));
            if (std[c] == 0) {
                std[c] = 1; // a constant channel is centred, not scaled
            }
        }
        return new Normalization(mean, std);
    }

    /** A new data set with standardised features (labels and targets shared with {@code data}). */
    public Dataset apply(Dataset data) {
        int channels = channels(data);
        if (channels != mean.length) {
            throw new IllegalArgumentException(data.name() + " has " + channels + " channels, this normalisation has "
                    + mean.length);
        }
        int per = data.sampleSize() / channels;
        float[] src = data.featuresUnsafe();
        float[] dst = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            int c = (i / per) % channels;
            dst[i] = (src[i] - mean[c]) / std[c];
        }
        return data.withFeatures(data.name() + "-normalised", dst);
    }

    static int channels(Dataset data) {
        int[] shape = data.sampleShape();
        return shape.length == 3 ? shape[0] : 1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mean %s std %s", fmt(mean), fmt(std));
    }

    private static String fmt(float[] v) {
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = String.format(Locale.ROOT, "%.4f", v[i]);
        }
        return Arrays.toString(s).replace(" ", "");
    }
}
