package peerlearn.graph;

import java.util.Arrays;

/**
 * The eigenvalues of a symmetric mixing matrix and what consensus cares about:
 * ρ = ‖W − 11ᵀ/N‖₂ = max(|λ₂|, |λ_N|) and the spectral gap 1 − ρ. For a symmetric doubly
 * stochastic W on a connected graph, λ₁ = 1 &gt; λ₂ and ρ &lt; 1; gossip x ← Wx then shrinks the
 * disagreement ‖X − 1x̄ᵀ‖ by at least ρ per round (theory/foundations.md#consensus).
 *
 * @param eigenvalues all N eigenvalues, sorted descending (λ₁ ≥ λ₂ ≥ … ≥ λ_N)
 */
public record Spectrum(double[] eigenvalues) {
    public Spectrum {
        eigenvalues = eigenvalues.clone();
    }

    /** Eigenvalues of W (dense Jacobi; O(N³) per sweep, meant for N up to a few thousand). */
    public static Spectrum of(MixingMatrix w) {
        w.requireSymmetric(1e-12);
        return new Spectrum(symmetricEigenvalues(w.dense()));
    }

    /**
     * How much a sequence of rounds shrinks disagreement at worst: ‖W^(T−1)⋯W^(0) − 11ᵀ/N‖₂ for
     * doubly stochastic W's (the largest singular value, from the eigenvalues of MᵀM with
     * M = P − 11ᵀ/N). For one fixed symmetric W and T = 1 this is ρ. A time-varying topology
     * contracts at rate (this value)^(1/T) per round on average over the period.
     */
    public static double productContraction(java.util.List<MixingMatrix> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to multiply");
        }
        int n = rounds.get(0).size();
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            p[i][i] = 1;
        }
        for (MixingMatrix w : rounds) {
            if (w.size() != n) {
                throw new IllegalArgumentException("rounds have " + n + " and " + w.size() + " agents");
            }
            double[][] d = w.dense(), next = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    if (d[i][k] != 0) {
                        for (int j = 0; j < n; j++) {
                            next[i][j] += d[i][k] * p[k][j];
                        }
                    }
                }
            }
            p = next;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i][j] -= 1.0 / n;
            }
        }
        double[][] mtm = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += p[k][i] * p[k][j];
                }
                mtm[i][j] = mtm[j][i] = s;
            }
        }
        double top = symmetricEigenvalues(mtm)[0];
        return Math.sqrt(Math.max(0, top));
    }

    /** ρ = max(|λ₂|, |λ_N|); 0 for a single agent. */
    public double rho() {
        int n = eigenvalues.length;
        if (n < 2) {
            return 0;
        }
        return Math.max(Math.abs(eigenvalues[1]), Math.abs(eigenvalues[n - 1]));
    }

    /** 1 − ρ. */
    public double gap() {
        return 1 - rho();
    }

    /** λ₂, the second largest eigenvalue (0 for a single agent). */
    public double lambda2() {
        return eigenvalues.length < 2 ? 0 : eigenvalues[1];
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /**
     * Eigenvalues of a symmetric matrix by the cyclic Jacobi method (Golub and Van Loan,
     * "Matrix Computations", §8.5): sweep over all off-diagonal pairs, zeroing each with a plane
     * rotation, until the off-diagonal mass is negligible. Returned sorted descending. The input is
     * not modified.
     */
    public static double[] symmetricEigenvalues(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + matrix[i].length
                        + " entries, expected " + n);
            }
            a[i] = matrix[i].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-12 * (1 + Math.abs(a[i][j]))) {
                    throw new IllegalArgumentException("matrix is not symmetric: a[" + i + "][" + j + "] = " + a[i][j]
                            + " but a[" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
        final int maxSweeps = 100;
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300) || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    // θ = (a_qq − a_pp) / (2 a_pq); t = sign(θ) / (|θ| + √(θ² + 1)) is tan of the rotation.
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    a[p][q] = 0;
                    a[q][p] = 0;
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = a[i][i];
        }
        Arrays.sort(ev);
        for (int i = 0; i < n / 2; i++) {
            double t = ev[i];
            ev[i] = ev[n - 1 - i];
            ev[n - 1 - i] = t;
        }
        return ev;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrum s && Arrays.equals(eigenvalues, s.eigenvalues);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(eigenvalues);
    }

    @Override
    public String toString() {
        return "Spectrum[ρ = " + rho() + ", gap = " + gap() + "]";
    }
}
