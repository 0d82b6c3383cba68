package peerlearn.experiment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import peerlearn.graph.Graph;
import peerlearn.net.Endpoint;

/**
 * Stand-in in-memory network until the net package's transport is merged: one mailbox slot per
 * (from, to, type, round), no faults. Replaced by peerlearn.net's in-memory transport.
 */
final class LoopbackNetwork {
    private static final int HEADER = 16;
    private final Graph graph;
    private final ConcurrentHashMap<String, CompletableFuture<byte[]>> slots = new ConcurrentHashMap<>();
    private final AtomicLong[] sent;
    private final AtomicLong[] received;
    private final AtomicLong[] messages;

    LoopbackNetwork(Graph graph) {
        this.graph = graph;
        int n = graph.size();
        sent = new AtomicLong[n];
        received = new AtomicLong[n];
        messages = new AtomicLong[n];
        for (int i = 0; i < n; i++) {
            sent[i] = new AtomicLong();
            received[i] = new AtomicLong();
            messages[i] = new AtomicLong();
        }
    }

    private CompletableFuture<byte[]> slot(int from, int to, int type, int round) {
        return slots.computeIfAbsent(from + ">" + to + ":" + type + "@" + round, k -> new CompletableFuture<>());
    }

    Endpoint endpoint(int self) {
        return new Endpoint() {
            @Override public int self() { return self; }
            @Override public int[] peers() { return graph.neighbours(self).clone(); }
            @Override public void send(int to, int type, int round, byte[] payload) {
                if (!graph.hasEdge(self, to)) {
                    throw new IllegalArgumentException("agent " + self + " cannot send to non-neighbour " + to);
                }
                sent[self].addAndGet(HEADER + payload.length);
                messages[self].incrementAndGet();
                slot(self, to, type, round).complete(payload.clone());
            }
            @Override public byte[] receive(int from, int type, int round) {
                byte[] p;
                try {
                    p = slot(from, self, type, round).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("agent " + self + " interrupted while waiting for agent " + from, e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e);
                }
                slots.remove(from + ">" + self + ":" + type + "@" + round);
                received[self].addAndGet(HEADER + p.length);
                return p;
            }
            @Override public void publish(int type, int round, byte[] payload) {
                throw new UnsupportedOperationException("publish");
            }
            @Override public byte[] pull(int from, int type, int round) {
                throw new UnsupportedOperationException("pull");
            }
            @Override public long bytesSent() { return sent[self].get(); }
            @Override public long bytesReceived() { return received[self].get(); }
            @Override public long messagesSent() { return messages[self].get(); }
        };
    }
}
