package peerlearn.algo;

import java.util.Arrays;

/**
 * CGA's small quadratic programme (Esfandiari et al., ICML 2021; theory/ngc.md#cga), in double:
 * <pre>
 *   minimise ½ vᵀ P v + qᵀ v   subject to v ≥ b (elementwise),   P = M Mᵀ + ε I,  q = M g
 * </pre>
 * of size n (the degree). With u = v − b it is a non-negative QP, min ½ uᵀPu + (q + Pb)ᵀu, u ≥ 0,
 * solved exactly by the Lawson–Hanson active-set method (Lawson and Hanson, "Solving Least
 * Squares Problems", 1974, ch. 23, here for a positive definite P): free variables solve their
 * equality-constrained sub-problem by Cholesky, and a step that would leave the feasible set stops
 * at its boundary and fixes that variable. It ends at the KKT point
 * <pre>
 *   λ = P v + q ≥ 0,   v ≥ b,   λ_j (v_j − b_j) = 0
 * </pre>
 * which, since P v + q = M (g + Mᵀ v) + ε v, says M g̃ + ε v ≥ 0 with equality where v_j &gt; b.
 */
final class CgaQp {
    private CgaQp() {}

    /** The minimiser v of ½ vᵀPv + qᵀv over v ≥ lower; P symmetric positive definite (n×n). */
    static double[] solve(double[][] p, double[] q, double lower) {
        int n = q.length;
        if (p.length != n) {
            throw new IllegalArgumentException("QP matrix has " + p.length + " rows for " + n + " variables");
        }
        double[] r = new double[n];          // linear term in u: q + P·lower·1
        double scale = 0;
        for (int i = 0; i < n; i++) {
            r[i] = q[i];
            for (int j = 0; j < n; j++) {
                r[i] += p[i][j] * lower;
            }
            scale = Math.max(scale, Math.abs(r[i]));
        }
        double tol = 1e-13 * Math.max(scale, Double.MIN_NORMAL);
        double[] u = new double[n];
        boolean[] free = new boolean[n];
        for (int outer = 0; outer < 4 * n + 4; outer++) {
            // λ = P u + r; optimal when every fixed variable has λ_j ≥ 0 (free ones have λ_j = 0)
            int enter = -1;
            double most = -tol;
            for (int j = 0; j < n; j++) {
                double lambda = r[j];
                for (int l = 0; l < n; l++) {
                    lambda += p[j][l] * u[l];
                }
                if (!free[j] && lambda < most) {
                    most = lambda;
                    enter = j;
                }
            }
            if (enter < 0) {
                break;
            }
            free[enter] = true;
            while (true) {
                double[] z = freeSolution(p, r, free);
                double t = 1;
                int leave = -1;
                for (int j = 0; j < n; j++) {
                    if (free[j] && z[j] <= 0 && u[j] - z[j] > 0 && u[j] / (u[j] - z[j]) < t) {
                        t = u[j] / (u[j] - z[j]);
                        leave = j;
                    }
                }
                if (leave < 0 && Arrays.stream(z).allMatch(v -> v >= 0)) {
                    u = z;
                    break;
                }
                for (int j = 0; j < n; j++) {
                    u[j] += t * (z[j] - u[j]);
                }
                boolean removed = false;
                for (int j = 0; j < n; j++) {
                    if (free[j] && (u[j] <= 0 || j == leave)) {
                        free[j] = false;
                        u[j] = 0;
                        removed = true;
                    }
                }
                if (!removed || !free[enter]) {
                    break;                   // the entering variable left at once: optimal to rounding
                }
            }
        }
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = u[j] + lower;
        }
        return v;
    }

    /** z with z_F = −P_FF⁻¹ r_F on the free set F (Cholesky) and z_j = 0 elsewhere. */
    private static double[] freeSolution(double[][] p, double[] r, boolean[] free) {
        int n = r.length;
        int[] f = new int[n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (free[j]) {
                f[m++] = j;
            }
        }
        double[][] l = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                double s = p[f[a]][f[b]];
                for (int c = 0; c < b; c++) {
                    s -= l[a][c] * l[b][c];
                }
                if (a == b) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("CGA QP matrix is not positive definite (pivot " + s + ")");
                    }
                    l[a][a] = Math.sqrt(s);
                } else {
                    l[a][b] = s / l[b][b];
                }
            }
        }
        double[] y = new double[m];
        for (int a = 0; a < m; a++) {
            double s = -r[f[a]];
            for (int c = 0; c < a; c++) {
                s -= l[a][c] * y[c];
            }
            y[a] = s / l[a][a];
        }
        double[] z = new double[n];
        for (int a = m - 1; a >= 0; a--) {
            double s = y[a];
            for (int c = a + 1; c < m; c++) {
                s -= l[c][a] * z[f[c]];
            }
            z[f[a]] = s / l[a][a];
        }
        return z;
    }
}
