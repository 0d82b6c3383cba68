package peerlearn.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Save and restore through one {@code state} method, and the messages when the saved entries do not fit. */
class StateTest {
    /** A small component: a fixed array, a growing list, a scalar, a nested part. */
    static final class Component implements Stateful {
        float[] x = new float[3];
        int[] chosen;
        double loss = Double.NaN;
        long steps;
        String label = "";
        final Inner inner = new Inner();

        @Override
        public void state(State s) {
            s.floats("x", x);
            chosen = s.intArray("chosen", chosen);
            loss = s.number("loss", loss);
            steps = s.integer("steps", steps);
            label = s.text("label", label);
            s.part("inner", inner);
        }
    }

    static final class Inner implements Stateful {
        boolean[] seen = new boolean[2];
        double[] w = new double[2];

        @Override
        public void state(State s) {
            s.flags("seen", seen);
            s.doubles("w", w);
        }
    }

    private static byte[] saved(Component c) {
        StateWriter w = new StateWriter();
        c.state(w);
        return w.toBytes();
    }

    @Test
    void whatIsSavedComesBackBitForBit() {
        Component a = new Component();
        a.x = new float[] {1.5f, -0f, Float.NaN};
        a.chosen = new int[] {4, 2};
        a.loss = -0.0;
        a.steps = Long.MIN_VALUE;
        a.label = "σ → 0";
        a.inner.seen[1] = true;
        a.inner.w = new double[] {Double.MIN_VALUE, 1e308};
        Component b = new Component();
        StateReader r = new StateReader(saved(a));
        b.state(r);
        r.requireEnd();
        assertArrayEquals(a.x, b.x);
        assertArrayEquals(a.chosen, b.chosen);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.loss));
        assertEquals(Long.MIN_VALUE, b.steps);
        assertEquals("σ → 0", b.label);
        assertArrayEquals(new boolean[] {false, true}, b.inner.seen);
        assertArrayEquals(a.inner.w, b.inner.w);
        Component c = new Component(); // null arrays come back as null
        Component d = new Component();
        d.chosen = new int[] {1};
        d.state(new StateReader(saved(c)));
        assertNull(d.chosen);
    }

    @Test
    void aLengthThatDiffersIsNamedWithItsPath() {
        Component a = new Component();
        a.inner.w = new double[3];
        Component b = new Component();
        StateFormatException e = assertThrows(StateFormatException.class, () -> b.state(new StateReader(saved(a))));
        // x 20 bytes, chosen 13, loss 15, steps 16, label 12, BEGIN inner 8, seen 13, w's head 4 and length 4
        assertEquals("state entry inner/w at byte 105: expected 2 elements, found 3", e.getMessage());
    }

    @Test
    void anotherEntryIsNamed() {
        StateWriter w = new StateWriter();
        w.floats("y", new float[3]);
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> new Component().state(new StateReader(w.toBytes())));
        assertEquals("state entry x at byte 4: expected floats 'x', found floats 'y'", e.getMessage());
    }

    @Test
    void missingAndLeftoverBytesAreNamed() {
        byte[] b = saved(new Component());
        StateFormatException cut = assertThrows(StateFormatException.class,
                () -> new Component().state(new StateReader(b, 0, b.length - 5)));
        // 129 bytes; the last 5 cut are the name of the END entry of "inner"
        assertEquals(129, b.length);
        assertEquals("state entry inner at byte 124: needs 5 bytes, 0 remain", cut.getMessage());
        StateReader r = new StateReader(java.util.Arrays.copyOf(b, b.length + 2));
        new Component().state(r);
        assertEquals("state entry after the last entry at byte " + b.length + ": 2 bytes left over",
                assertThrows(StateFormatException.class, r::requireEnd).getMessage());
    }

    @Test
    void aHugeDeclaredLengthIsRefusedBeforeAllocating() {
        StateWriter w = new StateWriter();
        w.floats("x", new float[3]);
        byte[] b = w.toBytes();
        java.nio.ByteBuffer.wrap(b).putInt(4, Integer.MAX_VALUE); // the length after kind, u16 name length, "x"
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> new StateReader(b).floatArray("x", null));
        assertEquals("state entry x at byte 8: needs 8589934588 bytes, 12 remain", e.getMessage());
    }
}
