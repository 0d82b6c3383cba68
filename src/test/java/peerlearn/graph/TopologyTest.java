package peerlearn.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopologyTest {
    @Test
    void onePeerExponentialAveragesExactlyInLogNRounds() {
        int n = 8;
        Topology t = Topology.onePeerExponential(n);
        assertTrue(t.timeVarying());
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * i; // mean 17.5
        }
        for (int k = 0; k < 3; k++) {
            MixingMatrix w = t.at(k).requireNonNegative().requireSymmetric(0).requireDoublyStochastic(0);
            assertEquals(1, w.graph().maxDegree());
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    y[i] += w.weight(i, j) * x[j];
                }
            }
            x = y;
        }
        for (double v : x) {
            assertEquals(17.5, v, 0);
        }
        assertEquals(3, t.contactGraph().minDegree()); // the hypercube
    }

    @Test
    void onePeerExponentialOnNonPowerOfTwoLeavesSomeAgentsIdle() {
        Topology t = Topology.onePeerExponential(6);
        MixingMatrix w = t.at(2); // pairs i with i XOR 4: 0–4, 1–5; agents 2, 3 idle
        assertEquals(1.0, w.selfWeight(2), 0);
        assertEquals(0.5, w.weight(0, 4), 0);
        assertTrue(t.contactGraph().isConnected());
    }

    @Test
    void randomRegularEachRoundIsSeededAndFresh() {
        Topology a = Topology.randomRegularEachRound(12, 3, 5, MixingMatrix::metropolisHastings);
        Topology b = Topology.randomRegularEachRound(12, 3, 5, MixingMatrix::metropolisHastings);
        boolean differs = false;
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < 12; i++) {
                assertArrayEquals(a.at(k).graph().neighbours(i), b.at(k).graph().neighbours(i));
                differs |= !java.util.Arrays.equals(a.at(k).graph().neighbours(i), a.at(k + 1).graph().neighbours(i));
            }
            assertEquals(3, a.at(k).graph().minDegree());
        }
        assertTrue(differs);
        assertSame(a.at(3), a.at(3));
        assertEquals(11, a.contactGraph().minDegree());
    }

    @Test
    void fixedTopologyIsTheSameEveryRound() {
        MixingMatrix w = MixingMatrix.metropolisHastings(Graphs.ring(5));
        Topology t = Topology.fixed(w);
        assertSame(w, t.at(0));
        assertSame(w, t.at(1000));
        assertFalse(t.timeVarying());
        assertEquals("ring(5) / metropolis-hastings", t.name());
    }
}
