package peerlearn.net;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import peerlearn.graph.Graph;
import peerlearn.state.State;
import peerlearn.state.StateFormatException;
import peerlearn.state.Stateful;

/**
 * The in-memory transport: agents in one JVM exchanging {@link Frame}s as byte arrays.
 *
 * <p>Agent i may contact exactly its neighbours in the contact graph. A message is addressed by
 * (sender, receiver, type, round); {@code receive} blocks the calling (virtual) thread until that
 * exact message exists, so agents wait only for what they need and there is no global barrier.
 * Received messages are removed at once. A publication (publish/pull) of round k is kept until
 * every live agent has completed round k + 1 (as reported by {@link #roundCompleted}); pulls may
 * ask for the puller's current or previous round only.
 *
 * <p>No wait is endless: a receive from a crashed agent's round returns {@code null}; a receive
 * from an agent that has finished without sending, or a state where every live agent waits,
 * throws {@link IllegalStateException} naming who waits for what; after {@link #stop} every
 * waiting or sending agent gets a {@link RunStoppedException}.
 *
 * <p>A frame is encoded once per send (once for all receivers of a {@code sendEach}); several
 * inboxes may hold the same array, but no agent ever gets it: a receiver gets a copy of the
 * payload ({@code receive}, {@code pull}) or a read-only view of it ({@code receiveView},
 * {@code pullView}), so agents still share no mutable state.
 *
 * <p><b>Frames are written again.</b> A data frame's array goes back to its sender once every
 * receiver it was delivered to has taken it and completed the round it took it in (the view's
 * lifetime, see {@link Endpoint#receiveView}), and the sender's next send of that length writes
 * its header and payload ({@link Endpoint#sendEach(int[], int, int, Endpoint.Payload)}: straight
 * from the vector) into it. In steady state an agent then allocates no frames at all, so the
 * gossip of a large model touches the same memory round after round instead of fresh heap. A
 * frame never taken (a message nobody asks for), restored from a checkpoint or taken by an agent
 * that does not report its rounds (an endpoint driven without the runtime) is simply left to the
 * collector. Publications are never written again.
 *
 * <p>Bytes are counted as they cross the wire: a send counts header + payload at the sender
 * (even if the fault model then drops it) and at the receiver when received; a pull counts a
 * header-only request from the puller and the publisher's reply frame.
 */
public final class InMemoryNetwork implements Stateful {
    private final Graph contacts;
    private final Faults faults;
    private final int n;
    private final Port[] ports;
    private final byte[] droppedMarker = new byte[0];

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition[] wake;
    private final List<HashMap<Key, byte[]>> inbox = new ArrayList<>();
    private final Key[] waitingFor;
    private final HashMap<Key, byte[]> published = new HashMap<>();
    private final TreeMap<Integer, List<Key>> publishedByRound = new TreeMap<>();
    private final HashMap<Key, List<Integer>> pullers = new HashMap<>();
    private final int[] completed;
    // publisher → (puller's round → reply bytes of the pulls made in that round), see bytesSentThrough
    private final List<TreeMap<Integer, Long>> replies = new ArrayList<>();
    private final TreeMap<Integer, Integer> agentsAtRound = new TreeMap<>();
    private final boolean[] finished;
    private int live;
    private int blocked;
    private int releasedThrough = -1;
    private String stopReason;
    // data frames to be written again (see the class comment): frame → its sender and how many
    // still hold it (the sender while it sends, then each receiver it was delivered to until the
    // end of the round in which it takes it); per agent, the frames it took in its current round
    // and the frames free for its own next sends
    private final java.util.IdentityHashMap<byte[], Hold> holds = new java.util.IdentityHashMap<>();
    private final List<List<byte[]>> taken = new ArrayList<>();
    private final List<java.util.ArrayDeque<byte[]>> spares = new ArrayList<>();
    private long framesAllocated;
    /** Spare frames kept per sender (a round's model and gradient frames, twice over, fit). */
    private static final int SPARES = 4;
    /** Frames an agent may take in one round before it is taken not to report rounds. */
    private static final int MAX_TAKEN = 256;

    /** A data frame in use: its sender and the number of holders. */
    private static final class Hold {
        final int sender;
        int count = 1;

        Hold(int sender) {
            this.sender = sender;
        }
    }

    /** Address of a message (kind DATA) or a publication (kind PULL_REPLY, to = −1). */
    private record Key(int kind, int from, int to, int type, int round) {
        @Override
        public String toString() {
            return (kind == Frame.DATA ? "message" : "publication") + " type " + type + " round " + round
                    + " from agent " + from;
        }
    }

    /** A network on the agents of {@code contacts}, with the given faults. */
    public InMemoryNetwork(Graph contacts, Faults faults) {
        this.contacts = contacts;
        this.faults = faults;
        this.n = contacts.size();
        this.ports = new Port[n];
        this.wake = new Condition[n];
        this.waitingFor = new Key[n];
        this.completed = new int[n];
        this.finished = new boolean[n];
        this.live = n;
        for (int i = 0; i < n; i++) {
            ports[i] = new Port(i);
            wake[i] = lock.newCondition();
            inbox.add(new HashMap<>());
            replies.add(new TreeMap<>());
            taken.add(new ArrayList<>());
            spares.add(new java.util.ArrayDeque<>());
            completed[i] = -1;
        }
        if (n > 0) {
            agentsAtRound.put(-1, n);
        }
    }

    /** A fault-free network. */
    public InMemoryNetwork(Graph contacts) {
        this(contacts, Faults.none());
    }

    public int size() { return n; }
    public Faults faults() { return faults; }
    public Graph contacts() { return contacts; }

    /** Agent i's endpoint (the same object on every call). */
    public Endpoint endpoint(int i) {
        return port(i);
    }

    /** Messages sent but not yet received (e.g. never asked for), over the whole network. */
    public int pendingMessages() {
        lock.lock();
        try {
            int c = 0;
            for (var box : inbox) {
                c += box.size();
            }
            return c;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Data frame arrays allocated so far, over the whole network: with frames written again, about
     * two per agent and message length in steady state, whatever the number of rounds.
     */
    public long framesAllocated() {
        lock.lock();
        try {
            return framesAllocated;
        } finally {
            lock.unlock();
        }
    }

    /** Publications not yet released. */
    public int pendingPublications() {
        lock.lock();
        try {
            return published.size();
        } finally {
            lock.unlock();
        }
    }

    /** Total bytes put on the wire by all agents. */
    public long totalBytesSent() {
        long s = 0;
        for (Port p : ports) {
            s += p.bytesSent.get();
        }
        return s;
    }

    /** Total messages put on the wire by all agents (pull requests and replies included). */
    public long totalMessagesSent() {
        long s = 0;
        for (Port p : ports) {
            s += p.messagesSent.get();
        }
        return s;
    }

    /**
     * The bytes agent i put on the wire in rounds 0..k, given {@code own}, what its endpoint had
     * counted of its own sends and pull requests right after its round k: plus the reply frames
     * of the pulls its peers made from it in their rounds 0..k. Unlike {@link Endpoint#bytesSent()}
     * read at some moment, this does not depend on how far the pullers have got, provided every
     * live agent has completed round k (as when the runtime's observer sees round k).
     */
    public long bytesSentThrough(int agent, int round, long own) {
        lock.lock();
        try {
            long r = 0;
            for (long b : replies.get(agent).headMap(round, true).values()) {
                r += b;
            }
            return own + r;
        } finally {
            lock.unlock();
        }
    }

    /** Agent i has finished round k: publications every live agent is two rounds past are released. */
    public void roundCompleted(int agent, int round) {
        lock.lock();
        try {
            if (finished[agent]) {
                return;
            }
            roundEnded(agent);
            move(completed[agent], round);
            completed[agent] = round;
            release();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Agent i will send nothing more (it ran all its rounds, crashed, or failed). Agents waiting
     * for it are woken and fail clearly; if all remaining live agents wait, that is a deadlock.
     */
    public void finished(int agent) {
        lock.lock();
        try {
            if (finished[agent]) {
                return;
            }
            finished[agent] = true;
            roundEnded(agent);
            live--;
            move(completed[agent], Integer.MIN_VALUE);
            release();
            for (int j = 0; j < n; j++) {
                if (waitingFor[j] != null && (waitingFor[j].from == agent || blocked == live)) {
                    wake[j].signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the run: every agent waiting now or later gets a {@link RunStoppedException}. */
    public void stop(String reason) {
        lock.lock();
        try {
            if (stopReason == null) {
                stopReason = reason;
            }
            for (Condition c : wake) {
                c.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean stopped() {
        lock.lock();
        try {
            return stopReason != null;
        } finally {
            lock.unlock();
        }
    }

    private Port port(int i) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("agent " + i + " outside [0, " + n + ")");
        }
        return ports[i];
    }

    // ---- under the lock -------------------------------------------------------------------

    /** A frame of {@code bytes} for the sender's next send, held by it: a spare one of that length, else a new one. */
    private byte[] frameFor(int sender, int bytes) {
        byte[] frame = null;
        for (var it = spares.get(sender).iterator(); it.hasNext(); ) {
            byte[] f = it.next();
            if (f.length == bytes) {
                it.remove();
                frame = f;
                break;
            }
        }
        if (frame == null) {
            frame = new byte[bytes];
            framesAllocated++;
        }
        holds.put(frame, new Hold(sender));
        return frame;
    }

    /** One holder lets go of the frame; the last one hands it back to its sender. */
    private void letGo(byte[] frame) {
        Hold h = holds.get(frame);
        if (h == null) {
            return; // not written again (see the class comment)
        }
        if (--h.count == 0) {
            holds.remove(frame);
            var free = spares.get(h.sender);
            if (free.size() < SPARES) {
                free.push(frame);
            }
        }
    }

    /** The receiver took the frame from its inbox: it holds it until its round ends. */
    private void took(int receiver, byte[] frame) {
        if (!holds.containsKey(frame)) {
            return;
        }
        List<byte[]> held = taken.get(receiver);
        if (held.size() == MAX_TAKEN) {
            // an agent this far without reporting a round is driven without the runtime: its frames
            // (and any it takes later in this round) are left to the collector, never written again
            for (byte[] f : held) {
                holds.remove(f);
            }
            held.clear();
            holds.remove(frame);
            return;
        }
        held.add(frame);
    }

    /** The agent's round is over: it lets go of the frames it took in it. */
    private void roundEnded(int agent) {
        List<byte[]> held = taken.get(agent);
        for (byte[] f : held) {
            letGo(f);
        }
        held.clear();
    }

    private void move(int from, int to) {
        agentsAtRound.merge(from, -1, (a, b) -> a + b == 0 ? null : a + b);
        if (to != Integer.MIN_VALUE) {
            agentsAtRound.merge(to, 1, Integer::sum);
        }
    }

    /** Releases publications of rounds r with every live agent past round r + 1. */
    private void release() {
        int minCompleted = agentsAtRound.isEmpty() ? Integer.MAX_VALUE : agentsAtRound.firstKey();
        int through = minCompleted == Integer.MAX_VALUE ? Integer.MAX_VALUE - 1 : minCompleted - 1;
        while (!publishedByRound.isEmpty() && publishedByRound.firstKey() <= through) {
            for (Key k : publishedByRound.pollFirstEntry().getValue()) {
                published.remove(k);
            }
        }
        releasedThrough = Math.max(releasedThrough, through);
    }

    private RunStoppedException stoppedError() {
        return new RunStoppedException("run stopped: " + stopReason);
    }

    /** Waits (lock held) until {@code lookup} finds the item; registers agent {@code self} as blocked. */
    private byte[] await(int self, Key key) {
        while (true) {
            byte[] found = key.kind == Frame.DATA ? inbox.get(self).remove(key) : published.get(key);
            if (found != null) {
                return found;
            }
            if (stopReason != null) {
                throw stoppedError();
            }
            if (key.kind != Frame.DATA && key.round <= releasedThrough) {
                throw new IllegalStateException("agent " + self + " pulls the " + key + ", already released");
            }
            if (finished[key.from]) {
                throw new IllegalStateException("agent " + self + " waits for the " + key
                        + ", but that agent has finished without sending it");
            }
            waitingFor[self] = key;
            blocked++;
            if (key.kind != Frame.DATA) {
                pullers.computeIfAbsent(key, k -> new ArrayList<>()).add(self);
            }
            if (blocked == live) {
                unregister(self, key);
                throw new IllegalStateException("deadlock: all " + live + " live agents wait for messages nobody will send: "
                        + describeWaits(self, key));
            }
            try {
                wake[self].await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (stopReason == null) {
                    unregister(self, key);
                    throw new RunStoppedException("agent " + self + " interrupted while waiting for the " + key);
                }
            }
            if (waitingFor[self] != null) {
                unregister(self, key);
            }
        }
    }

    private void unregister(int self, Key key) {
        waitingFor[self] = null;
        blocked--;
        if (key.kind != Frame.DATA) {
            List<Integer> w = pullers.get(key);
            if (w != null) {
                w.remove(Integer.valueOf(self));
                if (w.isEmpty()) {
                    pullers.remove(key);
                }
            }
        }
    }

    private String describeWaits(int self, Key key) {
        StringBuilder sb = new StringBuilder("agent " + self + " waits for the " + key);
        int shown = 0;
        for (int j = 0; j < n && shown < 8; j++) {
            if (j != self && waitingFor[j] != null) {
                sb.append("; agent ").append(j).append(" waits for the ").append(waitingFor[j]);
                shown++;
            }
        }
        return sb.toString();
    }

    private void wakeFor(Key key, int receiver) {
        if (key.kind == Frame.DATA) {
            if (key.equals(waitingFor[receiver])) {
                waitingFor[receiver] = null;
                blocked--;
                wake[receiver].signal();
            }
        } else {
            List<Integer> w = pullers.remove(key);
            if (w != null) {
                for (int j : w) {
                    waitingFor[j] = null;
                    blocked--;
                    wake[j].signal();
                }
            }
        }
    }

    /** One agent's endpoint. */
    private final class Port implements Endpoint {
        private final int self;
        private final AtomicLong bytesSent = new AtomicLong();
        private final AtomicLong bytesReceived = new AtomicLong();
        private final AtomicLong messagesSent = new AtomicLong();
        private final AtomicLong ownSent = new AtomicLong();

        Port(int self) {
            this.self = self;
        }

        @Override public int self() { return self; }
        @Override public int[] peers() { return contacts.neighbours(self).clone(); }
        @Override public long bytesSent() { return bytesSent.get(); }
        @Override public long bytesReceived() { return bytesReceived.get(); }
        @Override public long messagesSent() { return messagesSent.get(); }

        /** Bytes of this agent's own sends and pull requests (not the replies to others' pulls). */
        @Override public long ownBytesSent() { return ownSent.get(); }

        private void requirePeer(int other, String action) {
            if (!contacts.hasEdge(self, other)) {
                throw new IllegalArgumentException("agent " + self + " cannot " + action + " agent " + other
                        + ": not a peer in " + contacts.name() + " (peers " + java.util.Arrays.toString(contacts.neighbours(self)) + ")");
            }
        }

        @Override
        public void send(int to, int type, int round, byte[] payload) {
            sendEach(new int[] {to}, type, round, payload);
        }

        @Override
        public void sendEach(int[] to, int type, int round, byte[] payload) {
            sendEach(to, type, round, new Payload() {
                @Override
                public int bytes() {
                    return payload.length;
                }

                @Override
                public void writeTo(ByteBuffer out) {
                    out.put(0, payload);
                }
            });
        }

        @Override
        public void sendEach(int[] to, int type, int round, Payload payload) {
            for (int j : to) {
                requirePeer(j, "send to");
            }
            // one frame for all receivers, which get copies or read-only views of it; a spare one of
            // this sender's when one is free, written again (see the class comment)
            byte[] frame;
            lock.lock();
            try {
                frame = frameFor(self, Frame.wireSize(payload.bytes()));
            } finally {
                lock.unlock();
            }
            try {
                payload.writeTo(Frame.writeHeader(frame, Frame.DATA, type, round, self));
                for (int j : to) {
                    deliver(j, type, round, frame);
                }
            } finally {
                lock.lock();
                try {
                    letGo(frame); // the sender's own hold
                } finally {
                    lock.unlock();
                }
            }
        }

        private void deliver(int to, int type, int round, byte[] frame) {
            boolean drop = faults.dropped(self, to, type, round);
            lock.lock();
            try {
                if (stopReason != null) {
                    throw stoppedError();
                }
                if (faults.crashed(self, round)) {
                    return; // a crashed agent sends nothing
                }
                bytesSent.addAndGet(frame.length);
                ownSent.addAndGet(frame.length);
                messagesSent.incrementAndGet();
                if (faults.crashed(to, round)) {
                    return; // lost at a crashed receiver
                }
                Key key = new Key(Frame.DATA, self, to, type, round);
                if (inbox.get(to).putIfAbsent(key, drop ? droppedMarker : frame) != null) {
                    throw new IllegalStateException("agent " + self + " sends type " + type + " round " + round
                            + " to agent " + to + " twice");
                }
                Hold h = drop ? null : holds.get(frame);
                if (h != null) {
                    h.count++; // held by the receiver until it takes it and ends that round
                }
                wakeFor(key, to);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public byte[] receive(int from, int type, int round) {
            return copy(receiveView(from, type, round));
        }

        @Override
        public ByteBuffer receiveView(int from, int type, int round) {
            requirePeer(from, "receive from");
            if (faults.crashed(from, round)) {
                return null;
            }
            byte[] frame;
            lock.lock();
            try {
                frame = await(self, new Key(Frame.DATA, from, self, type, round));
                took(self, frame);
            } finally {
                lock.unlock();
            }
            if (frame == droppedMarker) {
                return null;
            }
            bytesReceived.addAndGet(frame.length);
            return open(frame, Frame.DATA, from, type, round);
        }

        @Override
        public void publish(int type, int round, byte[] payload) {
            byte[] frame = new Frame(Frame.PULL_REPLY, type, round, self, payload).encode();
            lock.lock();
            try {
                if (stopReason != null) {
                    throw stoppedError();
                }
                if (faults.crashed(self, round)) {
                    return;
                }
                Key key = new Key(Frame.PULL_REPLY, self, -1, type, round);
                if (round <= releasedThrough) {
                    throw new IllegalStateException("agent " + self + " publishes type " + type + " for round " + round
                            + ", which every agent has already left");
                }
                if (published.putIfAbsent(key, frame) != null) {
                    throw new IllegalStateException("agent " + self + " publishes type " + type + " round " + round + " twice");
                }
                publishedByRound.computeIfAbsent(round, r -> new ArrayList<>()).add(key);
                wakeFor(key, -1);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public byte[] pull(int from, int type, int round) {
            return copy(pullView(from, type, round));
        }

        @Override
        public ByteBuffer pullView(int from, int type, int round) {
            requirePeer(from, "pull from");
            Port publisher = ports[from];
            int header = Frame.wireSize(0);
            byte[] frame;
            lock.lock();
            try {
                int current = completed[self] + 1;
                if (round < current - 1 || round > current) {
                    throw new IllegalArgumentException("agent " + self + " in round " + current + " pulls round " + round
                            + " from agent " + from + "; only the current or previous round can be pulled");
                }
                if (stopReason != null) {
                    throw stoppedError();
                }
                bytesSent.addAndGet(header); // the request
                ownSent.addAndGet(header);
                messagesSent.incrementAndGet();
                publisher.bytesReceived.addAndGet(header);
                if (faults.crashed(from, round) || faults.dropped(from, self, type, round)) {
                    return null;
                }
                frame = await(self, new Key(Frame.PULL_REPLY, from, -1, type, round));
                replies.get(from).merge(current, (long) frame.length, Long::sum);
            } finally {
                lock.unlock();
            }
            publisher.bytesSent.addAndGet(frame.length);
            publisher.messagesSent.incrementAndGet();
            bytesReceived.addAndGet(frame.length);
            return open(frame, Frame.PULL_REPLY, from, type, round);
        }

        /** The frame's payload as a read-only view, after checking its header is the one asked for. */
        private ByteBuffer open(byte[] bytes, int kind, int from, int type, int round) {
            Frame.View f = Frame.view(bytes);
            if (f.kind() != kind || f.sender() != from || f.type() != type || f.round() != round) {
                throw new IllegalStateException("agent " + self + " expected kind " + kind + " type " + type + " round "
                        + round + " from agent " + from + " but the frame says kind " + f.kind() + " type " + f.type()
                        + " round " + f.round() + " from agent " + f.sender());
            }
            return f.payload();
        }

        /** A payload of the receiver's own: a copy of the view, or null. */
        private static byte[] copy(ByteBuffer view) {
            if (view == null) {
                return null;
            }
            byte[] out = new byte[view.remaining()];
            view.get(0, out);
            return out;
        }
    }

    /**
     * The network between two rounds, for a checkpoint: each agent's last completed round, whether
     * it has finished (crashed), its byte and message counters, every message not yet received
     * (dropped ones as null) and every publication not yet released, in a fixed order. Only call
     * it while no agent is inside a send, receive, publish or pull (the runtime saves while every
     * agent waits at a checkpoint, and restores before any starts); restoring checks every
     * address and frame.
     */
    @Override
    public void state(State s) {
        lock.lock();
        try {
            if (blocked != 0) {
                throw new IllegalStateException(blocked + " agents wait for messages: the network is not between rounds");
            }
            s.ints("completed", completed);
            s.flags("finished", finished);
            if (s.restoring()) { // frames in use before are left to the collector
                holds.clear();
                taken.forEach(List::clear);
                spares.forEach(java.util.ArrayDeque::clear);
            }
            long[] sent = new long[n], received = new long[n], messages = new long[n], own = new long[n];
            for (int i = 0; i < n; i++) {
                sent[i] = ports[i].bytesSent.get();
                received[i] = ports[i].bytesReceived.get();
                messages[i] = ports[i].messagesSent.get();
                own[i] = ports[i].ownSent.get();
            }
            s.longs("bytes_sent", sent);
            s.longs("bytes_received", received);
            s.longs("messages_sent", messages);
            s.longs("own_bytes_sent", own);
            for (int i = 0; i < n; i++) {
                TreeMap<Integer, Long> r = replies.get(i);
                int[] rounds = s.intArray("reply_rounds_" + i, r.keySet().stream().mapToInt(Integer::intValue).toArray());
                long[] bytes = new long[rounds.length];
                if (!s.restoring()) {
                    int t = 0;
                    for (long b : r.values()) {
                        bytes[t++] = b;
                    }
                }
                s.longs("reply_bytes_" + i, bytes);
                if (s.restoring()) {
                    r.clear();
                    for (int u = 0; u < rounds.length; u++) {
                        r.put(rounds[u], bytes[u]);
                    }
                }
            }
            releasedThrough = s.count("released_through", releasedThrough);
            for (int i = 0; i < n; i++) {
                items(s, "inbox_" + i, inbox.get(i), Frame.DATA, i);
            }
            items(s, "published", published, Frame.PULL_REPLY, -1);
            if (s.restoring()) {
                live = 0;
                agentsAtRound.clear();
                for (int i = 0; i < n; i++) {
                    ports[i].bytesSent.set(sent[i]);
                    ports[i].bytesReceived.set(received[i]);
                    ports[i].messagesSent.set(messages[i]);
                    ports[i].ownSent.set(own[i]);
                    if (completed[i] < -1) {
                        throw new StateFormatException(s.path("completed") + ": agent " + i + " completed round " + completed[i]);
                    }
                    if (!finished[i]) {
                        live++;
                        agentsAtRound.merge(completed[i], 1, Integer::sum);
                    }
                }
                publishedByRound.clear();
                for (Key k : published.keySet().stream().sorted(ORDER).toList()) {
                    publishedByRound.computeIfAbsent(k.round, r -> new ArrayList<>()).add(k);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static final java.util.Comparator<Key> ORDER = java.util.Comparator.comparingInt(Key::round)
            .thenComparingInt(Key::from).thenComparingInt(Key::to).thenComparingInt(Key::type);

    /** The messages of one inbox (or the publications): count, then (sender, type, round, frame) each. */
    private void items(State s, String name, HashMap<Key, byte[]> map, int kind, int to) {
        List<Key> keys = map.keySet().stream().sorted(ORDER).toList();
        int count = s.count(name + "/count", keys.size());
        if (count < 0) {
            throw new StateFormatException(s.path(name + "/count") + ": negative count " + count);
        }
        if (s.restoring()) {
            map.clear();
        }
        for (int t = 0; t < count; t++) {
            Key k = s.restoring() ? null : keys.get(t);
            int[] address = k == null ? new int[3] : new int[] {k.from, k.type, k.round};
            s.ints(name + "/address", address);
            byte[] frame = s.bytes(name + "/frame", k == null || map.get(k) == droppedMarker ? null : map.get(k));
            if (s.restoring()) {
                Key key = new Key(kind, address[0], to, address[1], address[2]);
                String entry = s.path(name) + " item " + t;
                if (key.from < 0 || key.from >= n) {
                    throw new StateFormatException(entry + ": sender " + key.from + " outside [0, " + n + ")");
                }
                if (frame == null && kind != Frame.DATA) {
                    throw new StateFormatException(entry + ": a publication without a frame");
                }
                if (frame != null) {
                    Frame f;
                    try {
                        f = Frame.decode(frame);
                    } catch (MalformedMessageException e) {
                        throw new StateFormatException(entry + ": " + e.getMessage());
                    }
                    if (f.kind() != kind || f.sender() != key.from || f.type() != key.type || f.round() != key.round) {
                        throw new StateFormatException(entry + ": the frame says " + f + ", the address " + key);
                    }
                }
                if (map.putIfAbsent(key, frame == null ? droppedMarker : frame) != null) {
                    throw new StateFormatException(entry + ": the " + key + " twice");
                }
            }
        }
    }

    /** Per-agent byte and message counts so far. */
    public Traffic traffic() {
        long[] sent = new long[n], received = new long[n], messages = new long[n];
        for (int i = 0; i < n; i++) {
            sent[i] = ports[i].bytesSent.get();
            received[i] = ports[i].bytesReceived.get();
            messages[i] = ports[i].messagesSent.get();
        }
        return new Traffic(sent, received, messages);
    }
}
