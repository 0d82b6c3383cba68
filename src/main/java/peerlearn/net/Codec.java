package peerlearn.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Payload encodings of float vectors. Every payload starts with a one-byte encoding tag and the
 * vector's dimension d (i32); all numbers little-endian.
 * <pre>
 *  tag 1 DENSE     u8 tag, i32 d, d × f32
 *  tag 2 SIGN      u8 tag, i32 d, i32 segments S, S × (i32 length, f32 scale), ⌈d/8⌉ bytes of sign bits
 *                  (bit i&amp;7 of byte i/8 is 1 when element i is negative)
 *  tag 3 TOP_K     u8 tag, i32 d, i32 k, k × i32 index (strictly increasing), k × f32 value
 *  tag 4 RANDOM_K  u8 tag, i32 d, i32 k, i64 seed, k × f32 value (indices are redrawn from the seed)
 *  tag 5 QSGD      u8 tag, i32 d, i32 s, f32 ‖v‖₂, then d fields of (1 sign bit + b level bits),
 *                  b = bits to hold 0..s, packed little-endian bit order, padded to a byte
 * </pre>
 * Decoding always takes the dimension the receiver expects, so a payload can never make it
 * allocate more than its own model size; every count is checked against the bytes present.
 */
public final class Codec {
    public static final int DENSE = 1, SIGN = 2, TOP_K = 3, RANDOM_K = 4, QSGD = 5;

    private Codec() {}

    /** The DENSE encoding of v: 5 + 4d bytes. */
    public static byte[] dense(float[] v) {
        byte[] out = new byte[5 + 4 * v.length];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) DENSE).putInt(v.length);
        b.asFloatBuffer().put(v);
        return out;
    }

    /** Decodes any encoding of a d-dimensional vector into a new array. */
    public static float[] decode(byte[] payload, int d) {
        float[] out = new float[d];
        decodeInto(payload, out);
        return out;
    }

    /** Decodes any encoding into {@code out}, whose length is the expected dimension. */
    public static void decodeInto(byte[] payload, float[] out) {
        if (payload == null) {
            throw new IllegalArgumentException("payload is null (a dropped message); check for null before decoding");
        }
        WireReader r = new WireReader(payload, 0, payload.length, "vector payload of " + payload.length + " bytes");
        int tag = r.u8("encoding tag");
        int d = r.i32("dimension");
        if (d != out.length) {
            throw r.fail("dimension " + d + " but the receiver expects " + out.length);
        }
        switch (tag) {
            case DENSE -> r.floats(out, 0, d, "values");
            case SIGN -> Compressors.decodeSign(r, out);
            case TOP_K -> Compressors.decodeTopK(r, out);
            case RANDOM_K -> Compressors.decodeRandomK(r, out);
            case QSGD -> Compressors.decodeQsgd(r, out);
            default -> throw r.fail("unknown encoding tag " + tag + " (1 dense, 2 sign, 3 top-k, 4 random-k, 5 qsgd)");
        }
        r.end();
    }
}
