package peerlearn.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graph;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.net.AgentRuntime;
import peerlearn.net.Faults;
import peerlearn.net.InMemoryNetwork;
import peerlearn.net.Traffic;
import peerlearn.objective.Objective;
import peerlearn.objective.Quadratic;
import peerlearn.rng.Rng;

/**
 * What D-PSGD puts on the wire for a few rounds on a small ring: one DENSE frame of
 * 20 + 5 + 4d bytes per neighbour per round, counted at the sender when sent and at the receiver
 * when received — however the transport shares or views the frame.
 */
class DPsgdWireTest {
    private static final int N = 5, D = 7, ROUNDS = 3;

    private static Traffic run(Faults faults) {
        Graph ring = Graphs.ring(N);
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(ring));
        InMemoryNetwork net = new InMemoryNetwork(t.contactGraph(), faults);
        List<AgentRuntime.Agent<Void>> agents = new ArrayList<>();
        Rng init = new Rng(3);
        for (int i = 0; i < N; i++) {
            float[] a = new float[D], b = new float[D], x0 = new float[D];
            for (int c = 0; c < D; c++) {
                a[c] = 1 + c;
                b[c] = (float) init.nextGaussian();
                x0[c] = (float) init.nextGaussian();
            }
            Objective f = Quadratic.diagonal(a, b, 0, Rng.stream(1, i, "batches"), x0);
            AgentProgram p = Algorithms.get("dpsgd").create(
                    new AgentContext(i, net.endpoint(i), f, t, Rng.stream(1, i, "algorithm"), Training.sgd(0.05)));
            agents.add(p::round);
        }
        return AgentRuntime.run(net, ROUNDS, agents).traffic();
    }

    @Test
    void aRoundOnASmallRingSendsOneDenseFramePerNeighbour() {
        Traffic t = run(Faults.none());
        // 3 rounds × 2 neighbours × (20 header + 5 + 4·7) = 318 bytes, 6 messages, for every agent
        long[] each = {318, 318, 318, 318, 318};
        assertArrayEquals(each, t.bytesSent());
        assertArrayEquals(each, t.bytesReceived());
        assertArrayEquals(new long[] {6, 6, 6, 6, 6}, t.messagesSent());
    }

    @Test
    void droppedFramesAreCountedAtTheSenderOnly() {
        Faults drops = Faults.drops(11, 0.3);
        Traffic t = run(drops);
        int frame = 20 + 5 + 4 * D;
        for (int i = 0; i < N; i++) {
            long received = 0;
            for (int k = 0; k < ROUNDS; k++) {
                for (int j : new int[] {(i + N - 1) % N, (i + 1) % N}) {
                    received += drops.dropped(j, i, 1, k) ? 0 : frame;
                }
            }
            assertEquals(6L * frame, t.bytesSent()[i], "agent " + i + " sent");
            assertEquals(received, t.bytesReceived()[i], "agent " + i + " received");
        }
        long dropped = dropsOnTheRing(drops);
        assertTrue(dropped > 0, "the seed drops some frames");
        long totalReceived = 0;
        for (long r : t.bytesReceived()) {
            totalReceived += r;
        }
        assertEquals(N * 318L, t.totalBytesSent());
        assertEquals(dropped * frame, t.totalBytesSent() - totalReceived, "each dropped frame is missing at its receiver alone");
    }

    /** Frames of D-PSGD's message type (1) the seed drops on the ring in ROUNDS rounds. */
    private static long dropsOnTheRing(Faults drops) {
        long c = 0;
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < ROUNDS; k++) {
                c += (drops.dropped(i, (i + 1) % N, 1, k) ? 1 : 0) + (drops.dropped(i, (i + N - 1) % N, 1, k) ? 1 : 0);
            }
        }
        return c;
    }
}
