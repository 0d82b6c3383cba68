package peerlearn.state;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Restores state written by {@link StateWriter}. Every entry's kind, name and, for fixed-length
 * arrays, length are checked against what the component asks for; every length is checked
 * against the bytes that remain before anything is allocated. Any mismatch is a
 * {@link StateFormatException} naming the entry's path and byte offset (callers add the file).
 */
public final class StateReader implements State {
    private final ByteBuffer in;
    private final Deque<String> prefix = new ArrayDeque<>();

    /** Reads {@code length} bytes of {@code bytes} from {@code offset}. */
    public StateReader(byte[] bytes, int offset, int length) {
        this.in = ByteBuffer.wrap(bytes, offset, length).slice();
    }

    public StateReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    @Override public boolean restoring() { return true; }

    /** Bytes not read yet. */
    public int remaining() {
        return in.remaining();
    }

    /** Fails unless every byte has been read. */
    public void requireEnd() {
        if (in.hasRemaining()) {
            throw fail("after the last entry", in.remaining() + " bytes left over");
        }
    }

    private StateFormatException fail(String entry, String problem) {
        return new StateFormatException("state entry " + entry + " at byte " + in.position() + ": " + problem);
    }

    private void need(String name, long bytes) {
        if (bytes > in.remaining()) {
            throw fail(path(name), "needs " + bytes + " bytes, " + in.remaining() + " remain");
        }
    }

    /** Reads the next entry's head and checks its kind and name. */
    private void head(Kind kind, String name) {
        need(name, 3);
        int tag = in.get() & 0xFF;
        int len = in.getShort() & 0xFFFF;
        need(name, len);
        byte[] n = new byte[len];
        in.get(n);
        String found = decode(name, n);
        Kind k = Kind.of(tag);
        if (k != kind || !found.equals(name)) {
            throw fail(path(name), "expected " + kind.name().toLowerCase() + " '" + name + "', found "
                    + (k == null ? "unknown kind " + tag : k.name().toLowerCase()) + " '" + abbreviate(found) + "'");
        }
    }

    private String decode(String name, byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw fail(path(name), "a name or text that is not UTF-8");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /** The element count of an array entry: −1 (null) or a length whose elements are all present. */
    private int length(Kind kind, String name) {
        need(name, 4);
        int n = in.getInt();
        if (n < -1) {
            throw fail(path(name), "negative length " + n);
        }
        need(name, (long) Math.max(n, 0) * kind.elementBytes);
        return n;
    }

    private int fixed(Kind kind, String name, int expected) {
        head(kind, name);
        int n = length(kind, name);
        if (n != expected) {
            throw fail(path(name), "expected " + expected + " elements, found " + (n < 0 ? "none (null)" : n));
        }
        return n;
    }

    @Override
    public void floats(String name, float[] a) {
        fixed(Kind.FLOATS, name, a.length);
        in.asFloatBuffer().get(a);
        in.position(in.position() + 4 * a.length);
    }

    @Override
    public void doubles(String name, double[] a) {
        fixed(Kind.DOUBLES, name, a.length);
        in.asDoubleBuffer().get(a);
        in.position(in.position() + 8 * a.length);
    }

    @Override
    public void ints(String name, int[] a) {
        fixed(Kind.INTS, name, a.length);
        in.asIntBuffer().get(a);
        in.position(in.position() + 4 * a.length);
    }

    @Override
    public void longs(String name, long[] a) {
        fixed(Kind.LONGS, name, a.length);
        for (int i = 0; i < a.length; i++) {
            a[i] = in.getLong();
        }
    }

    @Override
    public void flags(String name, boolean[] a) {
        fixed(Kind.FLAGS, name, a.length);
        readFlags(name, a);
    }

    private void readFlags(String name, boolean[] a) {
        for (int i = 0; i < a.length; i++) {
            byte b = in.get();
            if (b != 0 && b != 1) {
                throw fail(path(name), "flag " + i + " is " + b + ", not 0 or 1");
            }
            a[i] = b == 1;
        }
    }

    @Override
    public float[] floatArray(String name, float[] a) {
        head(Kind.FLOATS, name);
        int n = length(Kind.FLOATS, name);
        if (n < 0) {
            return null;
        }
        float[] r = new float[n];
        in.asFloatBuffer().get(r);
        in.position(in.position() + 4 * n);
        return r;
    }

    @Override
    public double[] doubleArray(String name, double[] a) {
        head(Kind.DOUBLES, name);
        int n = length(Kind.DOUBLES, name);
        if (n < 0) {
            return null;
        }
        double[] r = new double[n];
        in.asDoubleBuffer().get(r);
        in.position(in.position() + 8 * n);
        return r;
    }

    @Override
    public int[] intArray(String name, int[] a) {
        head(Kind.INTS, name);
        int n = length(Kind.INTS, name);
        if (n < 0) {
            return null;
        }
        int[] r = new int[n];
        in.asIntBuffer().get(r);
        in.position(in.position() + 4 * n);
        return r;
    }

    @Override
    public boolean[] flagArray(String name, boolean[] a) {
        head(Kind.FLAGS, name);
        int n = length(Kind.FLAGS, name);
        if (n < 0) {
            return null;
        }
        boolean[] r = new boolean[n];
        readFlags(name, r);
        return r;
    }

    @Override
    public byte[] bytes(String name, byte[] a) {
        head(Kind.BYTES, name);
        int n = length(Kind.BYTES, name);
        if (n < 0) {
            return null;
        }
        byte[] r = new byte[n];
        in.get(r);
        return r;
    }

    @Override
    public double number(String name, double v) {
        head(Kind.NUMBER, name);
        need(name, 8);
        return Double.longBitsToDouble(in.getLong());
    }

    @Override
    public long integer(String name, long v) {
        head(Kind.INTEGER, name);
        need(name, 8);
        return in.getLong();
    }

    @Override
    public String text(String name, String v) {
        head(Kind.TEXT, name);
        int n = length(Kind.TEXT, name);
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.get(b);
        return decode(name, b);
    }

    @Override
    public void part(String name, Stateful component) {
        head(Kind.BEGIN, name);
        prefix.addLast(name);
        component.state(this);
        prefix.removeLast();
        head(Kind.END, name);
    }

    @Override
    public String path(String name) {
        return prefix.isEmpty() ? name : String.join("/", prefix) + "/" + name;
    }
}
