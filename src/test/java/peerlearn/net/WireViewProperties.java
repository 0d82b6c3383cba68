package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import peerlearn.graph.Graphs;
import peerlearn.rng.Rng;

/**
 * The zero-copy paths: {@link Frame#view}, {@link Codec#decodeInto(ByteBuffer, float[])},
 * {@link Codec#denseInto}, {@link Endpoint#sendEach} and {@link Endpoint#receiveView}. They must
 * give the very bits, errors and byte counts of the copying paths.
 */
class WireViewProperties {
    /** Bit patterns a float array must carry unchanged: signed zeros, subnormals, infinities, NaNs with payloads. */
    private static final int[] SPECIAL_BITS = {0x00000000, 0x80000000, 0x00000001, 0x807FFFFF, 0x00400000,
            0x7F800000, 0xFF800000, 0x7FC00000, 0x7FC00001, 0xFFC12345, 0x7F800001, 0xFFBFFFFF, 0x7F7FFFFF};

    /** d floats: random bit patterns (any float, NaNs included) with the special ones mixed in. */
    private static float[] anyFloats(int d, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            int bits = rng.nextInt(3) == 0 ? SPECIAL_BITS[rng.nextInt(SPECIAL_BITS.length)] : (int) rng.nextLong();
            v[i] = Float.intBitsToFloat(bits);
        }
        return v;
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @Test
    void denseVectorsSurviveTheViewPathBitForBit() {
        qt().withExamples(300).forAll(integers().between(0, 70), longs().all()).checkAssert((d, seed) -> {
            float[] v = anyFloats(d, seed);
            byte[] payload = Codec.dense(v);
            assertArrayEquals(payload, Codec.denseInto(v, new byte[Codec.denseBytes(d)]), "denseInto = dense");
            Frame.View f = Frame.view(new Frame(Frame.DATA, 1, 2, 3, payload).encode());
            float[] out = new float[d];
            Codec.decodeInto(f.payload(), out);
            assertArrayEquals(bits(v), bits(out), "d = " + d);
            assertEquals(0, f.payload().position(), "decoding leaves the view where it was");
            float[] again = new float[d];
            Codec.decodeInto(f.payload(), again);
            assertArrayEquals(bits(v), bits(again), "a view decodes twice to the same bits");
        });
    }

    @Test
    void truncatedFramesAndPayloadsAreRefusedWithNamedErrors() {
        float[] v = {1f, -0f, Float.NaN};
        byte[] payload = Codec.dense(v);
        byte[] frame = new Frame(Frame.DATA, 1, 4, 2, payload).encode();
        for (int n = 0; n < frame.length; n++) {
            byte[] cut = Arrays.copyOf(frame, n);
            var e = assertThrows(MalformedMessageException.class, () -> Frame.view(cut));
            String expected = n < Frame.HEADER_BYTES ? "truncated: " : "payload length field says 17 bytes but " + (n - 20);
            assertTrue(e.getMessage().startsWith("message of " + n + " bytes: "), e.getMessage());
            assertTrue(e.getMessage().contains(expected), n + " bytes: " + e.getMessage());
        }
        String[] fields = {"encoding tag", "dimension", "dimension", "dimension", "dimension"};
        for (int n = 0; n < payload.length; n++) {
            ByteBuffer cut = ByteBuffer.wrap(frame, Frame.HEADER_BYTES, n).asReadOnlyBuffer();
            var e = assertThrows(MalformedMessageException.class, () -> Codec.decodeInto(cut, new float[3]));
            String field = n < fields.length ? fields[n] : "values";
            assertTrue(e.getMessage().startsWith("vector payload of " + n + " bytes: truncated: " + field + " needs"),
                    n + " bytes: " + e.getMessage());
        }
        var extra = assertThrows(MalformedMessageException.class,
                () -> Codec.decodeInto(ByteBuffer.wrap(Arrays.copyOf(payload, payload.length + 3)), new float[3]));
        assertTrue(extra.getMessage().contains("3 unexpected trailing byte(s) at offset 17"), extra.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Codec.decodeInto((ByteBuffer) null, new float[3]));
        assertTrue(none.getMessage().contains("dropped message"), none.getMessage());
        var size = assertThrows(IllegalArgumentException.class, () -> Codec.denseInto(v, new byte[16]));
        assertTrue(size.getMessage().contains("dense encoding of 3 floats needs 17 bytes, the array has 16"), size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Codec.denseInto(v, new byte[18]), "a longer array would leave stale bytes");
    }

    @Test
    void receiversGetReadOnlyViewsOrCopiesOfTheirOwn() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(4));
        byte[] payload = {1, 2, 3};
        net.endpoint(0).sendEach(new int[] {1, 3}, 5, 0, payload);
        payload[0] = 9; // the sender may reuse its array once sendEach returns
        ByteBuffer view = net.endpoint(1).receiveView(0, 5, 0);
        assertTrue(view.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 7));
        assertEquals(3, view.remaining());
        assertEquals(0, view.position());
        byte[] copy = net.endpoint(3).receive(0, 5, 0);
        assertArrayEquals(new byte[] {1, 2, 3}, copy);
        copy[1] = 8; // a receiver's copy is its own
        assertEquals(2, view.get(1));
        assertEquals(1, view.get(0));
    }

    @Test
    void sendEachPutsOnTheWireWhatOneSendPerReceiverWould() {
        Faults drops = Faults.drops(7, 0.4);
        int[] to = {1, 3, 4};
        long[] sentEach = new long[5], sentOne = new long[5], recvEach = new long[5], recvOne = new long[5];
        for (boolean each : new boolean[] {true, false}) {
            InMemoryNetwork net = new InMemoryNetwork(Graphs.complete(5), drops);
            for (int k = 0; k < 20; k++) {
                byte[] p = Codec.dense(new float[k]);
                if (each) {
                    net.endpoint(0).sendEach(to, 2, k, p);
                } else {
                    for (int j : to) {
                        net.endpoint(0).send(j, 2, k, p);
                    }
                }
                for (int j : to) {
                    ByteBuffer in = net.endpoint(j).receiveView(0, 2, k);
                    assertEquals(drops.dropped(0, j, 2, k), in == null, "round " + k + " to " + j);
                }
            }
            for (int i = 0; i < 5; i++) {
                (each ? sentEach : sentOne)[i] = net.endpoint(i).bytesSent();
                (each ? recvEach : recvOne)[i] = net.endpoint(i).bytesReceived();
            }
            assertEquals(60, net.endpoint(0).messagesSent());
        }
        // 20 rounds × 3 receivers × (20 header + 5 + 4k) bytes, k = 0..19
        assertEquals(3 * (20 * 25 + 4 * 190), sentEach[0]);
        assertArrayEquals(sentOne, sentEach);
        assertArrayEquals(recvOne, recvEach);
        assertTrue(recvEach[1] + recvEach[3] + recvEach[4] < sentEach[0], "some messages were dropped");
    }

    @Test
    void sendEachChecksEveryReceiverBeforeSendingAnything() {
        InMemoryNetwork net = new InMemoryNetwork(Graphs.ring(5));
        var e = assertThrows(IllegalArgumentException.class, () -> net.endpoint(0).sendEach(new int[] {1, 2}, 1, 0, new byte[0]));
        assertTrue(e.getMessage().contains("agent 0 cannot send to agent 2: not a peer"), e.getMessage());
        assertEquals(0, net.endpoint(0).bytesSent());
        assertEquals(0, net.pendingMessages());
        var twice = assertThrows(IllegalStateException.class, () -> net.endpoint(0).sendEach(new int[] {1, 1}, 1, 0, new byte[0]));
        assertTrue(twice.getMessage().contains("sends type 1 round 0 to agent 1 twice"), twice.getMessage());
    }
}
