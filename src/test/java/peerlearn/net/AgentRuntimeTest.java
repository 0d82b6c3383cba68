package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;

class AgentRuntimeTest {
    /** Each agent sends its round number to its ring neighbours and adds what it receives. */
    private static List<AgentRuntime.Agent<Integer>> counters(InMemoryNetwork net, int failAgent, int failRound) {
        List<AgentRuntime.Agent<Integer>> agents = new ArrayList<>();
        for (int i = 0; i < net.size(); i++) {
            Endpoint e = net.endpoint(i);
            int id = i;
            agents.add(new AgentRuntime.Agent<>() {
                int sum;

                @Override
                public void round(int k) {
                    if (id == failAgent && k == failRound) {
                        throw new ArithmeticException("boom");
                    }
                    for (int j : e.peers()) {
                        e.send(j, 1, k, new byte[] {(byte) id});
                    }
                    for (int j : e.peers()) {
                        byte[] p = e.receive(j, 1, k);
                        sum += p == null ? 0 : p[0];
                    }
                }

                @Override
                public Integer snapshot(int k) {
                    return sum;
                }
            });
        }
        return agents;
    }

    /** The counters of {@link #counters}, each saving its running sum at a checkpoint. */
    private static List<AgentRuntime.Agent<Integer>> saving(InMemoryNetwork net) {
        List<AgentRuntime.Agent<Integer>> out = new ArrayList<>();
        for (AgentRuntime.Agent<Integer> a : counters(net, -1, -1)) {
            out.add(new AgentRuntime.Agent<>() {
                @Override public void round(int k) throws Exception { a.round(k); }
                @Override public Integer snapshot(int k) { return a.snapshot(k); }
                @Override public byte[] save(int k) { return new byte[] {(byte) (int) a.snapshot(k)}; }
            });
        }
        return out;
    }

    /**
     * A checkpoint after round k comes after the observer has seen every round up to k and before
     * it sees k + 1, with every agent's state of right after round k, and the network quiescent.
     */
    @Test
    void checkpointsComeAfterTheirRoundsObservationsWithEveryAgentsState() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(4));
        List<String> events = new CopyOnWriteArrayList<>();
        AgentRuntime.Options options = new AgentRuntime.Options(0, k -> k == 1 || k == 3, (k, states) -> {
            StringBuilder b = new StringBuilder("checkpoint " + k + ":");
            states.forEach(st -> b.append(' ').append(st[0]));
            events.add(b.toString());
            net.state(new peerlearn.state.StateWriter()); // refuses unless no agent waits in the network
        }, Integer.MAX_VALUE);
        AgentRuntime.run(net, 5, saving(net), k -> true, (k, snaps) -> events.add("observe " + k + ": " + snaps), options);
        assertEquals(List.of("observe 0: [4, 2, 4, 2]", "observe 1: [8, 4, 8, 4]", "checkpoint 1: 8 4 8 4",
                "observe 2: [12, 6, 12, 6]", "observe 3: [16, 8, 16, 8]", "checkpoint 3: 16 8 16 8",
                "observe 4: [20, 10, 20, 10]"), events);
    }

    /** A run started at round 3 runs rounds 3..5 only; one halted after round 3 stops there. */
    @Test
    void startAndHaltBoundTheRoundsRun() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(4));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AgentRuntime.run(net, 6, saving(net), k -> true, (k, snaps) -> seen.add(k),
                new AgentRuntime.Options(3, k -> false, (k, st) -> {}, Integer.MAX_VALUE));
        assertEquals(List.of(3, 4, 5), seen);
        InMemoryNetwork again = new InMemoryNetwork(Graphs.ring(4));
        List<Integer> halted = new CopyOnWriteArrayList<>();
        AgentRuntime.run(again, 6, saving(again), k -> true, (k, snaps) -> halted.add(k),
                new AgentRuntime.Options(0, k -> false, (k, st) -> {}, 3));
        assertEquals(List.of(0, 1, 2, 3), halted);
    }

    /** A saver that fails stops the run, naming the observer and the round; the waiting agents are released. */
    @Test
    void aFailingCheckpointStopsTheRunWithoutAHang() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(4));
        AgentRuntime.Options options = new AgentRuntime.Options(0, k -> k == 2, (k, st) -> {
            throw new java.io.IOException("disk full");
        }, Integer.MAX_VALUE);
        AgentRuntime.AgentFailure f = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertThrows(AgentRuntime.AgentFailure.class,
                        () -> AgentRuntime.run(net, 10, saving(net), k -> false, (k, s) -> {}, options)));
        assertEquals(-1, f.agent());
        assertEquals(2, f.round());
        assertEquals("observer failed in round 2: java.io.IOException: disk full", f.getMessage());
    }

    @Test
    void observerSeesEveryObservedRoundInOrderWithAllAgents() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(4));
        List<String> seen = new CopyOnWriteArrayList<>();
        var summary = AgentRuntime.run(net, 6, counters(net, -1, -1), k -> k % 2 == 1,
                (k, snaps) -> seen.add(k + ":" + snaps));
        // agent 0 hears 1 and 3 each round → 4 per round; agent 1 hears 0 and 2 → 2 per round
        assertEquals(List.of("1:[8, 4, 8, 4]", "3:[16, 8, 16, 8]", "5:[24, 12, 24, 12]"), seen);
        assertEquals(4 * 2 * 6 * 21, summary.traffic().totalBytesSent());
        assertEquals(0, summary.undeliveredMessages());
    }

    @Test
    void aThrowingAgentStopsTheRunWithItsIdRoundAndCause() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(8));
        var f = assertThrows(AgentRuntime.AgentFailure.class, () -> AgentRuntime.run(net, 1000, counters(net, 5, 17)));
        assertEquals(5, f.agent());
        assertEquals(17, f.round());
        assertTrue(f.getCause() instanceof ArithmeticException);
        assertTrue(f.getMessage().startsWith("agent 5 failed in round 17: java.lang.ArithmeticException: boom"), f.getMessage());
    }

    @Test
    void aThrowingObserverStopsTheRun() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(3));
        var f = assertThrows(AgentRuntime.AgentFailure.class, () -> AgentRuntime.run(net, 100000, counters(net, -1, -1),
                k -> k == 2, (k, s) -> {
                    throw new IllegalStateException("metrics broke");
                }));
        assertEquals(-1, f.agent());
        assertEquals(2, f.round());
        assertTrue(f.getMessage().startsWith("observer failed in round 2"), f.getMessage());
    }

    @Test
    void crashedAgentsAreMissingNotWaitedFor() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(4), Faults.none().withCrash(2, 3));
        List<List<Integer>> seen = new CopyOnWriteArrayList<>();
        AgentRuntime.run(net, 5, counters(net, -1, -1), k -> k >= 2, (k, s) -> seen.add(new ArrayList<>(s)));
        // agent 1 hears 0 and 2: 2 per round while 2 lives (rounds 0..2), then 0 + nothing
        assertEquals(List.of(0 + 2 + 0 + 2 + 0 + 2), List.of(seen.get(0).get(1)));
        assertNull(seen.get(1).get(2), "crashed agent has no snapshot");
        assertEquals(6, seen.get(2).get(1));
    }

    /**
     * Agents that never talk are not in step: the survivors may finish every later observed round
     * while an agent about to crash is still handing over its last snapshot. The observer must
     * still see the rounds in order (it once saw 2, 3, 1 here, so a run's "last" point was round 1).
     */
    @Test
    void roundsReachTheObserverInOrderWhenACrashingAgentIsLastToHandOver() {
        InMemoryNetwork net = new InMemoryNetwork(new peerlearn.graph.Graph("none", new int[2][0]),
                Faults.none().withCrash(0, 2));
        List<AgentRuntime.Agent<Integer>> agents = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int id = i;
            agents.add(new AgentRuntime.Agent<>() {
                @Override
                public void round(int k) {}

                @Override
                public Integer snapshot(int k) {
                    if (id == 0 && k == 1) {
                        try {
                            Thread.sleep(300); // agent 1 runs rounds 2 and 3 meanwhile
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return k;
                }
            });
        }
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AgentRuntime.run(net, 4, agents, k -> true, (k, s) -> seen.add(k));
        assertEquals(List.of(0, 1, 2, 3), seen);
    }

    @Test
    void stragglersChangeTimeNotResults() {
        float[][] plain = gossip(Faults.drops(3, 0.2));
        float[][] slow = gossip(Faults.drops(3, 0.2).withStraggler(1, 2));
        for (int i = 0; i < plain.length; i++) {
            assertArrayEquals(plain[i], slow[i]);
        }
    }

    @Test
    void anAgentWaitingForAMessageNeverSentIsReportedNotHung() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(2));
        List<AgentRuntime.Agent<Void>> agents = List.of(k -> net.endpoint(0).receive(1, 9, k), k -> {});
        var f = assertThrows(AgentRuntime.AgentFailure.class, () -> AgentRuntime.run(net, 3, agents));
        assertEquals(0, f.agent());
        assertTrue(f.getMessage().contains("finished without sending it") || f.getMessage().contains("deadlock"),
                f.getMessage());
    }

    private static float[][] gossip(Faults faults) {
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.ring(5)));
        InMemoryNetwork net = new InMemoryNetwork(t.contactGraph(), faults);
        List<GossipAgent> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(new GossipAgent(net.endpoint(i), t, new float[] {i, -i, i * i}));
        }
        AgentRuntime.run(net, 10, agents);
        float[][] out = new float[5][];
        for (int i = 0; i < 5; i++) {
            out[i] = agents.get(i).value();
        }
        return out;
    }


    @Test
    void pullsFromSampledPeersCompleteAndReleaseEveryPublication() {
        int n = 12, rounds = 30;
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(n), Faults.drops(4, 0.1));
        long[] sums = new long[n];
        long sent = pullRun(net, sums, rounds);
        assertEquals(0, net.pendingPublications(), "every publication released by the end");
        long pulls = (long) n * rounds * 3;
        long missing = java.util.Arrays.stream(sums).map(v -> v / 1000).sum();
        assertTrue(missing > 0 && missing < pulls / 4, "about 10% of pulls dropped, got " + missing + " of " + pulls);
        // each pull: a 20-byte request, and a 22-byte reply unless dropped
        assertEquals(pulls * 20 + (pulls - missing) * 22, sent);
        long[] again = sums.clone();
        java.util.Arrays.fill(sums, 0);
        InMemoryNetwork net2 = new InMemoryNetwork(Graphs.complete(n), Faults.drops(4, 0.1));
        assertEquals(sent, pullRun(net2, sums, rounds));
        assertArrayEquals(again, sums, "same seed, same pulls, same drops");
    }

    private static long pullRun(InMemoryNetwork net, long[] sums, int rounds) {
        List<AgentRuntime.Agent<Void>> agents = new ArrayList<>();
        for (int i = 0; i < net.size(); i++) {
            Endpoint e = net.endpoint(i);
            peerlearn.rng.Rng rng = peerlearn.rng.Rng.stream(8, i, "sample");
            int id = i;
            agents.add(k -> {
                e.publish(2, k, new byte[] {(byte) id, (byte) k});
                int[] peers = e.peers();
                for (int s = 0; s < 3; s++) {
                    byte[] p = e.pull(peers[rng.nextInt(peers.length)], 2, k);
                    sums[id] += p == null ? 1000 : p[0];
                }
            });
        }
        return AgentRuntime.run(net, rounds, agents).traffic().totalBytesSent();
    }
}
