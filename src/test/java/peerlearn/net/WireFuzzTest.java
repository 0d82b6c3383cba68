package peerlearn.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerlearn.rng.Rng;
import peerlearn.testkit.Fuzz;

/**
 * Hostile wire messages: whole frames ({@link Frame#decode}), frames read from a stream that
 * delivers its bytes in random short pieces ({@link Frame#read}), and vector payloads of every
 * encoding ({@link Codec#decodeInto}), random and mutated from valid messages. The only
 * accepted failure is a {@link MalformedMessageException} naming the message or payload.
 */
class WireFuzzTest {
    private static final int CASES = Fuzz.cases(2000);
    /** Offsets of round, sender and payload length in a frame header. */
    private static final int[] FRAME_FIELDS = {8, 12, 16};
    /** Offsets of d and of the encoding's first count (segments, k, s) in a payload. */
    private static final int[] PAYLOAD_FIELDS = {1, 5, 9, 13};
    private static final int[] DIMENSIONS = {0, 1, 7, 8, 33};

    private static float[] vector(int d, Rng rng) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    /** Valid d-dimensional payloads of every encoding (sign with one and two segments, QSGD at three level counts). */
    private static List<byte[]> payloads(Rng rng, int d) {
        List<byte[]> out = new ArrayList<>();
        int[] halves = {d / 2, d - d / 2};
        for (Compressor q : List.of(Compressors.identity(), Compressors.scaledSign(), Compressors.scaledSign(halves),
                Compressors.topK(0.3), Compressors.randomK(0.5, rng), Compressors.qsgd(1, rng), Compressors.qsgd(5, rng),
                Compressors.qsgd(1 << 20, rng))) {
            out.add(q.compress(vector(d, rng), new float[d]));
        }
        return out;
    }

    private static List<byte[]> frames(Rng rng) {
        List<byte[]> out = new ArrayList<>();
        for (int kind = Frame.DATA; kind <= Frame.PULL_REPLY; kind++) {
            out.add(new Frame(kind, 3, 17, 5, payloads(rng, 7).get(kind)).encode());
        }
        out.add(new Frame(Frame.PULL_REQUEST, 0, 0, 0, new byte[0]).encode());
        return out;
    }

    @Test
    void wholeFramesFailCleanly() {
        List<byte[]> seeds = frames(new Rng(1));
        Fuzz.Outcome o = Fuzz.run("Frame.decode", CASES,
                (k, rng) -> Fuzz.mutate(seeds, rng, FRAME_FIELDS, ByteOrder.LITTLE_ENDIAN),
                c -> assertEquals(c.bytes().length, Frame.wireSize(Frame.decode(c.bytes()).payload().length)),
                Fuzz.cleanError(List.of("message of "), MalformedMessageException.class));
        assertTrue(o.accepted() > 0, o.toString());
    }

    /** A stream that hands out at most a few bytes per read, as a socket may. */
    private static InputStream trickle(byte[] b, Rng rng) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, 1 + rng.nextInt(7)));
            }
        };
    }

    @Test
    void streamedFramesFailCleanly() {
        List<byte[]> seeds = frames(new Rng(2));
        Fuzz.run("Frame.read", CASES, (k, rng) -> Fuzz.mutate(seeds, rng, FRAME_FIELDS, ByteOrder.LITTLE_ENDIAN),
                c -> {
                    InputStream in = trickle(c.bytes(), new Rng(c.bytes().length));
                    Frame f = Frame.read(in, 4096);
                    assertTrue(f.payload().length <= 4096);
                }, Fuzz.cleanError(List.of("message header"), MalformedMessageException.class)
                        .or(Fuzz.cleanError(List.of("stream ended inside a"), MalformedMessageException.class)));
    }

    @Test
    void payloadsOfEveryEncodingFailCleanly() {
        Rng seedRng = new Rng(3);
        List<List<byte[]>> byDimension = new ArrayList<>();
        for (int d : DIMENSIONS) {
            byDimension.add(payloads(seedRng, d));
        }
        Fuzz.Outcome o = Fuzz.run("Codec.decodeInto", CASES, (k, rng) -> {
            int which = rng.nextInt(DIMENSIONS.length);
            Fuzz.Case c = Fuzz.mutate(byDimension.get(which), rng, PAYLOAD_FIELDS, ByteOrder.LITTLE_ENDIAN);
            // the receiver's expected dimension: usually the sender's, sometimes another
            int d = rng.nextInt(8) == 0 ? DIMENSIONS[rng.nextInt(DIMENSIONS.length)] : DIMENSIONS[which];
            return new Fuzz.Case("d=" + d + " " + c.how(), c.bytes());
        }, c -> {
            int d = Integer.parseInt(c.how().substring(2, c.how().indexOf(' ')));
            Codec.decodeInto(c.bytes(), new float[d]);
        }, Fuzz.cleanError(List.of("vector payload of "), MalformedMessageException.class));
        assertTrue(o.accepted() > 0, o.toString());
    }

    /** A payload read through a view inside a larger array gives exactly what the array form gives: bits or message. */
    @Test
    void payloadViewsDecodeAsTheirArraysDo() {
        Rng seedRng = new Rng(4);
        List<byte[]> seeds = new ArrayList<>();
        for (int d : DIMENSIONS) {
            seeds.addAll(payloads(seedRng, d));
        }
        Rng rng = new Rng(5);
        int accepted = 0;
        for (int k = 0; k < CASES; k++) {
            byte[] bytes = Fuzz.mutate(seeds, rng, PAYLOAD_FIELDS, ByteOrder.LITTLE_ENDIAN).bytes();
            // the receiver's expected dimension: usually the one the payload declares, sometimes another
            int declared = bytes.length < 5 ? -1 : java.nio.ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(1);
            int d = declared >= 0 && declared <= 64 && rng.nextInt(8) != 0 ? declared : DIMENSIONS[rng.nextInt(DIMENSIONS.length)];
            byte[] framed = new byte[Frame.HEADER_BYTES + bytes.length + 3];
            System.arraycopy(bytes, 0, framed, Frame.HEADER_BYTES, bytes.length);
            java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(framed, Frame.HEADER_BYTES, bytes.length).asReadOnlyBuffer();
            String fromArray = outcome(() -> Codec.decode(bytes, d));
            String fromView = outcome(() -> {
                float[] out = new float[d];
                Codec.decodeInto(view, out);
                return out;
            });
            assertEquals(fromArray, fromView, "case " + k + ", d = " + d);
            accepted += fromArray.startsWith("bits") ? 1 : 0;
        }
        assertTrue(accepted > CASES / 20, accepted + " valid payloads among " + CASES);
    }

    /** "bits …" for a decoded vector, the exception's class and message otherwise. */
    private static String outcome(java.util.function.Supplier<float[]> decode) {
        try {
            float[] v = decode.get();
            int[] bits = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                bits[i] = Float.floatToRawIntBits(v[i]);
            }
            return "bits " + java.util.Arrays.toString(bits);
        } catch (IllegalArgumentException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
