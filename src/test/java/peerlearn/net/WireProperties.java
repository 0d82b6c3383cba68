package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;

/** Round trips of every frame kind and every payload encoding, and rejection of malformed bytes. */
class WireProperties {
    @Test
    void everyFrameKindRoundTrips() {
        qt().withExamples(300).forAll(integers().between(0, 2), integers().between(0, 0xFFFF), integers().allPositive(),
                integers().between(0, 300)).checkAssert((kind, type, round, len) -> {
                    byte[] payload = new byte[len];
                    for (int i = 0; i < len; i++) {
                        payload[i] = (byte) (i * 31 + round);
                    }
                    Frame f = new Frame(kind, type, round, type ^ 77, payload);
                    byte[] wire = f.encode();
                    assertEquals(Frame.HEADER_BYTES + len, wire.length);
                    assertEquals(f, Frame.decode(wire));
                    try {
                        assertEquals(f, Frame.read(new ByteArrayInputStream(wire), 1 << 20));
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void headerLayoutIsLittleEndianAsDocumented() {
        byte[] w = new Frame(Frame.DATA, 0x0102, 0x03040506, 7, new byte[] {9}).encode();
        assertArrayEquals(new byte[] {'P', 'L', 'N', 'W', 1, 0, 0x02, 0x01, 0x06, 0x05, 0x04, 0x03, 7, 0, 0, 0, 1, 0, 0, 0, 9}, w);
        byte[] dense = Codec.dense(new float[] {1f});
        assertArrayEquals(new byte[] {1, 1, 0, 0, 0, 0, 0, (byte) 0x80, 0x3F}, dense); // 1.0f = 0x3F800000
    }

    @Test
    void everyEncodingRoundTripsThroughTheCodec() {
        qt().withExamples(200).forAll(integers().between(0, 70), longs().all(), integers().between(0, 5))
                .checkAssert((d, seed, which) -> {
                    Rng rng = new Rng(seed);
                    float[] v = new float[d];
                    for (int i = 0; i < d; i++) {
                        v[i] = (float) rng.nextGaussian();
                    }
                    Compressor c = compressor(which, d, seed);
                    float[] decoded = new float[d];
                    byte[] payload = c.compress(v, decoded);
                    assertArrayEquals(decoded, Codec.decode(payload, d), c.name() + " d = " + d);
                    byte[] wire = new Frame(Frame.DATA, 1, 0, 0, payload).encode();
                    assertArrayEquals(decoded, Codec.decode(Frame.decode(wire).payload(), d));
                    float[] fromView = new float[d]; // straight from the frame's bytes, no copy
                    Codec.decodeInto(Frame.view(wire).payload(), fromView);
                    assertArrayEquals(decoded, fromView, c.name() + " d = " + d + ", from a view");
                });
    }

    static Compressor compressor(int which, int d, long seed) {
        Rng rng = Rng.stream(seed, 0, "compress");
        return switch (which) {
            case 0 -> Compressors.identity();
            case 1 -> Compressors.scaledSign();
            case 2 -> Compressors.scaledSign(d >= 3 ? new int[] {d / 3, 0, d - d / 3} : null);
            case 3 -> Compressors.topK(0.3);
            case 4 -> Compressors.randomK(0.3, rng);
            default -> Compressors.qsgd(5, rng);
        };
    }

    @Test
    void encodedSizesAreTheDocumentedBitCounts() {
        int d = 1000;
        float[] v = new float[d];
        float[] out = new float[d];
        java.util.Arrays.fill(v, 1f);
        assertEquals(5 + 4 * d, Compressors.identity().compress(v, out).length);
        assertEquals(9 + 8 + 125, Compressors.scaledSign().compress(v, out).length); // 1 bit per element + one segment
        assertEquals(9 + 3 * 8 + 125, Compressors.scaledSign(new int[] {500, 300, 200}).compress(v, out).length);
        assertEquals(9 + 8 * 10, Compressors.topK(0.01).compress(v, out).length);
        assertEquals(17 + 4 * 10, Compressors.randomK(0.01, new Rng(1)).compress(v, out).length);
        assertEquals(13 + (d * 4 + 7) / 8, Compressors.qsgd(7, new Rng(1)).compress(v, out).length); // 1 sign + 3 level bits
    }

    @Test
    void malformedFramesAreRejectedClearly() {
        byte[] good = new Frame(Frame.DATA, 1, 2, 3, new byte[] {1, 2, 3, 4}).encode();
        expect(() -> Frame.decode(java.util.Arrays.copyOf(good, 10)), "truncated: magic" , "truncated");
        byte[] magic = good.clone();
        magic[0] = 'X';
        expect(() -> Frame.decode(magic), "bad magic");
        byte[] version = good.clone();
        version[4] = 9;
        expect(() -> Frame.decode(version), "unsupported wire version 9");
        byte[] kind = good.clone();
        kind[5] = 7;
        expect(() -> Frame.decode(kind), "unknown frame kind 7");
        expect(() -> Frame.decode(java.util.Arrays.copyOf(good, good.length - 1)), "payload length field says 4 bytes but 3");
        expect(() -> Frame.decode(java.util.Arrays.copyOf(good, good.length + 1)), "payload length field says 4 bytes but 5");
        byte[] negative = good.clone();
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1);
        expect(() -> Frame.decode(negative), "round = -1 outside");
        byte[] absurd = good.clone();
        ByteBuffer.wrap(absurd).order(ByteOrder.LITTLE_ENDIAN).putInt(16, Integer.MAX_VALUE);
        expect(() -> Frame.decode(absurd), "payload length field says 2147483647");
        expect(() -> Frame.read(new ByteArrayInputStream(absurd), 1 << 20), "exceeds the limit of 1048576");
        expect(() -> Frame.read(new ByteArrayInputStream(java.util.Arrays.copyOf(good, 22)), 100), "stream ended inside a payload");
        expect(() -> Frame.read(new ByteArrayInputStream(new byte[5]), 100), "stream ended inside a 20-byte message header");
        expect(() -> Frame.decode(new byte[0]), "truncated");
    }

    @Test
    void malformedPayloadsAreRejectedWithoutHugeAllocations() {
        float[] out = new float[8];
        byte[] dense = Codec.dense(new float[8]);
        expect(() -> Codec.decodeInto(java.util.Arrays.copyOf(dense, 20), out), "truncated: values");
        expect(() -> Codec.decodeInto(java.util.Arrays.copyOf(dense, dense.length + 2), out), "2 unexpected trailing byte");
        expect(() -> Codec.decode(dense, 9), "dimension 8 but the receiver expects 9");
        byte[] tag = dense.clone();
        tag[0] = 42;
        expect(() -> Codec.decodeInto(tag, out), "unknown encoding tag 42");
        expect(() -> Codec.decodeInto(new byte[0], out), "truncated: encoding tag");
        expect(() -> Codec.decodeInto((byte[]) null, out), "dropped message");

        // top-k claiming more entries than the vector has, or more than the bytes hold
        ByteBuffer topk = le(9).put((byte) Codec.TOP_K).putInt(8).putInt(Integer.MAX_VALUE);
        expect(() -> Codec.decodeInto(topk.array(), out), "k = 2147483647 outside [0, 8]");
        ByteBuffer topk2 = le(9).put((byte) Codec.TOP_K).putInt(8).putInt(5);
        expect(() -> Codec.decodeInto(topk2.array(), out), "truncated: indices needs 20 byte(s)");
        ByteBuffer order = le(9 + 16).put((byte) Codec.TOP_K).putInt(8).putInt(2).putInt(3).putInt(3).putFloat(1).putFloat(1);
        expect(() -> Codec.decodeInto(order.array(), out), "indices must increase strictly");
        // sign with a huge segment count or segments that do not cover d
        ByteBuffer sign = le(9).put((byte) Codec.SIGN).putInt(8).putInt(1 << 30);
        expect(() -> Codec.decodeInto(sign.array(), out), "segment count = 1073741824 outside");
        ByteBuffer cover = le(9 + 8 + 1).put((byte) Codec.SIGN).putInt(8).putInt(1).putInt(7).putFloat(1).put((byte) 0);
        expect(() -> Codec.decodeInto(cover.array(), out), "cover 7 elements but the dimension is 8");
        // random-k and qsgd whose byte count does not match
        ByteBuffer randk = le(17).put((byte) Codec.RANDOM_K).putInt(8).putInt(3).putLong(1);
        expect(() -> Codec.decodeInto(randk.array(), out), "needs 12 value bytes, 0 remain");
        ByteBuffer qsgd = le(13).put((byte) Codec.QSGD).putInt(8).putInt(3).putFloat(1);
        expect(() -> Codec.decodeInto(qsgd.array(), out), "needs 3 packed bytes, 0 remain");
        ByteBuffer q0 = le(13).put((byte) Codec.QSGD).putInt(8).putInt(0).putFloat(1);
        expect(() -> Codec.decodeInto(q0.array(), out), "levels s = 0 outside");
        // a level above s: s = 2 → 2 level bits can say 3
        ByteBuffer q3 = le(16).put((byte) Codec.QSGD).putInt(8).putInt(2).putFloat(1).put((byte) 0b110).put((byte) 0).put((byte) 0);
        expect(() -> Codec.decodeInto(q3.array(), out), "level 3 > s = 2");
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void expect(org.junit.jupiter.api.function.Executable e, String... fragments) {
        var ex = assertThrows(IllegalArgumentException.class, e);
        boolean any = false;
        for (String f : fragments) {
            any |= ex.getMessage().contains(f);
        }
        assertTrue(any, "message '" + ex.getMessage() + "' lacks " + java.util.Arrays.toString(fragments));
    }
}
