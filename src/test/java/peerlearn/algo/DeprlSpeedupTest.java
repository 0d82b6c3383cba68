package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.testkit.Tolerances;

/**
 * DePRL's linear speedup (theory/deprl.md#linear-speedup) on the shared-representation task: with
 * the theorem's body step β = c·√(N/K) and a fixed head step α, the stationarity measure
 * (1/K) Σ_k ‖∇_φ f̄(θ^{k+1}, φ̄^k)‖² at fixed K falls as 1/√N: log-log slope −½ over N = 2…32.
 * At these sizes the measure is dominated by the heads' part and is only weakly sensitive to β
 * (theory/deprl.md says what this test does and does not single out).
 */
class DeprlSpeedupTest {
    private static final int D = 10;
    private static final int R = 2;
    private static final int K = 500;
    private static final double C = 0.25;
    private static final double ALPHA = 0.05;
    private static final int SEEDS = 8;

    @Test
    void stationarityFallsAsOneOverRootNAtFixedK() {
        int[] ns = {2, 4, 8, 16, 32};
        double[] logN = new double[ns.length];
        double[] logG = new double[ns.length];
        StringBuilder table = new StringBuilder();
        for (int t = 0; t < ns.length; t++) {
            double g = 0;
            for (long seed = 1; seed <= SEEDS; seed++) {
                g += stationarity(ns[t], seed) / SEEDS;
            }
            logN[t] = Math.log(ns[t]);
            logG[t] = Math.log(g);
            table.append(String.format(" N=%d: %.4g", ns[t], g));
        }
        double slope = slope(logN, logG);
        System.out.println("DePRL stationarity at K = " + K + ", mean of " + SEEDS + " seeds:" + table + "; slope " + slope);
        assertTrue(Math.abs(slope + 0.5) <= Tolerances.SPEEDUP_SLOPE, "log-log slope " + slope + ", expected −½ ± "
                + Tolerances.SPEEDUP_SLOPE + ";" + table);
    }

    /**
     * One run of N agents on the exponential graph (log₂N neighbours): (1/K) Σ_k ‖∇_φ f̄(θ^{k+1}, φ̄^k)‖²
     * with f̄ = (1/N) Σ_i f_i the population objective, ∇_φ f̄ = (1/N) Σ_i θ_i (φ̄ᵀθ_i − w_i*)ᵀ.
     */
    static double stationarity(int n, long seed) {
        SharedRepresentation[] f = SharedRepresentation.agents(seed, n, D, R, 1.0, 1, 0.3);
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.exponential(n)));
        double beta = C * Math.sqrt(n / (double) K);
        Training tr = Training.sgd(beta).withParams(new Params(Map.of("alpha", Double.toString(ALPHA / beta))));
        int p = R * D;
        float[] phiBar = java.util.Arrays.copyOf(f[0].initialParameters(), p);
        double[] sum = {0};
        DeprlHarness.run("deprl", f, t, tr, K, (k, x) -> {
            double[] g = new double[p];
            for (int i = 0; i < n; i++) {
                double[] e = f[i].residual(phiBar, 0, x[i], p);
                for (int q = 0; q < R; q++) {
                    for (int j = 0; j < D; j++) {
                        g[q * D + j] += x[i][p + q] * e[j] / n;
                    }
                }
            }
            for (double v : g) {
                sum[0] += v * v;
            }
            for (int c = 0; c < p; c++) { // φ̄^{k+1}, in double, agent-id order
                double m = 0;
                for (float[] xi : x) {
                    m += xi[c];
                }
                phiBar[c] = (float) (m / n);
            }
        });
        return sum[0] / K;
    }

    /** Least-squares slope of y on x. */
    static double slope(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
