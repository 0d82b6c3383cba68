package peerlearn.graph;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import peerlearn.rng.Rng;

/** The mixing matrix in force at each round: fixed, or a seeded time-varying schedule. */
public interface Topology {
    /** W^(k). Must be a pure function of k (and the seed the topology was built with). */
    MixingMatrix at(int round);

    /** Number of agents. */
    int size();

    /** A short description, e.g. {@code "ring(16) / metropolis-hastings"}. */
    default String name() {
        MixingMatrix w0 = at(0);
        return w0.graph().name() + " / " + w0.name();
    }

    /** True when W^(k) depends on k. */
    default boolean timeVarying() {
        return false;
    }

    /**
     * Every pair that may exchange a message in some round: the graph of W for a fixed topology,
     * a superset of all rounds' graphs for a time-varying one. A transport lets agent i contact
     * exactly {@code contactGraph().neighbours(i)}.
     */
    default Graph contactGraph() {
        return at(0).graph();
    }

    /** A topology that never changes. */
    static Topology fixed(MixingMatrix w) {
        return new Topology() {
            @Override public MixingMatrix at(int round) { return w; }
            @Override public int size() { return w.size(); }
        };
    }

    /**
     * One-peer exponential schedule, undirected (hypercube) form: in round k, with
     * m = k mod ⌈log₂ N⌉, agent i is paired with i XOR 2^m when that id exists (else it sits the
     * round out), and the pair averages: w_ii = w_ij = 1/2. After ⌈log₂ N⌉ consecutive rounds on
     * N = 2^τ agents every agent holds the exact average (Ying et al., NeurIPS 2021, §4, one-peer
     * exponential graphs; their directed form i → i + 2^m is not symmetric, so peerlearn uses the
     * pairing). Single rounds are disconnected; their union over τ rounds is the hypercube.
     */
    static Topology onePeerExponential(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("one-peer exponential schedule needs at least 1 agent, got " + n);
        }
        int tau = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        MixingMatrix[] phases = new MixingMatrix[tau];
        java.util.List<int[]> all = new java.util.ArrayList<>();
        for (int m = 0; m < tau; m++) {
            java.util.List<int[]> e = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int j = i ^ (1 << m);
                if (j > i && j < n) {
                    e.add(new int[] {i, j});
                }
            }
            all.addAll(e);
            phases[m] = MixingMatrix.metropolisHastings(Graph.fromEdges("one-peer-exp(" + n + ", 2^" + m + ")", n,
                    e.toArray(int[][]::new)));
        }
        Graph union = Graph.fromEdges("hypercube(" + n + ")", n, all.toArray(int[][]::new));
        return new TimeVarying("one-peer-exponential(" + n + ")", n, k -> phases[Math.floorMod(k, tau)], union);
    }

    /**
     * A fresh random k-regular graph every round (round k's graph drawn from the stream
     * {@code Rng.stream(seed, -1, "topology:k-regular").fork(k)}), weighted by {@code rule}
     * (e.g. {@code MixingMatrix::metropolisHastings}). Any pair may meet, so the contact graph is
     * complete.
     */
    static Topology randomRegularEachRound(int n, int k, long seed, Function<Graph, MixingMatrix> rule) {
        Graphs.randomRegular(n, k, seed); // validates (n, k) once, up front
        Rng base = Rng.stream(seed, -1, "topology:k-regular");
        return new TimeVarying("kregular-each-round(" + n + ", " + k + ")", n,
                round -> rule.apply(Graphs.randomRegular(n, k, base.fork(round))), Graphs.complete(n));
    }

    /** A schedule defined by a pure function of the round, with a small cache of recent rounds. */
    final class TimeVarying implements Topology {
        private static final int CACHE = 64;
        private final String name;
        private final int n;
        private final IntFunction<MixingMatrix> schedule;
        private final Graph contacts;
        private final ConcurrentHashMap<Integer, MixingMatrix> recent = new ConcurrentHashMap<>();

        TimeVarying(String name, int n, IntFunction<MixingMatrix> schedule, Graph contacts) {
            this.name = name;
            this.n = n;
            this.schedule = schedule;
            this.contacts = contacts;
        }

        @Override
        public MixingMatrix at(int round) {
            if (round < 0) {
                throw new IllegalArgumentException(name + ": round must be ≥ 0, got " + round);
            }
            MixingMatrix w = recent.get(round);
            if (w == null) {
                w = schedule.apply(round);
                if (w.size() != n) {
                    throw new IllegalStateException(name + ": round " + round + " has " + w.size() + " agents, not " + n);
                }
                MixingMatrix prev = recent.putIfAbsent(round, w);
                if (prev != null) {
                    w = prev;
                }
                if (recent.size() > CACHE) {
                    recent.keySet().removeIf(r -> r < round - CACHE / 2);
                }
            }
            return w;
        }

        @Override public int size() { return n; }
        @Override public String name() { return name; }
        @Override public boolean timeVarying() { return true; }
        @Override public Graph contactGraph() { return contacts; }
    }
}
