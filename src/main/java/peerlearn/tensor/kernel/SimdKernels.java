package peerlearn.tensor.kernel;

import jdk.incubator.vector.FloatVector;

/**
 * The only door to the Vector API classes: {@link Kernels} calls it only after checking that the
 * {@code jdk.incubator.vector} module is in the boot layer, so no class naming a vector type is
 * loaded on a runtime without it.
 */
final class SimdKernels {
    private SimdKernels() {}

    /** Whether the preferred species is wide enough (≥ 256 bits) for the kernels to pay off. */
    static boolean worthwhile() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    static String describe() {
        return FloatVector.SPECIES_PREFERRED + (CacheLines.known() ? ", packed panels on cache lines"
                : ", packed panels wherever the heap puts them (no native access)");
    }

    static GemmKernel gemm() {
        return new SimdGemm();
    }

    /** The vector row dots for 512- or 256-bit vectors, else their scalar twin. */
    static RowDotKernel rowDots() {
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        return bits == 512 || bits == 256 ? new SimdRowDots(bits) : new ScalarRowDots();
    }

    /** The vector direct convolution when 16 is a whole number of vectors (256 or 512 bits), else its scalar twin. */
    static DirectConvKernel directConv() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        return lanes == 8 || lanes == 16 ? new SimdDirectConv() : new ScalarDirectConv();
    }

    static FlatKernel ops() {
        return new SimdOps();
    }
}
