package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.MixingRow;
import peerlearn.graph.Topology;
import peerlearn.rng.Rng;

/**
 * The in-memory transport writes a data frame again once its receivers are done with it: gossip
 * then allocates frames only in its first rounds, every message still carries its own bytes, and a
 * receiver's view stays intact until its round ends, however far the sender runs ahead.
 */
class FrameReuseTest {
    @Test
    void gossipAllocatesItsFramesInTheFirstRoundsOnlyAndStaysExact() {
        int n = 8, d = 3000, rounds = 200;
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.ring(n)));
        InMemoryNetwork net = new InMemoryNetwork(t.contactGraph());
        Rng r = new Rng(5);
        float[][] x = new float[n][d];
        for (float[] v : x) {
            for (int c = 0; c < d; c++) {
                v[c] = (float) r.nextGaussian();
            }
        }
        List<GossipAgent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            agents.add(new GossipAgent(net.endpoint(i), t, x[i]));
        }
        AgentRuntime.run(net, rounds, agents);
        assertTrue(net.framesAllocated() <= 3L * n, net.framesAllocated() + " frames for " + n * rounds + " messages");
        // the same rounds on plain arrays: each x_i ← Σ_j w_ij x_j in agent-id order, in double
        for (int k = 0; k < rounds; k++) {
            float[][] next = new float[n][d];
            for (int i = 0; i < n; i++) {
                MixingRow row = t.at(k).row(i);
                for (int c = 0; c < d; c++) {
                    double acc = 0;
                    boolean selfAdded = false;
                    for (int s = 0; s < row.degree(); s++) {
                        int j = row.neighbours()[s];
                        if (!selfAdded && j > i) {
                            acc += row.self() * x[i][c];
                            selfAdded = true;
                        }
                        acc += row.weights()[s] * x[j][c];
                    }
                    if (!selfAdded) {
                        acc += row.self() * x[i][c];
                    }
                    next[i][c] = (float) acc;
                }
            }
            x = next;
        }
        for (int i = 0; i < n; i++) {
            assertArrayEquals(x[i], agents.get(i).value(), "agent " + i);
        }
    }

    private static final int DATA = 1, ACK = 2, BYTES = 4096;

    private static byte[] content(int round) {
        byte[] b = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            b[i] = (byte) (31 * round + i);
        }
        return b;
    }

    /**
     * Agent 0 runs up to two rounds ahead of agent 1 (it waits for agent 1's acknowledgement of
     * round k − 2); agent 1 takes its view of round k, lets agent 0 go on, and only then reads it.
     */
    @Test
    void aViewStaysIntactUntilItsReceiverEndsTheRound() {
        int rounds = 100;
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(2));
        Endpoint sender = net.endpoint(0), receiver = net.endpoint(1);
        List<AgentRuntime.Agent<Void>> agents = List.of(k -> {
            if (k >= 2) {
                sender.receive(1, ACK, k - 2);
            }
            sender.sendEach(new int[] {1}, DATA, k, content(k));
        }, k -> {
            ByteBuffer view = receiver.receiveView(0, DATA, k);
            receiver.send(0, ACK, k, new byte[0]);
            for (int y = 0; y < 20; y++) {
                Thread.yield(); // agent 0 sends rounds k + 1 and k + 2 meanwhile
            }
            byte[] got = new byte[view.remaining()];
            view.get(0, got);
            assertArrayEquals(content(k), got, "round " + k);
        });
        AgentRuntime.run(net, rounds, agents);
        assertTrue(net.framesAllocated() < 20, net.framesAllocated() + " frames for " + 2 * rounds + " messages");
    }

    /** Without the runtime no round is reported: no frame is written again, every view keeps its bytes. */
    @Test
    void endpointsDrivenWithoutTheRuntimeNeverHaveTheirFramesWrittenAgain() {
        int rounds = 300;
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(2));
        List<ByteBuffer> views = new ArrayList<>();
        for (int k = 0; k < rounds; k++) {
            net.endpoint(0).sendEach(new int[] {1}, DATA, k, content(k));
            views.add(net.endpoint(1).receiveView(0, DATA, k));
        }
        assertEquals(rounds, net.framesAllocated());
        for (int k = 0; k < rounds; k++) {
            byte[] got = new byte[BYTES];
            views.get(k).get(0, got);
            assertArrayEquals(content(k), got, "round " + k);
        }
    }
}
