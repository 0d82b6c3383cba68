package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Spectrum;
import peerlearn.graph.Topology;
import peerlearn.objective.Objective;
import peerlearn.objective.Quadratic;
import peerlearn.rng.Rng;
import peerlearn.testkit.Graphs;
import peerlearn.testkit.Tolerances;

/**
 * DMSGD's invariants over random connected graphs (theory/dmsgd.md): the network mean takes
 * exact heavy-ball steps, and with zero gradients every eigenvalue λ of W gives a mode that
 * contracts at the spectral radius of r² − (λ + βc) r + βc = 0, c = 1 − ω + ωλ.
 */
class DmsgdProperties {
    private static final double[] OMEGAS = {0, 1, 0.5, 0.25};

    private static Training training(double alpha, double beta, double omega) {
        return Training.sgd(alpha).withParams(new Params(Map.of("beta", Double.toString(beta), "omega",
                Double.toString(omega))));
    }

    @Test
    void networkMeanTakesExactHeavyBallSteps() {
        // Σ_j π_jl = 1 ⇒ x̄^{k+1} = x̄^k + β(x̄^k − x̄^{k−1}) − α (1/N) Σ_j ∇f_j(x_j^k), for every ω
        qt().withExamples(25).forAll(Graphs.connected(12), doubles().between(0, 0.95), doubles().between(0, 1), longs().all())
                .checkAssert((g, beta, omega, seed) -> {
                    int n = g.size(), d = 3, rounds = 15;
                    double alpha = 0.05;
                    Rng rng = new Rng(seed);
                    float[][] a = new float[n][d], b = new float[n][d];
                    Objective[] f = new Objective[n];
                    for (int i = 0; i < n; i++) {
                        float[] x0 = new float[d];
                        for (int c = 0; c < d; c++) {
                            a[i][c] = (float) (0.2 + 2 * rng.nextDouble());
                            b[i][c] = (float) (6 * rng.nextDouble() - 3);
                            x0[c] = (float) (10 * rng.nextDouble() - 5);
                        }
                        f[i] = Quadratic.diagonal(a[i], b[i], 0, Rng.stream(seed, i, "batches"), x0);
                    }
                    Trajectory t = Trajectory.record("dmsgd", f, Topology.fixed(MixingMatrix.metropolisHastings(g)),
                            training(alpha, beta, omega), rounds, seed);
                    double tol = Tolerances.GOSSIP_MEAN * t.maxAbs();
                    for (int k = 0; k < rounds; k++) {
                        double[] now = t.mean(k), before = t.mean(Math.max(0, k - 1)), next = t.mean(k + 1);
                        for (int c = 0; c < d; c++) {
                            double gBar = 0;
                            for (int j = 0; j < n; j++) {
                                gBar += a[j][c] * ((double) t.x()[k][j][c] - b[j][c]) / n;
                            }
                            double expected = now[c] + beta * (now[c] - before[c]) - alpha * gBar;
                            assertEquals(expected, next[c], tol,
                                    g + ", β = " + beta + ", ω = " + omega + ", round " + k + ", coordinate " + c);
                        }
                    }
                });
    }

    @Test
    void everyDisagreementModeContractsAtTheRadiusOfItsModeEquation() {
        // coordinate c starts at an eigenvector v_c of W (λ_c ≠ 1), m⁰ = 0, zero gradients; its
        // projection y_k = ⟨v_c, x^k_{·c}⟩ obeys y_{k+1} = (λ_c + βc) y_k − βc y_{k−1}
        qt().withExamples(25).forAll(Graphs.connected(10), doubles().between(0.5, 0.95), integers().between(0, 3), longs().all())
                .assuming((g, beta, w, seed) -> g.size() >= 2)
                .checkAssert((g, beta, w, seed) -> {
                    double omega = OMEGAS[w];
                    int n = g.size(), d = n - 1, rounds = 120;
                    MixingMatrix mix = MixingMatrix.metropolisHastings(g);
                    double[] lambda = Spectrum.of(mix).eigenvalues();
                    double[][] v = new double[d][];
                    float[][] x0 = new float[n][d];
                    for (int c = 0; c < d; c++) {
                        v[c] = eigenvector(mix.dense(), lambda[c + 1], seed + c);
                        for (int j = 0; j < n; j++) {
                            x0[j][c] = (float) v[c][j];
                        }
                    }
                    Objective[] f = new Objective[n];
                    for (int j = 0; j < n; j++) {
                        f[j] = Quadratic.diagonal(new float[d], new float[d], 0, Rng.stream(seed, j, "batches"), x0[j]);
                    }
                    Trajectory t = Trajectory.record("dmsgd", f, Topology.fixed(mix), training(0.1, beta, omega), rounds, seed);
                    for (int c = 0; c < d; c++) {
                        double[] y = new double[rounds + 1];
                        for (int k = 0; k <= rounds; k++) {
                            for (int j = 0; j < n; j++) {
                                y[k] += v[c][j] * t.x()[k][j][c];
                            }
                        }
                        double predicted = MomentumModes.radius(lambda[c + 1], beta, omega);
                        double measured = MomentumModes.identifiedRadius(y, Tolerances.FLOAT_SIGNAL_FLOOR);
                        String what = g + ", β = " + beta + ", ω = " + omega + ", λ = " + lambda[c + 1];
                        if (Double.isNaN(measured)) {
                            // gone within 5 rounds: only a fast mode can do that
                            assertTrue(predicted < FAST_MODE, what + ": mode vanished within "
                                    + MomentumModes.life(y, Tolerances.FLOAT_SIGNAL_FLOOR) + " rounds, predicted radius " + predicted);
                        } else {
                            assertEquals(predicted, measured, Tolerances.CONTRACTION_RATE, what + ": contraction per round");
                        }
                    }
                });
    }

    /** A mode of radius ρ keeps more than 1e-5 of its start for 5 rounds when ρ ≥ 0.2 (0.2⁵ ≈ 3e-4). */
    private static final double FAST_MODE = 0.2;

    /**
     * A unit eigenvector of the symmetric W for eigenvalue λ ≠ 1, by inverse iteration with a shift
     * just off λ, made orthogonal to 1 (which it is in exact arithmetic).
     */
    static double[] eigenvector(double[][] w, double lambda, long seed) {
        int n = w.length;
        Rng rng = new Rng(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        double[][] shifted = new double[n][];
        for (int i = 0; i < n; i++) {
            shifted[i] = w[i].clone();
            shifted[i][i] -= lambda + 1e-9;
        }
        for (int it = 0; it < 3; it++) {
            v = solve(shifted, v);
            double mean = 0;
            for (double e : v) {
                mean += e / n;
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                v[i] -= mean;
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
        }
        return v;
    }

    /** Solves A y = b by Gaussian elimination with partial pivoting (A is copied). */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int p = 0; p < n; p++) {
            int best = p;
            for (int i = p + 1; i < n; i++) {
                if (Math.abs(a[i][p]) > Math.abs(a[best][p])) {
                    best = i;
                }
            }
            double[] tr = a[p];
            a[p] = a[best];
            a[best] = tr;
            double tb = b[p];
            b[p] = b[best];
            b[best] = tb;
            for (int i = p + 1; i < n; i++) {
                double factor = a[i][p] / a[p][p];
                for (int j = p; j < n; j++) {
                    a[i][j] -= factor * a[p][j];
                }
                b[i] -= factor * b[p];
            }
        }
        double[] y = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * y[j];
            }
            y[i] = s / a[i][i];
        }
        return y;
    }
}
