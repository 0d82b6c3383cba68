package peerlearn.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads little-endian fields from a byte array, checking before every read that the bytes are
 * there, so a malformed message gives a clear {@link MalformedMessageException} naming the field,
 * and no array is ever allocated for a length the bytes cannot hold.
 */
final class WireReader {
    private final ByteBuffer buf;
    private final String what;

    WireReader(byte[] bytes, int offset, int length, String what) {
        this(ByteBuffer.wrap(bytes, offset, length), what);
    }

    /** Reads {@code bytes} from its position to its limit (the buffer's own position is left alone). */
    WireReader(ByteBuffer bytes, String what) {
        this.buf = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.what = what;
    }

    int position() { return buf.position(); }
    int remaining() { return buf.remaining(); }

    int u8(String field) {
        need(1, field);
        return buf.get() & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        return buf.getShort() & 0xFFFF;
    }

    int i32(String field) {
        need(4, field);
        return buf.getInt();
    }

    long i64(String field) {
        need(8, field);
        return buf.getLong();
    }

    float f32(String field) {
        need(4, field);
        return buf.getFloat();
    }

    /** An i32 that must lie in [min, max]. */
    int i32In(String field, int min, int max) {
        int v = i32(field);
        if (v < min || v > max) {
            throw fail(field + " = " + v + " outside [" + min + ", " + max + "]");
        }
        return v;
    }

    /** Reads n floats into {@code out[at..at+n)}; n is checked against the bytes left first. */
    void floats(float[] out, int at, int n, String field) {
        need(4L * n, field);
        buf.asFloatBuffer().get(out, at, n);
        buf.position(buf.position() + 4 * n);
    }

    /** Reads n i32 values; n is checked against the bytes left before allocating. */
    int[] ints(int n, String field) {
        need(4L * n, field);
        int[] out = new int[n];
        buf.asIntBuffer().get(out);
        buf.position(buf.position() + 4 * n);
        return out;
    }

    /** Reads n raw bytes; n is checked against the bytes left before allocating. */
    byte[] bytes(int n, String field) {
        need(n, field);
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    /** Fails unless every byte has been consumed. */
    void end() {
        if (buf.hasRemaining()) {
            throw fail(buf.remaining() + " unexpected trailing byte(s) at offset " + buf.position());
        }
    }

    MalformedMessageException fail(String message) {
        return new MalformedMessageException(what + ": " + message);
    }

    private void need(long n, String field) {
        if (n < 0 || n > buf.remaining()) {
            throw fail("truncated: " + field + " needs " + n + " byte(s) at offset " + buf.position() + " but only "
                    + buf.remaining() + " remain");
        }
    }
}
