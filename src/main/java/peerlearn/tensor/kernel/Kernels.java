package peerlearn.tensor.kernel;

/**
 * Chooses, once per JVM, between the Vector API kernels and their scalar twins. The choice is
 * made from the runtime alone — is {@code jdk.incubator.vector} in the boot layer (the JVM was
 * started with {@code --add-modules jdk.incubator.vector}) and is the preferred vector at least
 * 256 bits wide — and is announced by one line on stderr when the scalar twins are used. Since the
 * twins agree with the vector kernels bit for bit, the choice changes speed, never results.
 */
public final class Kernels {
    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean VECTOR_API = MODULE_PRESENT && SimdKernels.worthwhile();
    static final GemmKernel GEMM;
    static final FlatKernel OPS;
    static final RowDotKernel ROW_DOTS;
    static final DirectConvKernel DIRECT_CONV;

    static {
        if (VECTOR_API) {
            GEMM = SimdKernels.gemm();
            OPS = SimdKernels.ops();
            ROW_DOTS = SimdKernels.rowDots();
            DIRECT_CONV = SimdKernels.directConv();
        } else {
            System.err.println(MODULE_PRESENT
                    ? "peerlearn: vectors narrower than 256 bits; using the scalar kernels"
                    : "peerlearn: Vector API not enabled (start java with --add-modules jdk.incubator.vector);"
                            + " using the scalar kernels");
            GEMM = new ScalarGemm();
            OPS = new ScalarOps();
            ROW_DOTS = new ScalarRowDots();
            DIRECT_CONV = new ScalarDirectConv();
        }
    }

    private Kernels() {}

    /** Whether the Vector API kernels are in use (else the scalar twins). */
    public static boolean vectorApi() {
        return VECTOR_API;
    }

    /**
     * A one-line description for logs, e.g. {@code "Vector API, Species[float, 16, S_512_BIT], packed
     * panels on cache lines"} (see {@link CacheLines}).
     */
    public static String describe() {
        return VECTOR_API ? "Vector API, " + SimdKernels.describe() : "scalar";
    }
}
