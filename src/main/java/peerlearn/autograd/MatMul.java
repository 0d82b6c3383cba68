package peerlearn.autograd;

import peerlearn.tensor.Tensor;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.GemmWorkspace;

/**
 * C = op(A)·op(B) for 2-D A and B, where op(A) is A or Aᵀ. With op(A): m×k and op(B): k×n,
 * the backward rules are dop(A) = dC·op(B)ᵀ and dop(B) = op(A)ᵀ·dC; every one is a single
 * {@link Gemm#sgemm} call with β = 1 that adds straight into the parent's gradient buffer.
 */
final class MatMul {
    private MatMul() {}

    static Var apply(Var a, Var b, boolean transA, boolean transB) {
        Shapes.requireRank("matmul", "a", a, 2);
        Shapes.requireRank("matmul", "b", b, 2);
        Tensor av = a.value();
        Tensor bv = b.value();
        int m = transA ? av.dim(1) : av.dim(0);
        int k = transA ? av.dim(0) : av.dim(1);
        int kb = transB ? bv.dim(1) : bv.dim(0);
        int n = transB ? bv.dim(0) : bv.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + Shapes.str(a.shape())
                    + (transA ? "ᵀ" : "") + " · " + Shapes.str(b.shape()) + (transB ? "ᵀ" : "")
                    + " (" + k + " vs " + kb + ")");
        }
        int lda = Math.max(1, av.dim(1));
        int ldb = Math.max(1, bv.dim(1));
        int ldc = Math.max(1, n);
        // On a training step's scratch (see Var.input): the output (β = 0, so C is never read) and
        // the packing buffers of all three products.
        Scratch scratch = a.scratch() != null ? a.scratch() : b.scratch();
        GemmWorkspace ws = scratch == null ? new GemmWorkspace() : scratch.gemmWorkspace();
        Tensor c = Scratch.uninitialized(scratch, m, n);
        Gemm.sgemm(transA, transB, m, n, k, 1f, av.data(), av.offset(), lda, bv.data(), bv.offset(), ldb,
                0f, c.data(), 0, ldc, ws);
        return Var.op(c, g -> {
            float[] gd = g.data();
            int go = g.offset();
            if (a.requiresGrad()) {
                Tensor da = a.gradForUpdate();
                if (!transA) { // dA (m×k) += dC (m×n) · op(B)ᵀ
                    Gemm.sgemm(false, !transB, m, k, n, 1f, gd, go, ldc, bv.data(), bv.offset(), ldb,
                            1f, da.data(), da.offset(), lda, ws);
                } else {       // dA (k×m) += op(B) · dCᵀ
                    Gemm.sgemm(transB, true, k, m, n, 1f, bv.data(), bv.offset(), ldb, gd, go, ldc,
                            1f, da.data(), da.offset(), lda, ws);
                }
            }
            if (b.requiresGrad()) {
                Tensor db = b.gradForUpdate();
                if (!transB) { // dB (k×n) += op(A)ᵀ · dC
                    Gemm.sgemm(!transA, false, k, n, m, 1f, av.data(), av.offset(), lda, gd, go, ldc,
                            1f, db.data(), db.offset(), ldb, ws);
                } else {       // dB (n×k) += dCᵀ · op(A)
                    Gemm.sgemm(true, transA, n, k, m, 1f, gd, go, ldc, av.data(), av.offset(), lda,
                            1f, db.data(), db.offset(), ldb, ws);
                }
            }
        }, a, b);
    }
}
