package peerlearn.tensor.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Where a heap array's 64-byte cache lines begin. A float array's elements start 16 bytes into an
 * object the collector places on any 8-byte boundary, so a 64-byte vector load from a packed panel
 * usually spans two lines; on an Intel core that costs the GEMM 6–8% (theory/autograd.md, "The
 * packed panel on a cache line"). Java does not show an array's address, but a critical downcall
 * hands a heap segment to C in place: {@code memmove(p, p, 0)} moves nothing and returns p. That
 * needs native access ({@code --enable-native-access}, which the launcher grants); without it every
 * answer is 0, and the kernels run as before, a little slower on such cores, with the same bits.
 *
 * <p>The answer holds until the collector next moves the array, so callers ask again for every
 * product (6 ns).
 */
final class CacheLines {
    private CacheLines() {}

    static final int BYTES = 64;

    /** {@code memmove(void *dst, const void *src, size_t n)}, returning dst as a long, or null. */
    private static final MethodHandle MEMMOVE = memmove();

    private static MethodHandle memmove() {
        if (!CacheLines.class.getModule().isNativeAccessEnabled()) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("memmove").map(f -> linker.downcallHandle(f,
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG),
                    Linker.Option.critical(true))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether addresses can be learned here (native access granted and memmove found). */
    static boolean known() {
        return MEMMOVE != null;
    }

    /**
     * The number of floats from the start of the array behind {@code array} (a segment of a
     * float[]) to its first element on a cache line, 0 to 15; 0 where addresses are not known.
     */
    static int floatsToLine(MemorySegment array) {
        if (MEMMOVE == null) {
            return 0;
        }
        long address;
        try {
            address = (long) MEMMOVE.invokeExact(array, array, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException("memmove of nothing failed", e);
        }
        return (int) (-address & (BYTES - 1)) / Float.BYTES;
    }
}
