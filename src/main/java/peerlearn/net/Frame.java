package peerlearn.net;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One message on the wire: a fixed 20-byte header and the payload. All integers little-endian.
 * <pre>
 *  offset size  field
 *  0      4     magic  'P' 'L' 'N' 'W'  (0x50 0x4C 0x4E 0x57)
 *  4      1     version, currently 1
 *  5      1     kind: 0 data (send/receive), 1 pull request, 2 pull reply (publish/pull)
 *  6      2     type  (u16, chosen by the algorithm: model, gradient, …)
 *  8      4     round (i32, ≥ 0)
 *  12     4     sender (i32, ≥ 0)
 *  16     4     payload length L (i32, 0 ≤ L)
 *  20     L     payload (see {@link Codec} for the vector encodings)
 * </pre>
 * The bytes counted for a message are {@code 20 + L}.
 */
public record Frame(int kind, int type, int round, int sender, byte[] payload) {
    public static final int HEADER_BYTES = 20;
    public static final int VERSION = 1;
    public static final int DATA = 0, PULL_REQUEST = 1, PULL_REPLY = 2;
    private static final int MAGIC = 0x574E4C50; // "PLNW" read as a little-endian int

    public Frame {
        check(kind, type, round, sender);
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null (use an empty array)");
        }
    }

    private static void check(int kind, int type, int round, int sender) {
        if (kind < DATA || kind > PULL_REPLY) {
            throw new IllegalArgumentException("frame kind must be 0, 1 or 2, got " + kind);
        }
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("message type must be in [0, 65535], got " + type);
        }
        if (round < 0) {
            throw new IllegalArgumentException("round must be ≥ 0, got " + round);
        }
        if (sender < 0) {
            throw new IllegalArgumentException("sender must be ≥ 0, got " + sender);
        }
    }

    /** Bytes on the wire for a payload of {@code payloadBytes}. */
    public static int wireSize(int payloadBytes) {
        return HEADER_BYTES + payloadBytes;
    }

    /** The frame as bytes. */
    public byte[] encode() {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        writeHeader(out, kind, type, round, sender);
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }

    /**
     * Writes the header of a frame that fills all of {@code out} (its payload is the
     * {@code out.length − 20} bytes after the header), with the checks of the constructor, and
     * returns a little-endian view of the payload bytes (position 0, limit the payload length)
     * for the caller to write the payload into: a transport that encodes a payload straight into
     * a frame it reuses needs no copy and no allocation per message.
     */
    public static ByteBuffer writeHeader(byte[] out, int kind, int type, int round, int sender) {
        check(kind, type, round, sender);
        if (out.length < HEADER_BYTES) {
            throw new IllegalArgumentException("a frame needs at least " + HEADER_BYTES + " bytes, got " + out.length);
        }
        int length = out.length - HEADER_BYTES;
        ByteBuffer.wrap(out, 0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).put((byte) VERSION)
                .put((byte) kind).putShort((short) type).putInt(round).putInt(sender).putInt(length);
        return ByteBuffer.wrap(out, HEADER_BYTES, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A parsed frame whose payload is a read-only, little-endian view into the frame's bytes
     * (position 0, limit the payload length) rather than a copy.
     */
    public record View(int kind, int type, int round, int sender, ByteBuffer payload) {}

    /** Parses a whole frame; the declared payload length must match the bytes exactly. */
    public static Frame decode(byte[] bytes) {
        View v = view(bytes);
        byte[] payload = new byte[v.payload().remaining()];
        v.payload().get(0, payload);
        return new Frame(v.kind(), v.type(), v.round(), v.sender(), payload);
    }

    /**
     * Parses a whole frame with the checks of {@link #decode} but without copying its payload: the
     * view reads {@code bytes} itself, so the caller must not change them while the view is in use.
     */
    public static View view(byte[] bytes) {
        WireReader r = new WireReader(bytes, 0, bytes.length, "message of " + bytes.length + " bytes");
        int[] h = header(r);
        int length = h[4];
        if (length != r.remaining()) {
            throw r.fail("payload length field says " + length + " bytes but " + r.remaining() + " follow the header");
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, HEADER_BYTES, length).slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new View(h[0], h[1], h[2], h[3], payload);
    }

    /**
     * Reads one frame from a stream (for a socket transport): the header first, then a payload of
     * the declared length, which must not exceed {@code maxPayload} — checked before allocating.
     */
    public static Frame read(InputStream in, int maxPayload) throws IOException {
        byte[] head = new byte[HEADER_BYTES];
        DataInputStream data = new DataInputStream(in);
        try {
            data.readFully(head);
        } catch (EOFException e) {
            throw new MalformedMessageException("stream ended inside a " + HEADER_BYTES + "-byte message header");
        }
        WireReader r = new WireReader(head, 0, HEADER_BYTES, "message header");
        int[] h = header(r);
        if (h[4] > maxPayload) {
            throw new MalformedMessageException("message header: payload length " + h[4] + " exceeds the limit of "
                    + maxPayload + " bytes");
        }
        byte[] payload = new byte[h[4]];
        try {
            data.readFully(payload);
        } catch (EOFException e) {
            throw new MalformedMessageException("stream ended inside a payload of " + h[4] + " bytes");
        }
        return new Frame(h[0], h[1], h[2], h[3], payload);
    }

    /** {kind, type, round, sender, length}, each checked. */
    private static int[] header(WireReader r) {
        int magic = r.i32("magic");
        if (magic != MAGIC) {
            throw r.fail(String.format("bad magic 0x%08x, expected 0x%08x ('PLNW'); not a peerlearn message",
                    Integer.reverseBytes(magic), Integer.reverseBytes(MAGIC)));
        }
        int version = r.u8("version");
        if (version != VERSION) {
            throw r.fail("unsupported wire version " + version + ", this build reads version " + VERSION);
        }
        int kind = r.u8("kind");
        if (kind > PULL_REPLY) {
            throw r.fail("unknown frame kind " + kind + " (0 data, 1 pull request, 2 pull reply)");
        }
        int type = r.u16("type");
        int round = r.i32In("round", 0, Integer.MAX_VALUE);
        int sender = r.i32In("sender", 0, Integer.MAX_VALUE);
        int length = r.i32In("payload length", 0, Integer.MAX_VALUE);
        return new int[] {kind, type, round, sender, length};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && kind == f.kind && type == f.type && round == f.round && sender == f.sender
                && java.util.Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, type, round, sender, java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Frame[kind " + kind + ", type " + type + ", round " + round + ", sender " + sender + ", "
                + payload.length + " payload bytes]";
    }
}
