package peerlearn.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntPredicate;

/**
 * Runs N agents, one virtual thread each, for rounds 0..K−1 over an {@link InMemoryNetwork}.
 *
 * <p>Each agent's thread calls {@link Agent#round(int)} for k = 0, 1, …, K−1 (skipping rounds
 * from its crash round on, if the fault model crashes it; sleeping first if it is a straggler).
 * There is no barrier between rounds: an agent waits only inside {@code receive}/{@code pull} for
 * messages it needs. After every round k ∈ [0, K−1] with {@code observeAt.test(k)}, each agent
 * hands {@link Agent#snapshot(int)} — a copy, or metrics it computes on its own thread in parallel
 * with the others — to the runtime; once all agents not crashed by round k have done so, the
 * {@link Observer} is called on its own thread with the snapshots in agent-id order, rounds in
 * increasing order. Agents never wait for the observer. (The initial state is not an observation
 * point: callers that want it take snapshots before {@link #run}.)
 *
 * <p>Failure: if an agent's round throws (or the observer throws), the network is stopped — every
 * agent waiting for a message is woken with {@link RunStoppedException}, the others stop before
 * their next round — and {@link #run} throws an {@link AgentFailure} naming the agent, the round
 * and the cause. Nothing hangs and the first failure is never lost.
 *
 * <p>Determinism: with agents that only use their own state, their own random streams and
 * messages addressed by (sender, type, round), results are bit-identical for any number of
 * carrier threads (checked by {@code GossipDeterminismTest}).
 */
public final class AgentRuntime {
    private AgentRuntime() {}

    /** One agent's program as the runtime sees it. */
    public interface Agent<S> {
        /** Runs round k: local computation and the messages it needs. */
        void round(int k) throws Exception;

        /**
         * A snapshot for the observer right after round k — a copy, since the agent continues at
         * once. Called on the agent's own thread. Default: none.
         */
        default S snapshot(int k) {
            return null;
        }
    }

    /** Receives the snapshots of an observed round, off the agents' threads, rounds in order. */
    @FunctionalInterface
    public interface Observer<S> {
        /**
         * After round k: {@code snapshots.get(i)} is agent i's snapshot, {@code null} for an agent
         * crashed by round k.
         */
        void observe(int k, List<S> snapshots) throws Exception;
    }

    /** An agent (or the observer, agent = −1) failed; the run was stopped. */
    public static final class AgentFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int agent;
        private final int round;

        AgentFailure(int agent, int round, Throwable cause) {
            super((agent < 0 ? "observer" : "agent " + agent) + " failed in round " + round + ": " + cause, cause);
            this.agent = agent;
            this.round = round;
        }

        /** The failing agent's id, or −1 for the observer. */
        public int agent() { return agent; }
        public int round() { return round; }
    }

    /** What a finished run reports. */
    public record Summary(int agents, int rounds, long wallNanos, Traffic traffic, int undeliveredMessages) {}

    /** Runs without an observer. */
    public static <S> Summary run(InMemoryNetwork network, int rounds, List<? extends Agent<S>> agents) {
        return run(network, rounds, agents, k -> false, (k, s) -> {});
    }

    /**
     * Runs {@code agents} (agent i uses {@code network.endpoint(i)}) for rounds 0..rounds−1 and
     * returns when all have finished and the observer has seen every round k ∈ [0, rounds − 1]
     * with {@code observeAt.test(k)}.
     *
     * @throws AgentFailure if an agent or the observer threw
     */
    public static <S> Summary run(InMemoryNetwork network, int rounds, List<? extends Agent<S>> agents,
            IntPredicate observeAt, Observer<S> observer) {
        int n = network.size();
        if (agents.size() != n) {
            throw new IllegalArgumentException(agents.size() + " agents for a network of " + n);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be ≥ 0, got " + rounds);
        }
        return new Run<>(network, rounds, agents, observeAt, observer).execute();
    }

    private static final class Run<S> {
        private final InMemoryNetwork net;
        private final int rounds;
        private final List<? extends Agent<S>> agents;
        private final IntPredicate observeAt;
        private final Observer<S> observer;
        private final Faults faults;
        private final Object gate = new Object();
        private AgentFailure failure;
        // observed round → snapshots collected so far (guarded by gate)
        private final java.util.HashMap<Integer, Object[]> collecting = new java.util.HashMap<>();
        private final java.util.HashMap<Integer, Integer> collected = new java.util.HashMap<>();
        private final LinkedBlockingQueue<Object[]> ready = new LinkedBlockingQueue<>();
        private static final Object[] END = new Object[0];

        Run(InMemoryNetwork net, int rounds, List<? extends Agent<S>> agents, IntPredicate observeAt, Observer<S> observer) {
            this.net = net;
            this.rounds = rounds;
            this.agents = agents;
            this.observeAt = observeAt;
            this.observer = observer;
            this.faults = net.faults();
        }

        Summary execute() {
            long t0 = System.nanoTime();
            Thread watcher = Thread.ofVirtual().name("observer").start(this::observeLoop);
            List<Thread> threads = new ArrayList<>(agents.size());
            for (int i = 0; i < agents.size(); i++) {
                int id = i;
                threads.add(Thread.ofVirtual().name("agent-" + id).start(() -> agentLoop(id)));
            }
            for (Thread t : threads) {
                joinQuietly(t);
            }
            ready.add(END);
            joinQuietly(watcher);
            long wall = System.nanoTime() - t0;
            synchronized (gate) {
                if (failure != null) {
                    throw failure;
                }
            }
            return new Summary(agents.size(), rounds, wall, net.traffic(), net.pendingMessages());
        }

        private void agentLoop(int id) {
            Agent<S> agent = agents.get(id);
            int last = Math.min(rounds, faults.crashRound(id));
            int k = 0;
            try {
                for (; k < last; k++) {
                    if (net.stopped()) {
                        return;
                    }
                    long delay = faults.delayMillis(id);
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    agent.round(k);
                    net.roundCompleted(id, k);
                    if (observeAt.test(k)) {
                        deposit(k, id, agent.snapshot(k));
                    }
                }
            } catch (RunStoppedException e) {
                if (!net.stopped()) {
                    fail(new AgentFailure(id, k, e)); // e.g. interrupted while waiting, not a stop
                }
                // otherwise another agent's failure stopped the run; that failure is the one reported
            } catch (Throwable e) {
                fail(new AgentFailure(id, k, e));
            } finally {
                net.finished(id);
            }
        }

        private void fail(AgentFailure f) {
            synchronized (gate) {
                if (failure == null) {
                    failure = f;
                } else if (failure != f) {
                    failure.addSuppressed(f);
                }
            }
            net.stop(f.getMessage());
            ready.add(END);
        }

        private void deposit(int k, int id, S snapshot) {
            Object[] done = null;
            synchronized (gate) {
                Object[] slots = collecting.computeIfAbsent(k, r -> new Object[agents.size()]);
                slots[id] = snapshot;
                int count = collected.merge(k, 1, Integer::sum);
                if (count == expectedAt(k)) {
                    collecting.remove(k);
                    collected.remove(k);
                    done = new Object[] {k, slots};
                }
            }
            if (done != null) {
                ready.add(done);
            }
        }

        /** Agents still running at round k: all but those whose crash round is ≤ k. */
        private int expectedAt(int k) {
            int c = agents.size();
            for (var crash : faults.crashes().entrySet()) {
                if (crash.getKey() < agents.size() && crash.getValue() <= k) {
                    c--;
                }
            }
            return c;
        }

        /** The first observed round after {@code k}, or {@code rounds} if none. */
        private int nextObserved(int k) {
            int r = k + 1;
            while (r < rounds && !observeAt.test(r)) {
                r++;
            }
            return r;
        }

        /**
         * Hands completed rounds to the observer in round order. Rounds can complete out of order:
         * agents that do not exchange messages are not in step, and a round whose last snapshot
         * comes from an agent about to crash may complete after later rounds that no longer wait
         * for it. A completed round is therefore held back until every earlier observed round has
         * been delivered.
         */
        @SuppressWarnings("unchecked")
        private void observeLoop() {
            java.util.TreeMap<Integer, Object[]> held = new java.util.TreeMap<>();
            int next = nextObserved(-1);
            while (true) {
                Object[] item;
                try {
                    item = ready.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (item == END) {
                    return;
                }
                held.put((Integer) item[0], (Object[]) item[1]);
                while (held.containsKey(next)) {
                    int k = next;
                    List<S> snapshots = (List<S>) Arrays.asList(held.remove(k));
                    next = nextObserved(k);
                    synchronized (gate) {
                        if (failure != null) {
                            return;
                        }
                    }
                    try {
                        observer.observe(k, java.util.Collections.unmodifiableList(snapshots));
                    } catch (Throwable e) {
                        fail(new AgentFailure(-1, k, e));
                        return;
                    }
                }
            }
        }

        private static void joinQuietly(Thread t) {
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
