package peerlearn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

class SpectrumTest {
    @Test
    void ringMetropolisEigenvaluesAreCosines() {
        // W = (I + P + Pᵀ)/3 on a ring of n: λ_k = 1/3 + (2/3) cos(2πk/n)
        int n = 10;
        double[] expected = new double[n];
        for (int k = 0; k < n; k++) {
            expected[k] = 1.0 / 3 + 2.0 / 3 * Math.cos(2 * Math.PI * k / n);
        }
        Arrays.sort(expected);
        double[] got = Spectrum.of(MixingMatrix.metropolisHastings(Graphs.ring(n))).eigenvalues();
        for (int k = 0; k < n; k++) {
            assertEquals(expected[n - 1 - k], got[k], Tolerances.EIGEN);
        }
        Spectrum s = Spectrum.of(MixingMatrix.metropolisHastings(Graphs.ring(n)));
        assertEquals(1.0 / 3 + 2.0 / 3 * Math.cos(2 * Math.PI / n), s.rho(), Tolerances.EIGEN);
        assertEquals(1 - s.rho(), s.gap(), 0);
    }

    @Test
    void completeGraphMixesInOneStep() {
        // Metropolis on K_n is 11ᵀ/n: eigenvalues 1, 0, …, 0 → ρ = 0
        assertEquals(0.0, Spectrum.of(MixingMatrix.metropolisHastings(Graphs.complete(7))).rho(), Tolerances.EIGEN);
        assertEquals(0.0, Spectrum.of(MixingMatrix.metropolisHastings(Graphs.ring(1))).rho(), 0);
    }

    @Test
    void productContractionIsRhoForOneRoundAndZeroForAFullOnePeerPeriod() {
        MixingMatrix w = MixingMatrix.metropolisHastings(Graphs.ring(9));
        assertEquals(Spectrum.of(w).rho(), Spectrum.productContraction(java.util.List.of(w)), Tolerances.EIGEN);
        // two rounds of a fixed symmetric W: ‖W² − J/N‖ = ρ²
        assertEquals(Math.pow(Spectrum.of(w).rho(), 2), Spectrum.productContraction(java.util.List.of(w, w)), Tolerances.EIGEN);
        Topology t = Topology.onePeerExponential(16);
        assertEquals(0.0, Spectrum.productContraction(java.util.List.of(t.at(0), t.at(1), t.at(2), t.at(3))), Tolerances.EIGEN);
        assertEquals(1.0, Spectrum.productContraction(java.util.List.of(t.at(0), t.at(1))), Tolerances.EIGEN);
    }

    @Test
    void twoByTwoByHand() {
        double[] ev = Spectrum.symmetricEigenvalues(new double[][] {{2, 1}, {1, 2}});
        assertEquals(3, ev[0], 1e-14);
        assertEquals(1, ev[1], 1e-14);
    }

    @Test
    void jacobiPreservesTraceAndFrobeniusNormOfRandomSymmetricMatrices() {
        qt().withExamples(60).forAll(integers().between(1, 30), longs().all()).checkAssert((n, seed) -> {
            Rng rng = new Rng(seed);
            double[][] a = new double[n][n];
            double trace = 0, frob = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i][j] = a[j][i] = rng.nextGaussian();
                }
            }
            for (int i = 0; i < n; i++) {
                trace += a[i][i];
                for (int j = 0; j < n; j++) {
                    frob += a[i][j] * a[i][j];
                }
            }
            double[] ev = Spectrum.symmetricEigenvalues(a);
            double s = 0, sq = 0;
            for (int k = 0; k < n; k++) {
                s += ev[k];
                sq += ev[k] * ev[k];
                if (k > 0) {
                    assertEquals(true, ev[k] <= ev[k - 1], "sorted descending");
                }
            }
            assertEquals(trace, s, Tolerances.EIGEN * n);
            assertEquals(frob, sq, Tolerances.EIGEN * n * n);
        });
    }
}
