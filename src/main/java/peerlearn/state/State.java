package peerlearn.state;

/**
 * A walk over a component's state, by name. When saving, every call writes the value it is given
 * and returns it unchanged; when restoring, every call checks that the next saved entry has this
 * name, kind and (for the fixed-length forms) length, and overwrites the array in place or returns
 * the saved value. A component therefore writes one method in which each line reads as what it
 * keeps:
 *
 * <pre>{@code
 * public void state(State s) {
 *     s.floats("x", x);                  // fixed length, restored in place
 *     loss = s.number("loss", loss);     // a scalar: the saved value comes back
 *     s.part("optimizer", opt);          // a nested component, its names prefixed
 * }
 * }</pre>
 *
 * Restoring fails with a {@link StateFormatException} naming the entry's path when the saved
 * entries do not match.
 */
public interface State {
    /** True while restoring, false while saving. */
    boolean restoring();

    /** A float array of fixed length, saved or overwritten in place. */
    void floats(String name, float[] a);

    void doubles(String name, double[] a);

    void ints(String name, int[] a);

    void longs(String name, long[] a);

    void flags(String name, boolean[] a);

    /** A float array of any length, or null; returns the array to keep (the saved one when restoring). */
    float[] floatArray(String name, float[] a);

    double[] doubleArray(String name, double[] a);

    int[] intArray(String name, int[] a);

    boolean[] flagArray(String name, boolean[] a);

    byte[] bytes(String name, byte[] a);

    /** A double (any bits, NaN included). */
    double number(String name, double v);

    /** A long. */
    long integer(String name, long v);

    /** An int; restoring checks the saved value fits. */
    default int count(String name, int v) {
        long r = integer(name, v);
        if (r != (int) r) {
            throw new StateFormatException(path(name) + ": " + r + " does not fit an int");
        }
        return (int) r;
    }

    default boolean flag(String name, boolean v) {
        long r = integer(name, v ? 1 : 0);
        if (r != 0 && r != 1) {
            throw new StateFormatException(path(name) + ": a flag must be 0 or 1, got " + r);
        }
        return r == 1;
    }

    /** A string (UTF-8), or null. */
    String text(String name, String v);

    /** A nested component: its entries are named {@code name/...}. */
    void part(String name, Stateful component);

    /** The full name of entry {@code name} at the current nesting, for messages. */
    String path(String name);
}
