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
 * <p>Checkpoints ({@link Options}): after each round k with {@code checkpointAt.test(k)}, every
 * agent not crashed by round k saves its own state ({@link Agent#save}) on its own thread and
 * waits. Once all have, and the observer has seen every observed round up to k, the
 * {@link Saver} is called on the observer's thread: the network is then quiescent (no agent is
 * inside a send, receive or pull) so it can be saved too. Then the agents go on. This is the
 * only barrier the runtime adds, and only at checkpoint rounds. A run can also start at a later
 * round (after a restore) and can be stopped after a given round as if the process had been
 * killed there ({@code haltAfter}, for tests).
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

        /** This agent's whole state right after round k, as bytes, for a checkpoint. Called on its own thread. */
        default byte[] save(int k) {
            throw new UnsupportedOperationException("this agent cannot be checkpointed");
        }
    }

    /** Receives every live agent's saved state at a checkpoint (null for a crashed agent). */
    @FunctionalInterface
    public interface Saver {
        void save(int k, List<byte[]> states) throws Exception;
    }

    /**
     * How a run goes: rounds {@code start}..K−1 (start > 0 after a restore), checkpoints after the
     * rounds {@code checkpointAt} accepts, and a stop after round {@code haltAfter} (every agent
     * leaves as if the process had been killed; {@code Integer.MAX_VALUE} for never).
     */
    public record Options(int start, IntPredicate checkpointAt, Saver saver, int haltAfter) {
        public static Options plain() {
            return new Options(0, k -> false, (k, states) -> {}, Integer.MAX_VALUE);
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
        return run(network, rounds, agents, observeAt, observer, Options.plain());
    }

    /** As {@link #run(InMemoryNetwork, int, List, IntPredicate, Observer)}, with checkpoints, a start round and a halt. */
    public static <S> Summary run(InMemoryNetwork network, int rounds, List<? extends Agent<S>> agents,
            IntPredicate observeAt, Observer<S> observer, Options options) {
        int n = network.size();
        if (agents.size() != n) {
            throw new IllegalArgumentException(agents.size() + " agents for a network of " + n);
        }
        if (options.start() < 0 || options.start() > rounds) {
            throw new IllegalArgumentException("start round " + options.start() + " outside [0, " + rounds + "]");
        }
        return new Run<>(network, rounds, agents, observeAt, observer, options).execute();
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
        private static final String CHECKPOINT = "checkpoint";
        private final Options options;
        // checkpoint round → states saved so far, and the last checkpoint the saver has finished (guarded by gate)
        private final java.util.HashMap<Integer, Object[]> saving = new java.util.HashMap<>();
        private final java.util.HashMap<Integer, Integer> saved = new java.util.HashMap<>();
        private int checkpointed = Integer.MIN_VALUE;

        Run(InMemoryNetwork net, int rounds, List<? extends Agent<S>> agents, IntPredicate observeAt, Observer<S> observer,
            Options options) {
            this.options = options;
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
            int k = options.start();
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
                    if (options.checkpointAt().test(k) && !checkpoint(k, id, agent.save(k))) {
                        return; // the run failed while this agent waited; that failure is the one reported
                    }
                    if (k == options.haltAfter()) {
                        return;
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
                gate.notifyAll(); // agents waiting at a checkpoint
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

        /**
         * Hands this agent's state to the checkpoint of round k and waits until the saver has
         * written it; false if the run failed meanwhile.
         */
        private boolean checkpoint(int k, int id, byte[] state) throws InterruptedException {
            synchronized (gate) {
                Object[] slots = saving.computeIfAbsent(k, r -> new Object[agents.size()]);
                slots[id] = state;
                if (saved.merge(k, 1, Integer::sum) == expectedAt(k)) {
                    saving.remove(k);
                    saved.remove(k);
                    ready.add(new Object[] {k, slots, CHECKPOINT});
                }
                while (checkpointed < k && failure == null) {
                    gate.wait();
                }
                return failure == null;
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
            int next = nextObserved(options.start() - 1);
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
                if (item.length == 3) { // a checkpoint: every observed round up to it has been delivered
                    int k = (Integer) item[0];
                    try {
                        if (next <= k) {
                            throw new IllegalStateException("checkpoint after round " + k + " before the observation of round "
                                    + next);
                        }
                        options.saver().save(k, (List<byte[]>) (List<?>) Arrays.asList((Object[]) item[1]));
                    } catch (Throwable e) {
                        fail(new AgentFailure(-1, k, e));
                        return;
                    }
                    synchronized (gate) {
                        checkpointed = k;
                        gate.notifyAll();
                    }
                    continue;
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
