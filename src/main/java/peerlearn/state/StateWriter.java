package peerlearn.state;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Saves state as bytes. Each entry is: the kind (1 byte), the name (u16 length + UTF-8), then for
 * arrays a length (i32, −1 for null) and the elements, for scalars 8 bytes; all big-endian.
 * {@link #part} brackets a nested component between BEGIN and END entries.
 */
public final class StateWriter implements State {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 12);
    private final Deque<String> prefix = new ArrayDeque<>();
    private final byte[] scratch = new byte[1 << 14];

    @Override public boolean restoring() { return false; }

    /** Everything written so far. */
    public byte[] toBytes() {
        return out.toByteArray();
    }

    private void head(Kind kind, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > 0xFFFF) {
            throw new IllegalArgumentException("state entry name of " + n.length + " bytes: " + path(name));
        }
        out.write(kind.ordinal());
        out.write(n.length >>> 8);
        out.write(n.length & 0xFF);
        out.write(n, 0, n.length);
    }

    private void i32(int v) {
        out.write(ByteBuffer.allocate(4).putInt(v).array(), 0, 4);
    }

    private void i64(long v) {
        out.write(ByteBuffer.allocate(8).putLong(v).array(), 0, 8);
    }

    @Override
    public void floats(String name, float[] a) {
        floatArray(name, a);
    }

    @Override
    public void doubles(String name, double[] a) {
        doubleArray(name, a);
    }

    @Override
    public void ints(String name, int[] a) {
        intArray(name, a);
    }

    @Override
    public void longs(String name, long[] a) {
        head(Kind.LONGS, name);
        i32(a.length);
        for (long v : a) {
            i64(v);
        }
    }

    @Override
    public void flags(String name, boolean[] a) {
        flagArray(name, a);
    }

    @Override
    public float[] floatArray(String name, float[] a) {
        head(Kind.FLOATS, name);
        i32(a == null ? -1 : a.length);
        if (a != null) {
            bulk(a.length, 4, (b, from, count) -> b.asFloatBuffer().put(a, from, count));
        }
        return a;
    }

    @Override
    public double[] doubleArray(String name, double[] a) {
        head(Kind.DOUBLES, name);
        i32(a == null ? -1 : a.length);
        if (a != null) {
            bulk(a.length, 8, (b, from, count) -> b.asDoubleBuffer().put(a, from, count));
        }
        return a;
    }

    @Override
    public int[] intArray(String name, int[] a) {
        head(Kind.INTS, name);
        i32(a == null ? -1 : a.length);
        if (a != null) {
            bulk(a.length, 4, (b, from, count) -> b.asIntBuffer().put(a, from, count));
        }
        return a;
    }

    /** Fills a slice of {@code b} (from its start) with elements [from, from + count) of an array. */
    private interface Slice {
        void put(ByteBuffer b, int from, int count);
    }

    /** Writes n elements of {@code width} bytes each through the scratch buffer, as many at a time as fit. */
    private void bulk(int n, int width, Slice slice) {
        ByteBuffer b = ByteBuffer.wrap(scratch);
        int per = scratch.length / width;
        for (int s = 0; s < n; s += per) {
            int m = Math.min(per, n - s);
            b.clear();
            slice.put(b, s, m);
            out.write(scratch, 0, width * m);
        }
    }

    @Override
    public boolean[] flagArray(String name, boolean[] a) {
        head(Kind.FLAGS, name);
        i32(a == null ? -1 : a.length);
        if (a != null) {
            for (boolean v : a) {
                out.write(v ? 1 : 0);
            }
        }
        return a;
    }

    @Override
    public byte[] bytes(String name, byte[] a) {
        head(Kind.BYTES, name);
        i32(a == null ? -1 : a.length);
        if (a != null) {
            out.write(a, 0, a.length);
        }
        return a;
    }

    @Override
    public double number(String name, double v) {
        head(Kind.NUMBER, name);
        i64(Double.doubleToRawLongBits(v));
        return v;
    }

    @Override
    public long integer(String name, long v) {
        head(Kind.INTEGER, name);
        i64(v);
        return v;
    }

    @Override
    public String text(String name, String v) {
        byte[] b = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
        head(Kind.TEXT, name);
        i32(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b, 0, b.length);
        }
        return v;
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
