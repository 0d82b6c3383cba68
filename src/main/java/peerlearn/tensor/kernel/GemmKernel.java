package peerlearn.tensor.kernel;

/**
 * One implementation of {@code C = alpha · op(A) · op(B) + beta · C} (see {@link Gemm} for the
 * meaning of the arguments, which the facade has already checked).
 */
interface GemmKernel {
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc, GemmWorkspace ws);
}
