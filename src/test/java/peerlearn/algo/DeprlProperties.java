package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import peerlearn.data.Synthetic;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Spectrum;
import peerlearn.graph.Topology;
import peerlearn.rng.Rng;
import peerlearn.testkit.Tolerances;

/**
 * DePRL's consensus claims (theory/deprl.md#consensus) on random connected graphs: with β = 0
 * (no body steps; the heads still take τ steps) and W doubly stochastic, gossip of the bodies
 * preserves their mean and shrinks their disagreement ‖Φ − 1φ̄ᵀ‖_F by at least ρ per round.
 */
class DeprlProperties {
    private static final int D = 5;
    private static final int R = 2;
    private static final int P = R * D;
    private static final int ROUNDS = 6;

    @Test
    void withoutBodyStepsGossipPreservesTheBodyMeanAndContractsByRho() {
        qt().withExamples(40).forAll(peerlearn.testkit.Graphs.connected(16), longs().all()).checkAssert((g, seed) -> {
            MixingMatrix w = seed % 2 == 0 ? MixingMatrix.metropolisHastings(g) : MixingMatrix.metropolisHastings(g).lazy();
            double rho = Spectrum.of(w).rho();
            SharedRepresentation[] f = spreadOut(seed, g.size());
            List<float[][]> states = new ArrayList<>();
            float[][] x0 = new float[g.size()][];
            double scale = 1e-30;
            for (int i = 0; i < g.size(); i++) {
                x0[i] = f[i].initialParameters();
                for (float v : x0[i]) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            states.add(x0);
            Training tr = Training.sgd(0.1).withParams(new Params(Map.of("head_steps", "2", "body_steps", "0")));
            DeprlHarness.run("deprl", f, Topology.fixed(w), tr, ROUNDS, (k, x) -> states.add(x));
            double[] mean0 = bodyMean(x0);
            double noise = Tolerances.GOSSIP_MEAN * scale * Math.sqrt(g.size() * (double) P);
            for (int k = 0; k < ROUNDS; k++) {
                double[] mean = bodyMean(states.get(k + 1));
                for (int c = 0; c < P; c++) {
                    assertEquals(mean0[c], mean[c], Tolerances.GOSSIP_MEAN * scale * (k + 1), g + ", round " + k + ", φ[" + c + "]");
                }
                double before = disagreement(states.get(k)), after = disagreement(states.get(k + 1));
                assertTrue(after <= rho * before + noise, g + " / " + w.name() + ", round " + k + ": ‖Φ − 1φ̄ᵀ‖ went "
                        + before + " → " + after + ", more than ρ = " + rho + " times");
            }
        });
    }

    /** The shared-representation task with every agent's x⁰ drawn at random (bodies differ). */
    private static SharedRepresentation[] spreadOut(long seed, int n) {
        Synthetic.RegressionTasks t = Synthetic.sharedRepresentation(seed, n, D, R, 1, 1, 0.5);
        SharedRepresentation[] f = new SharedRepresentation[n];
        for (int i = 0; i < n; i++) {
            Rng rng = Rng.stream(seed, i, "start");
            float[] x0 = new float[P + R];
            for (int c = 0; c < x0.length; c++) {
                x0[c] = (float) (3 * rng.nextGaussian());
            }
            f[i] = new SharedRepresentation(t.representation(), t.theta()[i], D, 0.5, 2, Rng.stream(seed, i, "batches"), x0);
        }
        return f;
    }

    private static double[] bodyMean(float[][] x) {
        double[] m = new double[P];
        for (float[] xi : x) {
            for (int c = 0; c < P; c++) {
                m[c] += xi[c];
            }
        }
        for (int c = 0; c < P; c++) {
            m[c] /= x.length;
        }
        return m;
    }

    /** ‖Φ − 1φ̄ᵀ‖_F over the bodies. */
    private static double disagreement(float[][] x) {
        double[] m = bodyMean(x);
        double s = 0;
        for (float[] xi : x) {
            for (int c = 0; c < P; c++) {
                s += (xi[c] - m[c]) * (xi[c] - m[c]);
            }
        }
        return Math.sqrt(s);
    }
}
