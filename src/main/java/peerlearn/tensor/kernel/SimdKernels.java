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
        return FloatVector.SPECIES_PREFERRED.toString();
    }

    static GemmKernel gemm() {
        return new SimdGemm();
    }

    static FlatKernel ops() {
        return new SimdOps();
    }
}
