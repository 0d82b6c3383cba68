package peerlearn.data;

import peerlearn.rng.Rng;

/**
 * Draws from a symmetric Dirichlet(α, …, α) distribution by normalising Gamma(α) draws, in log
 * space so that tiny α (say 10⁻³, where Gamma draws underflow to 0) still gives a valid, nearly
 * one-hot probability vector. Gamma(a) for a ≥ 1 by Marsaglia and Tsang (ACM TOMS 26(3), 2000);
 * for a &lt; 1 through log G(a) = log G(a+1) + log(U)/a.
 */
final class RandomDraws {
    private RandomDraws() {}

    /** A probability vector of length {@code k} (entries ≥ 0, summing to 1 up to rounding). */
    static double[] dirichlet(Rng rng, double alpha, int k) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Dirichlet concentration α must be positive and finite, got " + alpha);
        }
        double[] logG = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            logG[i] = logGamma(rng, alpha);
            max = Math.max(max, logG[i]);
        }
        double sum = 0;
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp(logG[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** log of a Gamma(a, 1) draw. */
    static double logGamma(Rng rng, double a) {
        if (a < 1) {
            double u = 1 - rng.nextDouble(); // in (0, 1]
            return logGamma(rng, a + 1) + Math.log(u) / a;
        }
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rng.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return Math.log(d * v);
            }
        }
    }
}
