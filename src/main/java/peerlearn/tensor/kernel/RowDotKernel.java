package peerlearn.tensor.kernel;

/**
 * One implementation of {@link RowDots#abt}: C = α·A·Bᵀ + β·C with each element the
 * 16-partial dot product of a row of A and a row of B (arguments already checked by the facade);
 * a kernel that parks partial sums between k-blocks takes their buffer from {@code ws} (or
 * allocates it when {@code ws} is null).
 */
interface RowDotKernel {
    void abt(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
             float beta, float[] c, int cOff, int ldc, GemmWorkspace ws);
}
