package peerlearn.algo;

/**
 * The eigen-analysis of DMSGD on quadratics with a common diagonal Hessian (theory/dmsgd.md, "Modes").
 * For an eigenvalue λ of W and a curvature a, a mode of lines 3–4 obeys the scalar recurrence
 * y_{k+1} = (λ + βc − αa) y_k − βc y_{k−1} − α ε_k with c = 1 − ω + ωλ, whose characteristic
 * polynomial is r² − (λ + βc − αa) r + βc. With a = 0: ω = 0 gives r² − (λ + β) r + β and ω = 1
 * gives r² − λ(1 + β) r + βλ.
 */
final class MomentumModes {
    private MomentumModes() {}

    /** φ₁ = λ + βc − αa, the first recurrence coefficient. */
    static double phi1(double lambda, double a, double alpha, double beta, double omega) {
        return lambda + beta * c(lambda, omega) - alpha * a;
    }

    /** φ₂ = −βc, the second. */
    static double phi2(double lambda, double beta, double omega) {
        return -beta * c(lambda, omega);
    }

    /** The largest |r| over the roots of r² − (λ + βc − αa) r + βc = 0. */
    static double radius(double lambda, double a, double alpha, double beta, double omega) {
        return rootRadius(phi1(lambda, a, alpha, beta, omega), -phi2(lambda, beta, omega));
    }

    /** The largest |r| over the roots of r² − p r + q = 0. */
    static double rootRadius(double p, double q) {
        double disc = p * p - 4 * q;
        if (disc < 0) {
            return Math.sqrt(q); // complex pair: |r|² = r r̄ = q
        }
        double s = Math.sqrt(disc);
        return Math.max(Math.abs(p + s), Math.abs(p - s)) / 2;
    }

    /** The radius with zero gradients (a = 0). */
    static double radius(double lambda, double beta, double omega) {
        return radius(lambda, 0, 0, beta, omega);
    }

    /**
     * Stationary variance of the mode driven by noise of variance s² per step, the AR(2) formula
     * γ₀ = (1 − φ₂) s² / ((1 + φ₂)((1 − φ₂)² − φ₁²)) (Box and Jenkins, Time Series Analysis, §3.2.4);
     * infinite for an unstable mode.
     */
    static double stationaryVariance(double lambda, double a, double alpha, double beta, double omega, double s2) {
        double p1 = phi1(lambda, a, alpha, beta, omega), p2 = phi2(lambda, beta, omega);
        if (radius(lambda, a, alpha, beta, omega) >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return (1 - p2) * s2 / ((1 + p2) * ((1 - p2) * (1 - p2) - p1 * p1));
    }

    /**
     * The measured per-step contraction of a decaying sequence whose modes may oscillate. Its life
     * T ends where it has fallen below {@code floor}·|s_0| ({@link #life}; float32 leaves nothing
     * to measure beyond); windows are L = min(10, ⌊T/6⌋) steps long, so a fast mode still
     * gets six of them. With the envelope E_w = max |s_t| over t ∈ [wL, (w+1)L), the contraction is
     * (E_last / E_1)^{1/(L(last − 1))} over the windows inside the life (window 0 holds the start-up
     * transient). NaN when the life is shorter than 12 steps (too fast to measure).
     */
    static double envelopeRate(double[] s, double floor) {
        int life = life(s, floor);
        int window = Math.min(10, life / 6);
        if (window < 2) {
            return Double.NaN;
        }
        int last = life / window - 1;
        return Math.pow(envelope(s, last, window) / envelope(s, 1, window), 1.0 / (window * (last - 1)));
    }

    /**
     * The mode equation identified from a measured sequence: least squares for (p, q) in
     * s_{t+1} = p s_t − q s_{t−1} over the steps of its life (see {@link #envelopeRate}), and the
     * spectral radius of r² − p r + q = 0. Unlike an envelope this needs no window longer than the
     * oscillation, so it also measures modes that turn slowly while they decay fast. NaN when the
     * life is shorter than 5 steps.
     */
    static double identifiedRadius(double[] s, double floor) {
        int life = life(s, floor);
        if (life < 5) {
            return Double.NaN;
        }
        double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
        for (int t = 1; t + 1 < life; t++) {
            // unknowns (p, q): row (s_t, −s_{t−1}), right-hand side s_{t+1}, each row scaled to unit
            // norm so that early steps, where both roots still show, weigh as much as late ones
            double w = 1 / (s[t] * s[t] + s[t - 1] * s[t - 1]);
            a11 += w * s[t] * s[t];
            a12 -= w * s[t] * s[t - 1];
            a22 += w * s[t - 1] * s[t - 1];
            b1 += w * s[t] * s[t + 1];
            b2 -= w * s[t - 1] * s[t + 1];
        }
        double det = a11 * a22 - a12 * a12;
        return rootRadius((b1 * a22 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det);
    }

    /**
     * Steps until two consecutive |s_t| are below floor·|s_0| — for a second-order recurrence the
     * whole state (s_t, s_{t−1}) is then below it, so the mode is gone (one small value may just be
     * an oscillation crossing zero); the whole length if that never happens. Anything after is
     * rounding noise, possibly amplified by an unstable mode elsewhere.
     */
    static int life(double[] s, double floor) {
        double f = floor * Math.abs(s[0]);
        for (int t = 0; t + 1 < s.length; t++) {
            if (Math.abs(s[t]) < f && Math.abs(s[t + 1]) < f) {
                return t;
            }
        }
        return s.length;
    }

    private static double envelope(double[] s, int w, int window) {
        double e = 0;
        for (int t = w * window; t < (w + 1) * window; t++) {
            e = Math.max(e, Math.abs(s[t]));
        }
        return e;
    }

    private static double c(double lambda, double omega) {
        return 1 - omega + omega * lambda;
    }
}
