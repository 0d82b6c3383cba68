package peerlearn.algo;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import peerlearn.rng.Rng;

/**
 * The arithmetic of choosing whom to pull from, shared by DAC, PENS and the random and oracle
 * gossip baselines (Listo Zec et al., arXiv 2206.08839; theory/dac.md): a softmax over the other
 * agents that cannot overflow, sampling without replacement, and data-size weights.
 */
final class PeerSampling {
    private PeerSampling() {}

    /**
     * p_j = exp(τ s_j) / Σ_{l ≠ i} exp(τ s_l) for j ≠ i, p_i = 0 (DAC line 6), computed as
     * exp(τ (s_j − s_max)) / Σ_l exp(τ (s_l − s_max)): every exponent is ≤ 0, the largest is 0,
     * so the result is finite and sums to 1 for any finite τ ≥ 0 and finite s, however large τ·s
     * (the authors' exp(τ s) overflows past τ·s ≈ 709). With no other agent, all zeros.
     */
    static double[] softmax(double[] s, double tau, int self) {
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("softmax temperature τ must be finite and ≥ 0, got " + tau);
        }
        int n = s.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j != self) {
                if (!Double.isFinite(s[j])) {
                    throw new IllegalArgumentException("similarity s[" + j + "] = " + s[j] + " is not finite");
                }
                max = Math.max(max, s[j]);
            }
        }
        double[] p = new double[n];
        if (max == Double.NEGATIVE_INFINITY) {
            return p;
        }
        double z = 0;
        for (int j = 0; j < n; j++) {
            if (j != self) {
                p[j] = Math.exp(tau * (s[j] - max));
                z += p[j];
            }
        }
        for (int j = 0; j < n; j++) {
            p[j] /= z;
        }
        return p;
    }

    /**
     * min(n, N − 1) distinct agents j ≠ i drawn without replacement from softmax(τ s) (DAC line 2):
     * one at a time, each draw from the softmax over the agents not yet drawn, shifted by their
     * own maximum (numpy's {@code choice(replace=False, p=p)} in exact arithmetic). Because every
     * draw renormalises in the exponent, agents whose probability underflows to 0 in
     * {@link #softmax} can still fill the later draws, so exactly min(n, N − 1) come back for any
     * τ·s. Sorted ascending.
     */
    static int[] sampleSoftmax(Rng rng, double[] s, double tau, int self, int n) {
        int agents = s.length;
        boolean[] taken = new boolean[agents];
        taken[self] = true;
        int m = Math.min(n, agents - 1);
        int[] out = new int[m];
        double[] w = new double[agents];
        for (int t = 0; t < m; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < agents; j++) {
                if (!taken[j]) {
                    max = Math.max(max, s[j]);
                }
            }
            double total = 0;
            for (int j = 0; j < agents; j++) {
                w[j] = taken[j] ? 0 : Math.exp(tau * (s[j] - max));
                total += w[j];
            }
            double u = rng.nextDouble() * total;
            int pick = -1;
            for (int j = 0; j < agents; j++) {
                if (w[j] > 0) {
                    pick = j; // the last positive weight catches rounding at the top end
                    u -= w[j];
                    if (u < 0) {
                        break;
                    }
                }
            }
            out[t] = pick;
            taken[pick] = true;
        }
        Arrays.sort(out);
        return out;
    }

    /** min(n, |candidates|) distinct candidates drawn uniformly without replacement, sorted ascending. */
    static int[] sampleUniform(Rng rng, int[] candidates, int n) {
        int[] c = candidates.clone();
        int m = Math.min(n, c.length);
        for (int t = 0; t < m; t++) { // partial Fisher–Yates: c[0..m) is a uniform m-subset
            int r = t + rng.nextInt(c.length - t);
            int tmp = c[t];
            c[t] = c[r];
            c[r] = tmp;
        }
        int[] out = Arrays.copyOf(c, m);
        Arrays.sort(out);
        return out;
    }

    /** The uniform distribution over {@code members} (an agent's sampling law in the gossip baselines). */
    static double[] uniformOver(int agents, int[] members) {
        double[] p = new double[agents];
        for (int j : members) {
            p[j] = 1.0 / members.length;
        }
        return p;
    }

    /** α_m = n_m / Σ_l n_l (DAC line 7): the data-size weights of an aggregation, summing to 1. */
    static double[] sizeWeights(int[] sizes) {
        double total = 0;
        for (int v : sizes) {
            if (v <= 0) {
                throw new IllegalArgumentException("data sizes must be positive, got " + Arrays.toString(sizes));
            }
            total += v;
        }
        double[] a = new double[sizes.length];
        for (int m = 0; m < sizes.length; m++) {
            a[m] = sizes[m] / total;
        }
        return a;
    }

    /** p as extra metrics {@code p.007 → p_7}, names zero-padded so they sort by agent id. */
    static Map<String, Double> asMetrics(double[] p) {
        int width = Integer.toString(Math.max(0, p.length - 1)).length();
        Map<String, Double> m = new TreeMap<>();
        for (int j = 0; j < p.length; j++) {
            m.put("p." + "0".repeat(width - Integer.toString(j).length()) + j, p[j]);
        }
        return m;
    }
}
