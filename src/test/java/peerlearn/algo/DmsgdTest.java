package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graph;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Spectrum;
import peerlearn.graph.Topology;
import peerlearn.net.Frame;
import peerlearn.objective.Objective;
import peerlearn.objective.Quadratic;
import peerlearn.optim.Sgd;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/** DMSGD on quadratics and a non-convex synthetic task, against theory/dmsgd.md. */
class DmsgdTest {
    private static Training training(double alpha, double beta, double omega) {
        return Training.sgd(alpha).withParams(new Params(Map.of("beta", Double.toString(beta), "omega",
                Double.toString(omega))));
    }

    private static Topology metropolis(Graph g) {
        return Topology.fixed(MixingMatrix.metropolisHastings(g));
    }

    /** f_i(x) = ½ Σ_c a_ic (x_c − b_ic)² with noise σ, agent i starting at x0[i]. */
    private static Objective[] quadratics(float[][] a, float[][] b, double sigma, float[][] x0, long seed) {
        Objective[] f = new Objective[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = Quadratic.diagonal(a[i], b[i], sigma, Rng.stream(seed, i, "batches"), x0[i]);
        }
        return f;
    }

    /** n × d entries uniform in [lo, hi). */
    private static float[][] uniform(int n, int d, double lo, double hi, long seed) {
        Rng rng = new Rng(seed);
        float[][] v = new float[n][d];
        for (float[] row : v) {
            for (int c = 0; c < d; c++) {
                row[c] = (float) (lo + (hi - lo) * rng.nextDouble());
            }
        }
        return v;
    }

    private static float[][] same(int n, float[] row) {
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            v[i] = row.clone();
        }
        return v;
    }

    @Test
    void onIdenticalHessiansTheMeanIsCentralizedHeavyBallOnTheMeanObjective() {
        // ∇f_j(x) = A(x − b_j) ⇒ (1/N) Σ_j ∇f_j(x_j) = A(x̄ − b̄) = ∇f̄(x̄): x̄ runs heavy ball on f̄
        int n = 8, d = 3, rounds = 60;
        double alpha = 0.1, beta = 0.8;
        float[] aRow = {0.5f, 1f, 1.5f};
        float[][] b = uniform(n, d, -2, 2, 5), x0 = uniform(n, d, -4, 4, 6);
        double[] bBar = new double[d];
        for (float[] bi : b) {
            for (int c = 0; c < d; c++) {
                bBar[c] += bi[c] / (double) n;
            }
        }
        for (double omega : new double[] {0, 0.5, 1}) {
            Trajectory t = Trajectory.record("dmsgd", quadratics(same(n, aRow), b, 0, x0, 7), metropolis(Graphs.ring(n)),
                    training(alpha, beta, omega), rounds, 1);
            double[] y = t.mean(0), yPrev = y.clone();
            double tol = Tolerances.GOSSIP_MEAN * t.maxAbs();
            for (int k = 1; k <= rounds; k++) {
                double[] yNext = new double[d];
                for (int c = 0; c < d; c++) {
                    yNext[c] = y[c] + beta * (y[c] - yPrev[c]) - alpha * aRow[c] * (y[c] - bBar[c]);
                }
                yPrev = y;
                y = yNext;
                assertArrayEquals(y, t.mean(k), tol, "ω = " + omega + ", round " + k);
            }
        }
    }

    @Test
    void oneVectorPerNeighbourCarriesBothParametersAndMomentum() {
        // the d-float message z_l = x_l + ωβ m_l gives exactly the update that mixes x and m
        // separately: a dense reference in double, X' = WX + β(ωWM + (1 − ω)M) − αG, M' = X' − X
        int n = 5, d = 7, rounds = 20;
        double alpha = 0.1, beta = 0.8, omega = 0.6;
        Graph g = peerlearn.testkit.Graphs.randomTree(n, 3, 2);
        Topology topo = metropolis(g);
        float[][] a = uniform(n, d, 0.2, 1.5, 8), b = uniform(n, d, -3, 3, 9), x0 = uniform(n, d, -3, 3, 10);
        Trajectory t = Trajectory.record("dmsgd", quadratics(a, b, 0, x0, 11), topo, training(alpha, beta, omega), rounds, 1);
        double[][] w = topo.at(0).dense(), x = new double[n][d], m = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                x[i][c] = x0[i][c];
            }
        }
        for (int k = 1; k <= rounds; k++) {
            double[][] next = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < d; c++) {
                    double wx = 0, wm = 0;
                    for (int j = 0; j < n; j++) {
                        wx += w[i][j] * x[j][c];
                        wm += w[i][j] * m[j][c];
                    }
                    next[i][c] = wx + beta * (omega * wm + (1 - omega) * m[i][c]) - alpha * a[i][c] * (x[i][c] - b[i][c]);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < d; c++) {
                    m[i][c] = next[i][c] - x[i][c];
                }
                x[i] = next[i];
                assertArrayEquals(x[i], toDouble(t.x()[k][i]), Tolerances.GOSSIP_MEAN * t.maxAbs(), "round " + k + " agent " + i);
            }
        }
        // measured on the wire: per round, one frame of 5 + 4d payload bytes per neighbour — the
        // d-float message, the same bytes as D-PSGD (sending the pair would take 4d more per frame)
        Trajectory dpsgd = Trajectory.record("dpsgd", quadratics(a, b, 0, x0, 11), topo, Training.sgd(alpha), rounds, 1);
        for (int i = 0; i < n; i++) {
            long expected = (long) rounds * g.degree(i) * (Frame.HEADER_BYTES + 5 + 4 * d);
            assertEquals(expected, t.bytesSent()[i], "agent " + i);
            assertEquals(dpsgd.bytesSent()[i], t.bytesSent()[i], "agent " + i);
        }
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int c = 0; c < v.length; c++) {
            out[c] = v[c];
        }
        return out;
    }

    @Test
    void aSingleAgentRunsHeavyBallSgd() {
        // Π = [1]: x' = x + β(x − x_prev) − αg, which is b ← βb + g, x ← x − αb at a constant α
        Graph one = new Graph("one", new int[1][0]);
        float[][] a = {{0.5f, 1f, 1.5f}}, b = {{1, -1, 2}}, x0 = {{3, -1, 0.5f}};
        for (double omega : new double[] {0, 1}) {
            Trajectory t = Trajectory.record("dmsgd", quadratics(a, b, 0.3, x0, 12), metropolis(one),
                    training(0.1, 0.8, omega), 30, 1);
            Objective f = quadratics(a, b, 0.3, x0, 12)[0];
            Sgd ref = new Sgd(3, 0.8f, false, 0f);
            float[] y = x0[0].clone(), g = new float[3];
            for (int k = 1; k <= 30; k++) {
                f.lossAndGradient(y, f.nextBatch(), g);
                ref.step(y, g, 0.1f);
                assertArrayEquals(y, t.x()[k][0], Tolerances.FLOAT_ROUNDING, "ω = " + omega + ", round " + k);
            }
        }
    }

    @Test
    void onARingOfFiveMomentumConsensusContractsDisagreementFasterThanLocalMomentum() {
        // zero gradients, β = 0.9: radii of the mode equations over λ ≠ 1 of W (ring, weights ⅓):
        // ω = 0 (local heavy ball) ≈ 0.949, ω = 1 (momentum consensus) ≈ 0.697
        int n = 5, d = 4;
        double beta = 0.9;
        Topology topo = metropolis(Graphs.ring(n));
        double[] lambdas = Spectrum.of(topo.at(0)).eigenvalues();
        double[] golden = {0.949, 0.697};
        double[] omegas = {0, 1};
        for (int s = 0; s < 2; s++) {
            double predicted = 0;
            for (int i = 1; i < n; i++) {
                predicted = Math.max(predicted, MomentumModes.radius(lambdas[i], beta, omegas[s]));
            }
            assertEquals(golden[s], predicted, 5e-4, "ω = " + omegas[s]);
            Trajectory t = Trajectory.record("dmsgd", quadratics(new float[n][d], new float[n][d], 0,
                    uniform(n, d, -1, 1, 13), 14), topo, training(0.1, beta, omegas[s]), 250, 1);
            double[] dis = new double[t.rounds() + 1];
            for (int k = 0; k <= t.rounds(); k++) {
                dis[k] = t.disagreement(k);
            }
            double measured = MomentumModes.envelopeRate(dis, Tolerances.FLOAT_SIGNAL_FLOOR);
            assertEquals(predicted, measured, Tolerances.CONTRACTION_RATE, "ω = " + omegas[s] + ": measured contraction per step");
        }
    }

    @Test
    void momentumConsensusDivergesOnANegativeEigenvalueUnlessWIsLazy() {
        // ω = 1 has a root r = −1 at λ* = −1/(1 + 2β): on the 2 × 4 torus Metropolis–Hastings W has
        // λ = −0.5 < −0.357 (β = 0.9), so disagreement grows with zero gradients; the lazy (I + W)/2
        // has no negative eigenvalue and contracts
        int n = 8, d = 3;
        MixingMatrix plain = MixingMatrix.metropolisHastings(Graphs.torus(2, 4));
        for (MixingMatrix w : new MixingMatrix[] {plain, plain.lazy()}) {
            double predicted = 0;
            double[] lambdas = Spectrum.of(w).eigenvalues();
            for (int i = 1; i < n; i++) {
                predicted = Math.max(predicted, MomentumModes.radius(lambdas[i], 0.9, 1));
            }
            Trajectory t = Trajectory.record("dmsgd", quadratics(new float[n][d], new float[n][d], 0,
                    uniform(n, d, -1, 1, 15), 16), Topology.fixed(w), training(0.1, 0.9, 1), 80, 1);
            double[] dis = new double[t.rounds() + 1];
            for (int k = 0; k <= t.rounds(); k++) {
                dis[k] = t.disagreement(k);
            }
            assertEquals(w == plain ? 1.297 : 0.822, predicted, 5e-4, w.name());
            assertEquals(predicted, MomentumModes.envelopeRate(dis, Tolerances.FLOAT_SIGNAL_FLOOR),
                    Tolerances.CONTRACTION_RATE, w.name() + ": measured growth or contraction per round");
        }
    }

    @Test
    void stronglyConvexQuadraticsConvergeLinearlyToABallThatShrinksWithTheStep() {
        // common Hessian A = diag(a), common minimiser x* = b, gradient noise σ: the error modes
        // (λ ∈ spec W, a ∈ diag A) are AR(2) processes, so E (1/N) Σ_j ‖x_j − x*‖² falls at ρ*² per
        // round (ρ* their largest radius) to the ball B(α) = (1/N) Σ_{λ,a} γ₀(λ, a; α²σ²) = O(α)
        int n = 6, d = 3, rounds = 2500, burnIn = 500, seeds = 4;
        double beta = 0.5, omega = 1, sigma = 1;
        float[] aRow = {0.5f, 1f, 2f}, bRow = {1, -2, 0.5f};
        Topology topo = metropolis(peerlearn.testkit.Graphs.randomTree(n, 5, 2));
        double[] lambdas = Spectrum.of(topo.at(0)).eigenvalues();
        double[] balls = new double[2];
        double[] alphas = {0.1, 0.025};
        for (int s = 0; s < 2; s++) {
            double alpha = alphas[s], rho = 0, ball = 0;
            for (double lambda : lambdas) {
                for (float a : aRow) {
                    rho = Math.max(rho, MomentumModes.radius(lambda, a, alpha, beta, omega));
                    ball += MomentumModes.stationaryVariance(lambda, a, alpha, beta, omega, alpha * alpha * sigma * sigma) / n;
                }
            }
            double[] err = new double[rounds + 1];
            for (int seed = 0; seed < seeds; seed++) {
                float[][] x0 = uniform(n, d, 200, 400, 100 + seed);
                Trajectory t = Trajectory.record("dmsgd", quadratics(same(n, aRow), same(n, bRow), sigma, x0, 200 + seed),
                        topo, training(alpha, beta, omega), rounds, seed);
                for (int k = 0; k <= rounds; k++) {
                    for (float[] xi : t.x()[k]) {
                        for (int c = 0; c < d; c++) {
                            err[k] += (xi[c] - bRow[c]) * (xi[c] - bRow[c]) / ((double) n * seeds);
                        }
                    }
                }
            }
            // linear phase: while the error is far above the ball, it contracts by ρ*² per round
            int far = 0;
            while (err[far] > 100 * ball) {
                far++;
            }
            double rate = Math.sqrt(MomentumModes.envelopeRate(java.util.Arrays.copyOf(err, far), 0));
            assertEquals(rho, rate, Tolerances.CONTRACTION_RATE, "α = " + alpha + ": contraction of ‖x − x*‖ per round");
            // the ball: the error averaged after the burn-in
            double tail = 0;
            for (int k = burnIn; k <= rounds; k++) {
                tail += err[k] / (rounds - burnIn + 1);
            }
            assertEquals(ball, tail, Tolerances.STATIONARY_MEAN_SQUARE * ball, "α = " + alpha + ": ball E‖x − x*‖²");
            balls[s] = tail;
        }
        assertTrue(balls[1] < balls[0] / 3, "a 4× smaller step must shrink the ball about 4×: " + balls[0] + " → " + balls[1]);
    }

    @Test
    void nonConvexAverageSquaredGradientFallsLikeOneOverRootN() {
        // α = α₀ √(N/K): both the start-up term (f(x⁰) − f*)/(αK) and the noise term αLσ²/N of the
        // O(1/√(NK)) bound scale as N^{−1/2} at a fixed K, so log G(N) against log N has slope −½,
        // G(N) = (1/K) Σ_{k<K} ‖∇f(x̄^k)‖² averaged over seeds (the agents' own models carry an
        // extra consensus term O(α²) = O(N/K), visible at N = 16, K = 300: theory/dmsgd.md)
        int d = 5, rounds = 300, seeds = 4;
        double beta = 0.5, sigma = 2, alpha0 = 0.5;
        int[] ns = {2, 4, 8, 16};
        double[] logN = new double[ns.length], logG = new double[ns.length];
        for (int s = 0; s < ns.length; s++) {
            int n = ns[s];
            double alpha = alpha0 * Math.sqrt((double) n / rounds), total = 0;
            for (int seed = 0; seed < seeds; seed++) {
                Objective[] f = new Objective[n];
                for (int i = 0; i < n; i++) {
                    float[] x0 = new float[d];
                    java.util.Arrays.fill(x0, 0.5f);
                    f[i] = new CosineBowl(d, sigma, Rng.stream(300 + seed, i, "noise"), x0);
                }
                Trajectory t = Trajectory.record("dmsgd", f, metropolis(Graphs.exponential(n)), training(alpha, beta, 1),
                        rounds, seed);
                for (int k = 0; k < rounds; k++) {
                    total += CosineBowl.gradientNormSquared(t.mean(k)) / ((double) rounds * seeds);
                }
            }
            logN[s] = Math.log(n);
            logG[s] = Math.log(total);
        }
        double slope = slope(logN, logG);
        assertEquals(-0.5, slope, Tolerances.RATE_EXPONENT, "log-log slope of the average squared gradient norm against N: "
                + java.util.Arrays.toString(logG));
    }

    /** Least-squares slope of y against x. */
    private static double slope(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    @Test
    void withEveryMessageLostEachAgentRunsLocalHeavyBallAndSameSeedGivesSameBits() {
        // a lost z_l loses x_l and m_l together; with all lost the renormalised row is the agent
        // alone, z_j + (1 − ω)β m_j − αg = x_j + β m_j − αg: local heavy ball, for any ω
        int n = 4, rounds = 25;
        float[][] a = uniform(n, 3, 0.3, 1.5, 17), b = uniform(n, 3, -2, 2, 18), x0 = uniform(n, 3, -2, 2, 19);
        Training tr = training(0.1, 0.8, 0.7);
        float[][] lost = peerlearn.experiment.Runner.train(Algorithms.get("dmsgd"), quadratics(a, b, 0.3, x0, 20),
                metropolis(Graphs.ring(n)), tr, rounds, 1, peerlearn.net.Faults.drops(3, 1.0));
        Objective[] f = quadratics(a, b, 0.3, x0, 20);
        for (int i = 0; i < n; i++) {
            Sgd ref = new Sgd(3, 0.8f, false, 0f);
            float[] y = x0[i].clone(), g = new float[3];
            for (int k = 0; k < rounds; k++) {
                f[i].lossAndGradient(y, f[i].nextBatch(), g);
                ref.step(y, g, 0.1f);
            }
            assertArrayEquals(y, lost[i], Tolerances.FLOAT_ROUNDING, "agent " + i);
        }
        // with a fifth of the messages dropped, two runs of the same seed agree to the bit
        float[][] first = peerlearn.experiment.Runner.train(Algorithms.get("dmsgd"), quadratics(a, b, 0.3, x0, 20),
                metropolis(Graphs.ring(n)), tr, rounds, 1, peerlearn.net.Faults.drops(3, 0.2));
        float[][] second = peerlearn.experiment.Runner.train(Algorithms.get("dmsgd"), quadratics(a, b, 0.3, x0, 20),
                metropolis(Graphs.ring(n)), tr, rounds, 1, peerlearn.net.Faults.drops(3, 0.2));
        for (int i = 0; i < n; i++) {
            assertArrayEquals(first[i], second[i], Tolerances.EXACT, "agent " + i);
        }
    }

    @Test
    void outOfRangeOmegaIsRejectedWithItsValue() {
        float[][] z = new float[2][1];
        var e = assertThrows(IllegalArgumentException.class, () -> Trajectory.record("dmsgd",
                quadratics(z, z, 0, z, 1), metropolis(Graphs.ring(2)), training(0.1, 0.9, 1.5), 1, 1));
        assertTrue(e.getMessage().contains("algo.omega = 1.5"), e.getMessage());
    }
}
