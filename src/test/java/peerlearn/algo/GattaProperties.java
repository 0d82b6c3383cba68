package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graph;
import peerlearn.rng.Rng;
import peerlearn.tensor.Tensor;
import peerlearn.testkit.Tolerances;

/** The attention layer's invariants and the body gossip's mean preservation (theory/gatta.md#properties). */
class GattaProperties {
    /** α and W of a random layer: D features, n neighbours, parameters and features of scale 1. */
    private record Case(GattaAttention layer, float[] z, Tensor self, Tensor neighbours, int dim, int n) {
        GattaAttention.Output out() {
            return layer.forward(z, null, 0, dim, self, neighbours);
        }
    }

    private static Case random(int dim, int n, long seed, String score) {
        Rng rng = new Rng(seed);
        GattaAttention layer = new GattaAttention(dim, 0.6f, GattaAttention.score(score));
        float[] z = new float[dim + layer.size()]; // [θ (D) | a₁, a₂, c, b]
        for (int c = 0; c < z.length; c++) {
            z[c] = (float) rng.nextGaussian();
        }
        return new Case(layer, z, Tensor.of(gaussian(rng, dim), 1, dim), Tensor.of(gaussian(rng, n * dim), n, dim), dim, n);
    }

    private static float[] gaussian(Rng rng, int size) {
        float[] v = new float[size];
        for (int c = 0; c < size; c++) {
            v[c] = (float) rng.nextGaussian();
        }
        return v;
    }

    private static String score(int s) {
        return s == 0 ? "elu" : "leakyrelu";
    }

    @Test
    void attentionWeightsArePositiveAndSumToOne() {
        qt().forAll(integers().between(1, 9), integers().between(1, 8), longs().all(), integers().between(0, 1))
                .checkAssert((dim, n, seed, s) -> {
                    float[] alpha = random(dim, n, seed, score(s)).out().alpha().value().toArray();
                    double sum = 0;
                    for (float a : alpha) {
                        assertTrue(a > 0, "α = " + a);
                        sum += a;
                    }
                    assertEquals(1, sum, n * Tolerances.FLOAT_STORAGE);
                });
    }

    @Test
    void permutingNeighboursPermutesTheWeightsAndKeepsTheLayer() {
        qt().forAll(integers().between(1, 9), integers().between(2, 8), longs().all(), integers().between(0, 1))
                .checkAssert((dim, n, seed, s) -> {
                    Case c = random(dim, n, seed, score(s));
                    int[] perm = java.util.stream.IntStream.range(0, n).toArray();
                    new Rng(seed ^ 1).shuffle(perm);
                    float[] h = c.neighbours().toArray();
                    float[] shuffled = new float[h.length];
                    for (int t = 0; t < n; t++) {
                        System.arraycopy(h, perm[t] * dim, shuffled, t * dim, dim);
                    }
                    Case p = new Case(c.layer(), c.z(), c.self(), Tensor.of(shuffled, n, dim), dim, n);
                    float[] alpha = c.out().alpha().value().toArray();
                    float[] alphaP = p.out().alpha().value().toArray();
                    for (int t = 0; t < n; t++) {
                        assertEquals(alpha[perm[t]], alphaP[t], Tolerances.FLOAT_STORAGE, "α of neighbour " + perm[t]);
                    }
                    float[] w = c.out().w().value().toArray();
                    float[] wP = p.out().w().value().toArray();
                    for (int k = 0; k < dim; k++) {
                        assertEquals(w[k], wP[k], Tolerances.FLOAT_STORAGE * Math.max(1, Math.abs(w[k])), "W[" + k + "]");
                    }
                });
    }

    @Test
    void aSingleNeighbourGetsWeightOne() {
        qt().forAll(integers().between(1, 9), longs().all(), integers().between(0, 1)).checkAssert((dim, seed, s) -> {
            Case c = random(dim, 1, seed, score(s));
            assertEquals(1f, c.out().alpha().value().at(0));
            // ĥ = ELU(h_1 + b), W = μθ + (1 − μ)ĥ
            float[] w = c.out().w().value().toArray();
            for (int k = 0; k < dim; k++) {
                float x = c.neighbours().at(k) + c.z()[dim + 2 * dim + 1 + k];
                double hHat = x > 0 ? x : Math.expm1(x);
                assertEquals(0.6 * c.z()[k] + 0.4 * hHat, w[k], Tolerances.FLOAT_STORAGE * Math.max(1, Math.abs(w[k])));
            }
        });
    }

    @Test
    void identicalFeaturesGetUniformWeights() {
        qt().forAll(integers().between(1, 9), integers().between(1, 8), longs().all(), integers().between(0, 1))
                .checkAssert((dim, n, seed, s) -> {
                    Case c = random(dim, n, seed, score(s));
                    float[] one = java.util.Arrays.copyOf(c.neighbours().toArray(), dim);
                    float[] same = new float[n * dim];
                    for (int t = 0; t < n; t++) {
                        System.arraycopy(one, 0, same, t * dim, dim);
                    }
                    Case u = new Case(c.layer(), c.z(), c.self(), Tensor.of(same, n, dim), dim, n);
                    for (float a : u.out().alpha().value().toArray()) {
                        assertEquals(1.0 / n, a, Tolerances.FLOAT_STORAGE);
                    }
                });
    }

    @Test
    void theSelfTermCancelsWhereTheScoreIsLinear() {
        // all e_ij ≥ 0 ⇒ σ(e_ij) = e_ij and a₁ᵀh_i + c is a common shift, which softmax ignores
        qt().forAll(integers().between(1, 9), integers().between(2, 8), longs().all(), integers().between(0, 1))
                .checkAssert((dim, n, seed, s) -> {
                    Case c = random(dim, n, seed, score(s));
                    Case other = new Case(c.layer(), c.z().clone(), c.self(), c.neighbours(), dim, n);
                    Rng rng = new Rng(~seed);
                    for (int k = 0; k < dim; k++) {
                        other.z()[dim + k] = (float) rng.nextGaussian(); // a new a₁
                    }
                    linearRegion(c, 0.5);
                    linearRegion(other, 3); // the scores shifted by 2.5, all still ≥ 0
                    float[] alpha = c.out().alpha().value().toArray();
                    float[] alphaO = other.out().alpha().value().toArray();
                    for (int t = 0; t < n; t++) {
                        assertEquals(alpha[t], alphaO[t], 10 * Tolerances.FLOAT_STORAGE, "α of neighbour " + t);
                    }
                });
    }

    /** Sets c so that min_j e_ij = m ≥ 0: every score in σ's linear region. */
    private static void linearRegion(Case c, double m) {
        int dim = c.dim();
        float[] z = c.z();
        double min = Double.POSITIVE_INFINITY;
        for (int t = 0; t < c.n(); t++) {
            double e = 0;
            for (int k = 0; k < dim; k++) {
                e += z[dim + k] * c.self().at(k) + z[2 * dim + k] * c.neighbours().at(t * dim + k);
            }
            min = Math.min(min, e);
        }
        z[3 * dim] = (float) (m - min);
    }

    @Test
    void bodyGossipPreservesTheMean() {
        // f_i flat in φ: a round only mixes φ with the doubly stochastic Metropolis–Hastings weights
        qt().withExamples(40).forAll(integers().between(2, 9), integers().between(0, 9), longs().all()).checkAssert((n, fam, seed) -> {
            Graph g = peerlearn.testkit.Graphs.build(n, fam, seed);
            var f = GattaSwarm.quadratics(g.size(), 0);
            double[] before = new double[3];
            for (var fi : f) {
                float[] x0 = fi.initialParameters();
                for (int c = 0; c < 3; c++) {
                    before[c] += x0[c] / (double) g.size();
                }
            }
            GattaSwarm s = GattaSwarm.run(false, f, g, 0.1, Map.of(), 1);
            double[] after = new double[3];
            for (Gatta a : s.programs) {
                for (int c = 0; c < 3; c++) {
                    after[c] += a.parameters()[c] / (double) g.size();
                }
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(before[c], after[c], Tolerances.GOSSIP_MEAN * Math.max(1, Math.abs(before[c])), g + " φ[" + c + "]");
            }
        });
    }
}
