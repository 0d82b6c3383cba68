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
        return denseInto(v, new byte[denseBytes(v.length)]);
    }

    /** Bytes of the DENSE encoding of a d-vector: 5 + 4d. */
    public static int denseBytes(int d) {
        return 5 + 4 * d;
    }

    /**
     * Writes the DENSE encoding of v into {@code out}, which must be exactly
     * {@link #denseBytes denseBytes(v.length)} long, and returns it: a sender that keeps one such
     * array per vector allocates nothing per message (a transport copies what it is given to send).
     */
    public static byte[] denseInto(float[] v, byte[] out) {
        if (out.length != denseBytes(v.length)) {
            throw new IllegalArgumentException("dense encoding of " + v.length + " floats needs " + denseBytes(v.length)
                    + " bytes, the array has " + out.length);
        }
        densePayload(v).writeTo(ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN));
        return out;
    }

    /**
     * The DENSE encoding of v as a payload that writes itself straight into the frame that
     * carries it ({@link Endpoint#sendEach(int[], int, int, Endpoint.Payload)}): no encoded copy
     * is kept. v is read when the frame is written, i.e. during that call.
     */
    public static Endpoint.Payload densePayload(float[] v) {
        return new Endpoint.Payload() {
            @Override
            public int bytes() {
                return denseBytes(v.length);
            }

            @Override
            public void writeTo(ByteBuffer out) {
                out.put(0, (byte) DENSE).putInt(1, v.length);
                out.slice(5, 4 * v.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
            }
        };
    }

    /**
     * The values of a well-formed dense payload of dimension {@code d}, as a float view of the
     * buffer (no copy; the buffer's position is left where it was); null for any other payload —
     * another encoding, another dimension, a wrong length — which {@link #decodeInto(ByteBuffer,
     * float[])} then decodes or refuses with its messages.
     */
    public static java.nio.FloatBuffer denseValues(ByteBuffer payload, int d) {
        if (payload == null || payload.remaining() != denseBytes(d)) {
            return null;
        }
        ByteBuffer b = payload.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.get(0) != DENSE || b.getInt(1) != d) {
            return null;
        }
        return b.position(5).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    /** Decodes any encoding of a d-dimensional vector into a new array. */
    public static float[] decode(byte[] payload, int d) {
        float[] out = new float[d];
        decodeInto(payload, out);
        return out;
    }

    /** Decodes any encoding into {@code out}, whose length is the expected dimension. */
    public static void decodeInto(byte[] payload, float[] out) {
        decodeInto(payload == null ? null : ByteBuffer.wrap(payload), out);
    }

    /**
     * Decodes the payload between the buffer's position and limit (e.g. the view
     * {@link Endpoint#receiveView} returns, straight from the received frame) into {@code out};
     * the buffer's position is left where it was. Checks and messages are those of the array form.
     */
    public static void decodeInto(ByteBuffer payload, float[] out) {
        if (payload == null) {
            throw new IllegalArgumentException("payload is null (a dropped message); check for null before decoding");
        }
        WireReader r = new WireReader(payload, "vector payload of " + payload.remaining() + " bytes");
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
