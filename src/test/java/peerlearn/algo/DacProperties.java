package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/** The invariants theory/dac.md states for DAC's peer sampling, two-hop growth, τ schedule and weights. */
class DacProperties {
    /** A similarity memory: N ∈ [1, 40] entries in [0, max], about a third of them 0 (unknown). */
    private static double[] memory(long seed, int n, double max) {
        Rng r = new Rng(seed);
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            s[j] = r.nextInt(3) == 0 ? 0 : r.nextDouble() * max;
        }
        return s;
    }

    private static Gen<Integer> sizes() {
        return integers().between(1, 40);
    }

    @Test
    void probabilitiesAreADistributionWithZeroOnSelf() {
        qt().forAll(longs().all(), sizes(), doubles().between(0, 1e6), doubles().between(0, 1e3)).checkAssert((seed, n, tau, max) -> {
            double[] s = memory(seed, n, max);
            int self = (int) Math.floorMod(seed, (long) n);
            double[] p = PeerSampling.softmax(s, tau, self);
            assertEquals(0.0, p[self]);
            double sum = 0;
            for (double v : p) {
                assertTrue(v >= 0 && Double.isFinite(v), Arrays.toString(p));
                sum += v;
            }
            assertEquals(n == 1 ? 0 : 1, sum, Tolerances.PROBABILITY_SUM);
        });
    }

    @Test
    void probabilitiesAreFiniteForHugeTauTimesSimilarity() {
        // τ·s up to 10⁶·10³⁰⁰: exp(τ s) overflows at τ s ≈ 709, the shifted form never does
        qt().forAll(longs().all(), integers().between(2, 40), doubles().between(1e2, 1e6)).checkAssert((seed, n, tau) -> {
            double[] s = memory(seed, n, 1e300);
            double[] p = PeerSampling.softmax(s, tau, 0);
            double sum = 0;
            for (double v : p) {
                assertTrue(Double.isFinite(v) && v >= 0, Arrays.toString(p));
                sum += v;
            }
            assertEquals(1, sum, Tolerances.PROBABILITY_SUM);
        });
    }

    @Test
    void probabilitiesAreMonotoneInSimilarity() {
        qt().forAll(longs().all(), integers().between(3, 40), doubles().between(0, 100)).checkAssert((seed, n, tau) -> {
            double[] s = memory(seed, n, 5);
            s[1] = s[2]; // one tie at least
            double[] p = PeerSampling.softmax(s, tau, 0);
            for (int j = 1; j < n; j++) {
                for (int l = 1; l < n; l++) {
                    if (s[j] > s[l]) {
                        assertTrue(p[j] >= p[l], "s " + s[j] + " > " + s[l] + " but p " + p[j] + " < " + p[l]);
                    }
                    if (s[j] == s[l]) {
                        assertEquals(p[j], p[l], 0.0);
                    }
                }
            }
        });
    }

    @Test
    void probabilitiesAreShiftInvariant() {
        qt().forAll(longs().all(), integers().between(2, 40), doubles().between(0, 50), doubles().between(-10, 10))
                .checkAssert((seed, n, tau, c) -> {
                    double[] s = memory(seed, n, 2);
                    double[] shifted = Arrays.stream(s).map(v -> v + c).toArray();
                    double[] p = PeerSampling.softmax(s, tau, 0);
                    double[] q = PeerSampling.softmax(shifted, tau, 0);
                    for (int j = 0; j < n; j++) {
                        assertEquals(p[j], q[j], Tolerances.SOFTMAX);
                    }
                });
    }

    @Test
    void temperatureToZeroGivesTheUniformLaw() {
        qt().forAll(longs().all(), integers().between(2, 40), doubles().between(0, 1e-12)).checkAssert((seed, n, tau) -> {
            double[] p = PeerSampling.softmax(memory(seed, n, 100), tau, n - 1);
            for (int j = 0; j < n - 1; j++) {
                assertEquals(1.0 / (n - 1), p[j], Tolerances.SOFTMAX);
            }
        });
    }

    @Test
    void samplesAreDistinctAndNeverSelfForAnyTauTimesSimilarity() {
        qt().forAll(longs().all(), sizes(), integers().between(1, 45), doubles().between(0, 1e6)).checkAssert((seed, n, k, tau) -> {
            int self = (int) Math.floorMod(seed, (long) n);
            int[] drawn = PeerSampling.sampleSoftmax(new Rng(seed ^ 0x5eed), memory(seed, n, 1e3), tau, self, k);
            assertEquals(Math.min(k, n - 1), drawn.length, "even where softmax underflows to 0");
            Set<Integer> seen = new HashSet<>();
            for (int j : drawn) {
                assertTrue(j != self, "drew self " + self);
                assertTrue(seen.add(j), "drew " + j + " twice: " + Arrays.toString(drawn));
            }
            int[] others = java.util.stream.IntStream.range(0, n).filter(j -> j != self).toArray();
            int[] uniform = PeerSampling.sampleUniform(new Rng(seed), others, k);
            assertEquals(Math.min(k, n - 1), uniform.length);
            assertEquals(uniform.length, Arrays.stream(uniform).distinct().count());
            assertTrue(Arrays.stream(uniform).noneMatch(j -> j == self));
        });
    }

    @Test
    void twoHopGrowthKeepsDirectMeasurementsAndCopiesTheMostSimilarSampledPeer() {
        qt().forAll(longs().all(), integers().between(2, 30), integers().between(1, 6)).checkAssert((seed, n, k) -> {
            Rng r = new Rng(seed);
            int self = r.nextInt(n);
            double[] s = memory(seed, n, 4);
            s[self] = 0;
            boolean[] direct = new boolean[n];
            for (int j = 0; j < n; j++) {
                direct[j] = j != self && s[j] > 0 && r.nextInt(2) == 0;
            }
            int[] others = java.util.stream.IntStream.range(0, n).filter(j -> j != self).toArray();
            int[] sampled = PeerSampling.sampleUniform(r, others, k);
            float[][] sK = new float[sampled.length][];
            for (int t = 0; t < sampled.length; t++) {
                direct[sampled[t]] = true; // line 3 measured them this round
                s[sampled[t]] = 0.1 + r.nextInt(4); // ties among the sampled are likely
                sK[t] = new float[n];
                for (int j = 0; j < n; j++) {
                    sK[t][j] = r.nextInt(2) == 0 ? 0f : (float) r.nextDouble();
                }
            }
            double[] before = s.clone();
            Dac.twoHop(self, s, direct, sampled, sK);
            for (int j = 0; j < n; j++) {
                if (j == self || direct[j]) {
                    assertEquals(before[j], s[j], 0.0, "entry " + j + " was measured directly (or is self)");
                    continue;
                }
                // k* = argmax over sampled k with s_k[j] > 0 of s_i[k], lowest id on ties
                int kStar = -1;
                for (int t = sampled.length - 1; t >= 0; t--) {
                    if (sK[t][j] > 0 && (kStar < 0 || before[sampled[t]] >= before[sampled[kStar]])) {
                        kStar = t;
                    }
                }
                assertEquals(kStar < 0 ? before[j] : sK[kStar][j], s[j], 0.0, "entry " + j);
            }
        });
    }

    @Test
    void tauScheduleStartsAtOneRisesAndTendsToTauPlusOne() {
        qt().forAll(doubles().between(0.01, 1e4), integers().between(0, 100)).checkAssert((tau, r) -> {
            assertEquals(1.0, Dac.tau(0, tau, true), 0.0);
            assertTrue(Dac.tau(r + 1, tau, true) > Dac.tau(r, tau, true) || Dac.tau(r, tau, true) == tau + 1,
                    "τ_r must increase: τ_" + r + " = " + Dac.tau(r, tau, true));
            assertTrue(Dac.tau(r, tau, true) <= tau + 1);
            assertEquals(tau + 1, Dac.tau(1000, tau, true), Tolerances.FLOAT_STORAGE * tau);
            assertEquals(tau, Dac.tau(r, tau, false), 0.0);
        });
    }

    @Test
    void aggregationWeightsSumToOneInProportionToDataSize() {
        qt().forAll(longs().all(), integers().between(1, 50)).checkAssert((seed, m) -> {
            Rng r = new Rng(seed);
            int[] sizes = new int[m];
            for (int t = 0; t < m; t++) {
                sizes[t] = 1 + r.nextInt(10_000);
            }
            double[] a = PeerSampling.sizeWeights(sizes);
            assertEquals(1, Arrays.stream(a).sum(), Tolerances.PROBABILITY_SUM);
            for (int t = 1; t < m; t++) {
                assertEquals((double) sizes[t] / sizes[0], a[t] / a[0], Tolerances.PROBABILITY_SUM * sizes[t]);
            }
        });
    }
}
