package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;

class InMemoryNetworkTest {
    @Test
    void messagesArriveByAddressInAnyOrderAndBytesIncludeTheHeader() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(4));
        Endpoint a = net.endpoint(0), b = net.endpoint(1);
        assertArrayEquals(new int[] {1, 3}, a.peers());
        a.send(1, 7, 0, new byte[] {1, 2, 3});
        a.send(1, 7, 1, new byte[] {4});
        a.send(1, 8, 0, new byte[0]);
        assertArrayEquals(new byte[] {4}, b.receive(0, 7, 1));
        assertArrayEquals(new byte[0], b.receive(0, 8, 0));
        assertArrayEquals(new byte[] {1, 2, 3}, b.receive(0, 7, 0));
        assertEquals(3 * 20 + 4, a.bytesSent());
        assertEquals(3 * 20 + 4, b.bytesReceived());
        assertEquals(3, a.messagesSent());
        assertEquals(0, net.pendingMessages(), "received messages are released");
    }

    @Test
    void receiveBlocksUntilTheMessageIsSent() throws Exception {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(3));
        AtomicReference<byte[]> got = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> got.set(net.endpoint(1).receive(0, 1, 5)));
        awaitBlocked(t);
        assertTrue(t.isAlive());
        net.endpoint(0).send(1, 1, 5, new byte[] {9});
        t.join();
        assertArrayEquals(new byte[] {9}, got.get());
    }

    @Test
    void onlyPeersCanBeContacted() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(5));
        var e = assertThrows(IllegalArgumentException.class, () -> net.endpoint(0).send(2, 1, 0, new byte[0]));
        assertTrue(e.getMessage().contains("agent 0 cannot send to agent 2: not a peer"), e.getMessage());
    }

    @Test
    void droppedMessagesAreDefinitelyMissingNotTimedOut() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(2), Faults.drops(1, 1.0));
        net.endpoint(0).send(1, 1, 0, new byte[] {1});
        assertNull(net.endpoint(1).receive(0, 1, 0));
        assertEquals(21, net.endpoint(0).bytesSent(), "a dropped message was still put on the wire");
        assertEquals(0, net.endpoint(1).bytesReceived());
    }

    @Test
    void dropsAreAPureFunctionOfTheSeedAndAddress() {
        Faults f = Faults.drops(42, 0.3);
        int dropped = 0;
        for (int k = 0; k < 2000; k++) {
            boolean d = f.dropped(3, 4, 1, k);
            assertEquals(d, Faults.drops(42, 0.3).dropped(3, 4, 1, k));
            dropped += d ? 1 : 0;
        }
        assertTrue(dropped > 500 && dropped < 700, "about 30% dropped, got " + dropped);
    }

    @Test
    void crashedSendersGiveNullFromTheirCrashRoundOn() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(2), Faults.none().withCrash(0, 3));
        net.endpoint(0).send(1, 1, 2, new byte[] {5});
        assertArrayEquals(new byte[] {5}, net.endpoint(1).receive(0, 1, 2));
        assertNull(net.endpoint(1).receive(0, 1, 3));
        net.endpoint(1).send(0, 1, 4, new byte[] {5});
        assertEquals(0, net.pendingMessages(), "messages to a crashed agent are discarded");
    }

    @Test
    void waitingForAFinishedAgentFailsClearly() throws Exception {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(3));
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                net.endpoint(1).receive(0, 2, 0);
            } catch (Throwable e) {
                err.set(e);
            }
        });
        awaitBlocked(t);
        net.finished(0);
        t.join();
        assertTrue(err.get().getMessage().contains("agent 1 waits for the message type 2 round 0 from agent 0, but that agent"
                + " has finished without sending it"), err.get().getMessage());
    }

    @Test
    void aDeadlockAmongAllLiveAgentsIsDetected() throws Exception {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(2));
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                net.endpoint(1).receive(0, 1, 0);
            } catch (Throwable e) {
                err.set(e);
            }
        });
        awaitBlocked(t);
        var e = assertThrows(IllegalStateException.class, () -> net.endpoint(0).receive(1, 1, 0));
        assertTrue(e.getMessage().startsWith("deadlock: all 2 live agents wait"), e.getMessage());
        net.stop("test over");
        t.join();
        assertTrue(err.get() instanceof RunStoppedException, String.valueOf(err.get()));
    }

    @Test
    void publishAndPullCountBytesOnlyWhenPulled() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(3));
        net.endpoint(0).publish(3, 0, new byte[] {1, 2});
        assertEquals(0, net.endpoint(0).bytesSent());
        assertArrayEquals(new byte[] {1, 2}, net.endpoint(1).pull(0, 3, 0));
        assertArrayEquals(new byte[] {1, 2}, net.endpoint(2).pull(0, 3, 0));
        assertEquals(2 * 22, net.endpoint(0).bytesSent());
        assertEquals(2 * 20, net.endpoint(0).bytesReceived(), "two header-only pull requests");
        assertEquals(20 + 22, net.endpoint(1).bytesSent() + net.endpoint(1).bytesReceived());
        // round 0's publication is kept until every agent has completed round 1
        for (int i = 0; i < 3; i++) {
            net.roundCompleted(i, 0);
        }
        assertEquals(1, net.pendingPublications());
        for (int i = 0; i < 3; i++) {
            net.roundCompleted(i, 1);
        }
        assertEquals(0, net.pendingPublications());
        var e = assertThrows(IllegalArgumentException.class, () -> net.endpoint(1).pull(0, 3, 0));
        assertTrue(e.getMessage().contains("only the current or previous round"), e.getMessage());
    }

    @Test
    void sendingTheSameAddressTwiceIsAnError() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(2));
        net.endpoint(0).send(1, 1, 0, new byte[0]);
        var e = assertThrows(IllegalStateException.class, () -> net.endpoint(0).send(1, 1, 0, new byte[0]));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void faultSpecsParse() {
        Faults f = Faults.parse("drop:0.25, crash:3@50, straggler:2@5", 9);
        assertEquals(0.25, f.dropProbability());
        assertEquals(50, f.crashRound(3));
        assertEquals(Integer.MAX_VALUE, f.crashRound(2));
        assertEquals(5, f.delayMillis(2));
        assertEquals(0, Faults.parse("none", 1).dropProbability());
        var e = assertThrows(IllegalArgumentException.class, () -> Faults.parse("crash:3", 1));
        assertTrue(e.getMessage().contains("needs AGENT@VALUE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Faults.parse("flood:1", 1));
        assertTrue(e.getMessage().contains("unknown fault 'flood:1'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Faults.parse("drop:2", 1));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    /** Waits until {@code t} is parked (waiting for a message), however loaded the machine is. */
    private static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(t.isAlive() && System.nanoTime() < deadline, "thread never blocked: " + t.getState());
            Thread.sleep(1);
        }
    }
}
