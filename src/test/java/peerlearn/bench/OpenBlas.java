package peerlearn.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenBLAS's {@code cblas_sgemm} called from this JVM through the foreign-function API, so that a
 * benchmark can time it and peerlearn's SGEMM alternately in one thread, on the same arrays, seconds
 * apart ({@link GemmVersus}). The arrays are handed over in place (a critical call with heap access:
 * no copy, no native buffers). Benchmarks only: the library itself calls nothing native.
 *
 * <p>The library is Debian's {@code libopenblas0-pthread} (the one numpy loads there), or the file
 * named by the system property {@code peerlearn.openblas}. OpenBLAS reads {@code OPENBLAS_CORETYPE}
 * and {@code OPENBLAS_L2_SIZE} when it loads, and either can force an older kernel at about half
 * speed, so a JVM started with them set is refused; the thread count is set to one.
 */
final class OpenBlas {
    private static final List<String> CANDIDATES = List.of(
            "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0");
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private final Path path;
    private final String core;
    private final String config;
    private final MethodHandle sgemm;

    private OpenBlas(Path path, String core, String config, MethodHandle sgemm) {
        this.path = path;
        this.core = core;
        this.config = config;
        this.sgemm = sgemm;
    }

    /** Loads OpenBLAS and pins it to one thread; fails with the reason when it cannot. */
    static OpenBlas load() {
        for (String v : List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")) {
            if (System.getenv(v) != null) {
                throw new IllegalStateException(v + " is set (" + System.getenv(v)
                        + "), which can force an older OpenBLAS kernel: unset it for this command");
            }
        }
        String named = System.getProperty("peerlearn.openblas");
        Path path = named != null ? Path.of(named)
                : CANDIDATES.stream().map(Path::of).filter(Files::isReadable).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no OpenBLAS found (looked for " + CANDIDATES
                                + "); install Debian's libopenblas0-pthread or name one with -Dpeerlearn.openblas=FILE"));
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = SymbolLookup.libraryLookup(path, Arena.global());
        try {
            MethodHandle setThreads = linker.downcallHandle(find(lib, "openblas_set_num_threads"),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
            MethodHandle getThreads = linker.downcallHandle(find(lib, "openblas_get_num_threads"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT));
            MethodHandle coreName = linker.downcallHandle(find(lib, "openblas_get_corename"),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            MethodHandle configName = linker.downcallHandle(find(lib, "openblas_get_config"),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            setThreads.invokeExact(1);
            int threads = (int) getThreads.invokeExact();
            if (threads != 1) {
                throw new IllegalStateException("OpenBLAS runs " + threads + " threads, expected 1");
            }
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT;
            ValueLayout a = ValueLayout.ADDRESS;
            MethodHandle sgemm = linker.downcallHandle(find(lib, "cblas_sgemm"),
                    FunctionDescriptor.ofVoid(i, i, i, i, i, i, f, a, i, a, i, f, a, i),
                    Linker.Option.critical(true));
            return new OpenBlas(path, string((MemorySegment) coreName.invokeExact()),
                    string((MemorySegment) configName.invokeExact()), sgemm);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalStateException("OpenBLAS has no " + name));
    }

    private static String string(MemorySegment cString) {
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /**
     * C = α·op(A)·op(B) + β·C on row-major arrays, with {@link peerlearn.tensor.kernel.Gemm#sgemm}'s
     * arguments (offsets 0): A is m×k (k×m when transposed), B k×n (n×k), C m×n.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int lda,
               float[] b, int ldb, float beta, float[] c, int ldc) {
        try {
            sgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    MemorySegment.ofArray(a), lda, MemorySegment.ofArray(b), ldb, beta, MemorySegment.ofArray(c), ldc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** One line naming the library, its kernel and build. */
    String describe() {
        return "OpenBLAS " + path + ", core " + core + ", " + config.trim() + ", 1 thread";
    }
}
