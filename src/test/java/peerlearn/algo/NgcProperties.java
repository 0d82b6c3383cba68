package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.experiment.Runner;
import peerlearn.graph.Graph;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Spectrum;
import peerlearn.graph.Topology;
import peerlearn.net.Codec;
import peerlearn.net.InMemoryNetwork;
import peerlearn.objective.Objective;
import peerlearn.objective.Quadratic;
import peerlearn.optim.Schedule;
import peerlearn.rng.Rng;
import peerlearn.tensor.ParameterLayout;
import peerlearn.testkit.Graphs;
import peerlearn.testkit.Tolerances;

/** theory/ngc.md: the checkable claims about NGC, CompNGC and CGA, as properties. */
class NgcProperties {
    private static final int D = 3;

    private static float[] gaussian(Rng rng, int d, double scale) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) (rng.nextGaussian() * scale);
        }
        return v;
    }

    /** β = 0 (plain), heavy ball or Nesterov at η. */
    static Training training(double eta, float beta, boolean nesterov, Map<String, String> params) {
        return new Training(Schedule.constant(eta), 1, "sgd", beta, nesterov, 0f, new Params(params));
    }

    /**
     * Identical Hessians A, different optima b_i and starts x⁰_i, full batch, regular graph: for
     * every α, with or without momentum (and QGM), x̄ follows the centralized method on
     * f = (1/N) Σ f_i, whose gradient at x̄ is A(x̄ − b̄).
     */
    @Test
    void networkMeanFollowsCentralizedMethodExactlyForEveryAlpha() {
        qt().withExamples(40).forAll(Graphs.regular(8), integers().between(0, 8), integers().between(0, 3), longs().all())
                .checkAssert((g, alphaEighths, mode, seed) -> {
                    int n = g.size();
                    Rng rng = new Rng(seed);
                    float[] a = {0.5f, 1f, 1.5f};
                    Objective[] f = new Objective[n];
                    double[] xBar = new double[D], bBar = new double[D];
                    for (int i = 0; i < n; i++) {
                        float[] b = gaussian(rng, D, 2), x0 = gaussian(rng, D, 1);
                        f[i] = Quadratic.diagonal(a, b, 0, Rng.stream(seed, i, "batches"), x0);
                        for (int c = 0; c < D; c++) {
                            xBar[c] += x0[c] / (double) n;
                            bBar[c] += b[c] / (double) n;
                        }
                    }
                    double alpha = alphaEighths / 8.0, eta = 0.1, beta = mode == 0 ? 0 : 0.8;
                    boolean nesterov = mode == 2, qgm = mode == 3;
                    int rounds = 15;
                    Map<String, String> p = Map.of("alpha", Double.toString(alpha), "gamma", "0.5", "qgm", qgm ? "1" : "0");
                    float[][] x = Runner.train(Algorithms.get("ngc"), f, Topology.fixed(MixingMatrix.metropolisHastings(g)),
                            training(eta, (float) beta, nesterov, p), rounds, seed);
                    // the centralized method on x̄, in double
                    double[] m = new double[D], mHat = new double[D], prev = xBar.clone();
                    for (int k = 0; k < rounds; k++) {
                        for (int c = 0; c < D; c++) {
                            double gc = a[c] * (xBar[c] - bBar[c]);
                            double step;
                            if (qgm) {
                                mHat[c] = beta * mHat[c] + (1 - beta) * (prev[c] - xBar[c]) / eta;
                                step = beta * mHat[c] + gc;
                                prev[c] = xBar[c];
                            } else {
                                m[c] = beta * m[c] + gc;
                                step = nesterov ? gc + beta * m[c] : beta == 0 ? gc : m[c];
                            }
                            xBar[c] -= eta * step;
                        }
                    }
                    for (int c = 0; c < D; c++) {
                        double got = 0;
                        for (float[] xi : x) {
                            got += xi[c] / (double) n;
                        }
                        assertEquals(xBar[c], got, Tolerances.GOSSIP_MEAN, g.name() + ", α = " + alpha + ", mode " + mode
                                + ", coordinate " + c);
                    }
                });
    }

    /**
     * At consensus x_i = x with α = 1, g̃_i = π(∇f_i + Σ_j ∇f_j) = (W ∇F)_i for uniform W, so
     * (1/N) Σ_i ‖g̃_i − ∇f‖² ≤ ρ(W)² (1/N) Σ_i ‖∇f_i − ∇f‖². Read off g̃_i from one plain step with η = 1.
     */
    @Test
    void neighbourhoodGradientDeviationAtConsensusIsContractedByRho() {
        qt().withExamples(40).forAll(Graphs.regular(10), longs().all()).checkAssert((g, seed) -> {
            int n = g.size();
            Rng rng = new Rng(seed);
            float[] x = gaussian(rng, D, 1);
            float[][] grads = new float[n][D];
            Objective[] f = new Objective[n];
            for (int i = 0; i < n; i++) {
                float[] a = {0.5f + rng.nextInt(3), 1f, 0.25f + rng.nextInt(4)};
                float[] b = gaussian(rng, D, 3);
                Quadratic q = Quadratic.diagonal(a, b, 0, Rng.stream(seed, i, "batches"), x);
                q.exact(x, grads[i]);
                f[i] = q;
            }
            MixingMatrix w = MixingMatrix.uniform(g);
            float[][] x1 = Runner.train(Algorithms.get("ngc"), f, Topology.fixed(w), Training.sgd(1.0)
                    .withParams(new Params(Map.of("alpha", "1", "gamma", "0.3"))), 1, seed);
            double[] mean = new double[D];
            for (float[] gi : grads) {
                for (int c = 0; c < D; c++) {
                    mean[c] += gi[c] / (double) n;
                }
            }
            double before = 0, after = 0, scale = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < D; c++) {
                    double gt = (double) x[c] - x1[i][c];   // x¹ = x − 1·g̃_i
                    before += Math.pow(grads[i][c] - mean[c], 2) / n;
                    after += Math.pow(gt - mean[c], 2) / n;
                    scale = Math.max(scale, Math.abs(grads[i][c]) + Math.abs(x[c]));
                }
            }
            double rho = Spectrum.of(w).rho();
            assertTrue(after <= rho * rho * before + Tolerances.NGC_READ_OFF * scale * scale,
                    g.name() + ": deviation " + after + " > ρ² · " + before + " (ρ = " + rho + ")");
        });
    }

    /** CompNgc keeps one memory per receiver and one for g_ii: Σ_t C_t = Σ_t v_t − e_T for each, separately. */
    @Test
    void errorFeedbackTelescopesPerReceiverAndForTheSelfGradient() {
        qt().withExamples(60).forAll(integers().between(1, 40), integers().between(1, 4), longs().all())
                .checkAssert((d, segments, seed) -> {
                    Rng rng = new Rng(seed);
                    CompNgc comp = new CompNgc(context(layout(d, segments, rng), 3));
                    int[] who = {-1, 0, 2};          // self, peer 0, peer 2 (agent 1 on a ring of 3)
                    double[][] sent = new double[3][d], given = new double[3][d];
                    double scale = 0;
                    int steps = 30;
                    for (int t = 0; t < steps; t++) {
                        int r = rng.nextInt(3);       // interleave the three streams at random
                        float[] v = gaussian(rng, d, 1 + r);
                        float[] c = v.clone();
                        if (who[r] < 0) {
                            comp.forSelf(c);
                        } else {
                            byte[] payload = comp.forPeer(who[r], c);
                            assertEquals(java.util.Arrays.toString(c), java.util.Arrays.toString(Codec.decode(payload, d)),
                                    "the receiver decodes what the sender used");
                        }
                        for (int i = 0; i < d; i++) {
                            sent[r][i] += c[i];
                            given[r][i] += v[i];
                            scale = Math.max(scale, Math.abs(v[i]));
                        }
                    }
                    for (int r = 0; r < 3; r++) {
                        float[] e = who[r] < 0 ? comp.selfMemory() : comp.memory(who[r]);
                        for (int i = 0; i < d; i++) {
                            assertEquals(given[r][i] - e[i], sent[r][i], Tolerances.COMPRESS * steps * (1 + scale) * 10,
                                    "stream " + who[r] + " coordinate " + i);
                        }
                    }
                });
    }

    /** CompNgc's C is the scaled sign per parameter tensor: ‖C(v)_s − v_s‖² ≤ (1 − 1/d_s)‖v_s‖², |C(v)_s| = ‖v_s‖₁/d_s. */
    @Test
    void scaledSignPerTensorIsAContraction() {
        qt().withExamples(200).forAll(integers().between(1, 70), integers().between(1, 5), longs().all())
                .checkAssert((d, segments, seed) -> {
                    Rng rng = new Rng(seed);
                    ParameterLayout layout = layout(d, segments, rng);
                    float[] v = gaussian(rng, d, 1);
                    for (var s : layout.parameters()) {         // tensors of very different scales
                        double f = Math.pow(10, rng.nextInt(5) - 2);
                        for (int i = s.offset(); i < s.end(); i++) {
                            v[i] *= (float) f;
                        }
                    }
                    float[] c = v.clone();
                    new CompNgc(context(layout, 2)).forPeer(0, c);
                    for (var s : layout.parameters()) {
                        double err = 0, norm = 0, l1 = 0;
                        for (int i = s.offset(); i < s.end(); i++) {
                            err += Math.pow(c[i] - (double) v[i], 2);
                            norm += (double) v[i] * v[i];
                            l1 += Math.abs(v[i]);
                        }
                        int ds = s.length();
                        assertTrue(err <= (1 - 1.0 / ds) * norm + Tolerances.COMPRESS * norm,
                                s.name() + ": ‖C(v) − v‖² = " + err + " > (1 − 1/" + ds + ")·" + norm);
                        for (int i = s.offset(); i < s.end(); i++) {
                            assertEquals(l1 / ds, Math.abs(c[i]), Tolerances.COMPRESS * (l1 / ds), s.name() + " magnitude");
                        }
                    }
                });
    }

    /** CGA's QP: the solution satisfies its KKT conditions and is no worse than every active set's candidate. */
    @Test
    void cgaQpOutputSatisfiesKkt() {
        qt().withExamples(300).forAll(integers().between(0, 6), integers().between(1, 12), integers().between(0, 3), longs().all())
                .checkAssert((n, dim, kind, seed) -> {
                    Rng rng = new Rng(seed);
                    double[][] m = new double[n][dim];
                    double[] g = new double[dim];
                    for (int c = 0; c < dim; c++) {
                        g[c] = rng.nextGaussian();
                    }
                    for (int j = 0; j < n; j++) {
                        for (int c = 0; c < dim; c++) {
                            m[j][c] = switch (kind) {
                                case 1 -> j > 0 ? m[0][c] : rng.nextGaussian();           // repeated rows
                                case 2 -> j == 0 ? 0 : rng.nextGaussian();                // a zero row
                                case 3 -> -g[c] * (1 + j) + 0.1 * rng.nextGaussian();     // conflicting with g
                                default -> rng.nextGaussian();
                            };
                        }
                    }
                    double[][] p = new double[n][n];
                    double[] q = new double[n];
                    for (int j = 0; j < n; j++) {
                        for (int l = 0; l < n; l++) {
                            p[j][l] = dot(m[j], m[l]) + (j == l ? 1e-12 : 0);
                        }
                        q[j] = dot(m[j], g);
                    }
                    double[] v = CgaQp.solve(p, q, Cga.MARGIN);
                    double tol = Tolerances.QP_KKT * (1 + dot(g, g) + n * dim);
                    double[] gt = g.clone();
                    for (int j = 0; j < n; j++) {
                        for (int c = 0; c < dim; c++) {
                            gt[c] += v[j] * m[j][c];
                        }
                    }
                    for (int j = 0; j < n; j++) {
                        double lambda = dot(m[j], gt) + 1e-12 * v[j];   // = (P v + q)_j
                        assertTrue(v[j] >= Cga.MARGIN - tol, "v_" + j + " = " + v[j] + " < ½");
                        assertTrue(lambda >= -tol, "(M g̃)_" + j + " = " + lambda + " < 0");
                        assertTrue(v[j] <= Cga.MARGIN + tol || Math.abs(lambda) <= tol,
                                "v_" + j + " = " + v[j] + " > ½ but ⟨M_j, g̃⟩ = " + lambda);
                    }
                    assertTrue(objective(p, q, v) <= bruteForceMinimum(p, q) + tol, "not the minimum");
                });
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double objective(double[][] p, double[] q, double[] v) {
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            s += q[j] * v[j] + 0.5 * v[j] * dot(p[j], v);
        }
        return s;
    }

    /** The minimum over all 2ⁿ guesses of the free set, each solved exactly and kept if feasible. */
    private static double bruteForceMinimum(double[][] p, double[] q) {
        int n = q.length;
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << n; mask++) {
            final int bits = mask;
            int[] f = java.util.stream.IntStream.range(0, n).filter(j -> (bits >> j & 1) == 1).toArray();
            double[] v = new double[n];
            java.util.Arrays.fill(v, Cga.MARGIN);
            // P_FF v_F = −q_F − P_F,fixed · ½  (Gaussian elimination in double)
            int m = f.length;
            double[][] a = new double[m][m + 1];
            for (int r = 0; r < m; r++) {
                double rhs = -q[f[r]];
                for (int j = 0; j < n; j++) {
                    if ((mask >> j & 1) == 0) {
                        rhs -= p[f[r]][j] * Cga.MARGIN;
                    }
                }
                for (int c = 0; c < m; c++) {
                    a[r][c] = p[f[r]][f[c]];
                }
                a[r][m] = rhs;
            }
            for (int c = 0; c < m; c++) {
                for (int r = c + 1; r < m; r++) {
                    double fct = a[r][c] / a[c][c];
                    for (int k = c; k <= m; k++) {
                        a[r][k] -= fct * a[c][k];
                    }
                }
            }
            for (int r = m - 1; r >= 0; r--) {
                double s = a[r][m];
                for (int c = r + 1; c < m; c++) {
                    s -= a[r][c] * v[f[c]];
                }
                v[f[r]] = s / a[r][r];
            }
            if (java.util.Arrays.stream(v).allMatch(x -> x >= Cga.MARGIN - 1e-12)) {
                best = Math.min(best, objective(p, q, v));
            }
        }
        return best;
    }

    /** A layout of {@code segments} random non-empty tensors covering d floats (fewer if d is small). */
    static ParameterLayout layout(int d, int segments, Rng rng) {
        var b = new ParameterLayout.Builder();
        int left = d;
        int s = Math.min(segments, d);
        for (int t = 0; t < s; t++) {
            int len = t == s - 1 ? left : 1 + rng.nextInt(left - (s - 1 - t));
            b.add("t" + t, len);
            left -= len;
        }
        return b.build();
    }

    /** Agent 1's context on a ring of {@code agents} (peers 0 and 2), with a quadratic of the given layout. */
    static AgentContext context(ParameterLayout layout, int agents) {
        int d = layout.size();
        Graph ring = peerlearn.graph.Graphs.ring(agents);
        var net = new InMemoryNetwork(ring);
        Objective f = Quadratic.diagonal(new float[d], new float[d], 0, new Rng(1), new float[d], layout);
        return new AgentContext(1, net.endpoint(1), f, Topology.fixed(MixingMatrix.metropolisHastings(ring)), new Rng(2));
    }
}
