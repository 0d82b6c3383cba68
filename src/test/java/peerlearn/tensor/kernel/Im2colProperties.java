package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import peerlearn.testkit.KernelGenerators;
import peerlearn.testkit.Tolerances;

class Im2colProperties {

    /** A random batch geometry whose kernel fits the padded image. */
    private record Geometry(int n, int c, int h, int w, int kh, int kw, int stride, int pad) {
        static Geometry random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(5), pad = r.nextInt(3), stride = 1 + r.nextInt(3);
            int h = Math.max(1, kh - 2 * pad) + r.nextInt(12);
            int w = Math.max(1, kw - 2 * pad) + r.nextInt(12);
            return new Geometry(r.nextInt(4), 1 + r.nextInt(3), h, w, kh, kw, stride, pad);
        }

        int ho() {
            return Im2col.outSize(h, kh, stride, pad);
        }

        int wo() {
            return Im2col.outSize(w, kw, stride, pad);
        }

        int inputSize() {
            return n * c * h * w;
        }

        int colsSize() {
            return c * kh * kw * n * ho() * wo();
        }
    }

    @Test
    void fastIm2colEqualsTheTextbookLoops() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Geometry g = Geometry.random(seed);
            float[] x = KernelGenerators.awkward(new SplittableRandom(seed), g.inputSize() + 2);
            float[] want = new float[g.colsSize() + 3];
            float[] got = new float[g.colsSize() + 3];
            java.util.Arrays.fill(got, Float.NaN); // every element must be written
            want[0] = got[0] = want[want.length - 1] = got[got.length - 1] = 7f;
            for (int i = 1; i < want.length - 1; i++) {
                want[i] = Float.NaN;
            }
            ScalarIm2col.im2col(x, 2, g.n, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, want, 1);
            Im2col.im2colBatch(x, 2, g.n, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, got, 1);
            assertArrayEquals(want, got, g.toString());
        });
    }

    @Test
    void fastCol2imEqualsTheTextbookLoopsBitForBit() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Geometry g = Geometry.random(seed);
            SplittableRandom r = new SplittableRandom(seed);
            float[] cols = KernelGenerators.uniform(r, g.colsSize() + 1);
            float[] want = KernelGenerators.uniform(r, g.inputSize() + 3);
            float[] got = want.clone();
            ScalarIm2col.col2im(cols, 1, g.n, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, want, 3);
            Im2col.col2imBatch(cols, 1, g.n, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, got, 3);
            assertArrayEquals(want, got, g.toString());
        });
    }

    /** col2im is the adjoint of im2col: ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩ (in double, to rounding). */
    @Test
    void col2imIsTheAdjointOfIm2col() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Geometry g = Geometry.random(seed);
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = KernelGenerators.uniform(r, g.inputSize());
            float[] y = KernelGenerators.uniform(r, g.colsSize());
            float[] cols = new float[g.colsSize()];
            float[] back = new float[g.inputSize()];
            Im2col.im2colBatch(x, 0, g.n, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, cols, 0);
            Im2col.col2imBatch(y, 0, g.n, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, back, 0);
            double left = VectorOps.dot(cols, y);
            double right = VectorOps.dot(x, back);
            // back's elements are float sums of at most kh·kw terms of size ≤ 1.
            double bound = g.kh * g.kw * Tolerances.FLOAT_UNIT_ROUNDOFF * g.colsSize() + 1e-12;
            assertTrue(Math.abs(left - right) <= bound, g + ": " + left + " vs " + right);
        });
    }

    @Test
    void singleImageMethodsAreTheBatchOfOne() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = KernelGenerators.uniform(r, 2 * 5 * 6);
        float[] a = new float[2 * 9 * 5 * 6];
        float[] b = new float[a.length];
        Im2col.im2col(x, 0, 2, 5, 6, 3, 3, 1, 1, a, 0);
        ScalarIm2col.im2col(x, 0, 1, 2, 5, 6, 3, 3, 1, 1, b, 0);
        assertArrayEquals(b, a);
    }
}
