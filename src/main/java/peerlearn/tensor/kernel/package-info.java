/**
 * The numerical kernels under {@code peerlearn.tensor}: SGEMM ({@link peerlearn.tensor.kernel.Gemm}),
 * im2col/col2im ({@link peerlearn.tensor.kernel.Im2col}), pooling
 * ({@link peerlearn.tensor.kernel.Pooling}) and the flat-vector and element-wise operations every
 * algorithm uses ({@link peerlearn.tensor.kernel.VectorOps}).
 *
 * <p><b>The twin rule.</b> Every kernel written with the Vector API ({@code SimdGemm},
 * {@code SimdOps}, {@code SimdRowDots}, {@code SimdDirectConv}) has a plain scalar twin
 * ({@code ScalarGemm}, {@code ScalarOps}, {@code ScalarRowDots}, {@code ScalarDirectConv}) short enough to
 * check by eye. The twins are not approximations: property tests assert that both produce the
 * same bits on random shapes, including the vector tails (sizes 0, 1, lanes−1, lanes, lanes+1).
 * {@link peerlearn.tensor.kernel.Kernels} picks one pair once per JVM: the vector kernels when
 * the {@code jdk.incubator.vector} module is in the boot layer, else the twins, saying so in one
 * line on stderr. Classes that name vector types are reached only through {@code SimdKernels},
 * so a runtime without the module never loads them.
 *
 * <p><b>The determinism rule.</b> A result may depend on the inputs only — not on the vector
 * width, the blocking, the thread or the machine. So the order of every floating-point sum is
 * part of a kernel's contract: a GEMM element is the fma chain over k in increasing order from
 * zero, followed by the α/β epilogue; a reduction (dot, sum, ‖x‖²) accumulates in double into 16
 * partial sums (element i into partial i mod 16) folded pairwise in a fixed order, whether the
 * hardware holds 4, 8 or 16 lanes; gradients are accumulated in a fixed order of their terms.
 * Blocking and vectorization only decide which independent sums advance together.
 *
 * <p><b>Speed.</b> The GEMM packs op(A) and op(B) into panels and runs a register-blocked
 * micro-kernel (Goto and van de Geijn, ACM TOMS 34(3), 2008) whose tile fits the register file:
 * 6 × (4·lanes) with 512-bit vectors, 3 × (3·lanes) with narrower ones (AVX2's 16 registers),
 * reading B in place when few rows share it and its rows do not alias in L1. Products whose C is
 * small and whose rows are long (a convolution's weight gradient) go to
 * {@link peerlearn.tensor.kernel.RowDots} instead: dot products vectorized along the rows, with 16
 * fixed partial sums per element, so their bits too are the same at every vector width. A first
 * convolution layer (stride 1, few weights per filter, large images) skips im2col altogether:
 * {@link peerlearn.tensor.kernel.DirectConv} reads a zero-padded copy of the images. Packing buffers live
 * in a {@link peerlearn.tensor.kernel.GemmWorkspace} that the caller may keep per thread of work.
 * Figures and the commands that measure them: {@code tools/bench}, {@code tools/bench-gemm}
 * (against OpenBLAS in the same run) and theory/autograd.md#speed.
 */
package peerlearn.tensor.kernel;
