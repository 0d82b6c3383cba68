package peerlearn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import peerlearn.testkit.Tolerances;

class MixingMatrixProperties {
    @Test
    void mixingMatrixIsDoublyStochastic() {
        qt().withExamples(300).forAll(peerlearn.testkit.Graphs.connected(40), doubles().between(0.01, 1.0))
                .checkAssert((g, gamma) -> {
                    MixingMatrix mh = MixingMatrix.metropolisHastings(g);
                    mh.validate(Tolerances.MIXING_SUM);
                    mh.lazy().validate(Tolerances.MIXING_SUM);
                    mh.relaxed(gamma).validate(Tolerances.MIXING_SUM);
                });
    }

    @Test
    void uniformWeightsAreDoublyStochasticOnRegularGraphs() {
        qt().withExamples(200).forAll(peerlearn.testkit.Graphs.regular(40))
                .checkAssert(g -> MixingMatrix.uniform(g).validate(Tolerances.MIXING_SUM));
    }

    @Test
    void uniformRowsAlwaysSumToOne() {
        qt().withExamples(200).forAll(peerlearn.testkit.Graphs.connected(40)).checkAssert(g -> {
            MixingMatrix u = MixingMatrix.uniform(g);
            for (int i = 0; i < g.size(); i++) {
                assertEquals(1.0, u.rowSum(i), Tolerances.MIXING_SUM);
            }
        });
    }

    @Test
    void metropolisSpectrumLiesInMinusOneToOneWithRhoBelowOne() {
        qt().withExamples(100).forAll(peerlearn.testkit.Graphs.connected(24)).checkAssert(g -> {
            Spectrum s = Spectrum.of(MixingMatrix.metropolisHastings(g));
            double[] ev = s.eigenvalues();
            assertEquals(1.0, ev[0], Tolerances.EIGEN);
            assertTrue(ev[ev.length - 1] >= -1 - Tolerances.EIGEN, "λ_N = " + ev[ev.length - 1]);
            assertTrue(g.size() == 1 || s.rho() < 1 - 1e-9, g + ": ρ = " + s.rho());
            assertTrue(Spectrum.of(MixingMatrix.metropolisHastings(g).lazy()).eigenvalues()[g.size() - 1] >= -Tolerances.EIGEN);
        });
    }

    @Test
    void timeVaryingSchedulesAreDoublyStochasticEveryRound() {
        qt().withExamples(60).forAll(integers().between(1, 40), longs().all(), integers().between(0, 50))
                .checkAssert((n, seed, round) -> {
                    Topology.onePeerExponential(n).at(round).requireNonNegative().requireSymmetric(0)
                            .requireDoublyStochastic(Tolerances.MIXING_SUM);
                    if (n >= 4) {
                        int k = n % 2 == 0 ? 3 : 2;
                        Topology.randomRegularEachRound(n, k, seed, MixingMatrix::metropolisHastings).at(round)
                                .validate(Tolerances.MIXING_SUM);
                    }
                });
    }
}
