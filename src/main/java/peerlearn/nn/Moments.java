package peerlearn.nn;

/** Mean and inverse standard deviation of a contiguous run of values, accumulated in double. */
final class Moments {
    private Moments() {}

    static double mean(float[] a, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[off + i];
        }
        return s / n;
    }

    /** 1/√(σ² + ε) with the biased variance σ² = Σ (a_i − mean)² / n. */
    static float inverseStd(float[] a, int off, int n, double mean, float eps) {
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = a[off + i] - mean;
            var += d * d;
        }
        return (float) (1 / Math.sqrt(var / n + eps));
    }
}
