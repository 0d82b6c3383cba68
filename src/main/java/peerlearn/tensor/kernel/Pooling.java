package peerlearn.tensor.kernel;

/**
 * Max- and average-pooling over NCHW planes without padding: x: (P, H, W) → y: (P, Ho, Wo) where
 * P = N·C, Ho = (H − kh)/stride + 1, Wo likewise. Plain loops (no Vector API, hence no twin):
 * windows are tiny and strided, and the loops already run in the order a reader expects.
 * Backward kernels accumulate into dx in the order of the output elements, so they are
 * deterministic.
 */
public final class Pooling {
    private Pooling() {}

    public static int outSize(int in, int kernel, int stride) {
        return (in - kernel) / stride + 1;
    }

    /**
     * y ← window maxima; {@code argmax[o]} ← index of the winning input relative to {@code xOff}
     * (the first maximum in row-major window order; a NaN in a window wins and propagates).
     */
    public static void maxForward(float[] x, int xOff, int planes, int h, int w, int kh, int kw, int stride,
                                  float[] y, int yOff, int[] argmax, int argOff) {
        int ho = outSize(h, kh, stride);
        int wo = outSize(w, kw, stride);
        check(x, xOff, y, yOff, planes, h, w, kh, kw, stride);
        if (argOff < 0 || (long) argOff + (long) planes * ho * wo > argmax.length) {
            throw new IllegalArgumentException("max-pool: argmax array of length " + argmax.length
                    + " cannot hold " + ((long) planes * ho * wo) + " indices at offset " + argOff);
        }
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int oi = 0; oi < ho; oi++) {
                for (int oj = 0; oj < wo; oj++, o++) {
                    int first = plane + oi * stride * w + oj * stride;
                    int best = first;
                    float bv = x[xOff + first];
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            int at = first + i * w + j;
                            float v = x[xOff + at];
                            if (v > bv || (v != v && bv == bv)) {
                                bv = v;
                                best = at;
                            }
                        }
                    }
                    y[yOff + o] = bv;
                    argmax[argOff + o] = best;
                }
            }
        }
    }

    /** dx[argmax[o]] ← dx[argmax[o]] + dy[o] for every output o, in order of o. */
    public static void maxBackward(float[] dy, int dyOff, int[] argmax, int argOff, int count, float[] dx, int dxOff) {
        VectorOps.check(dy, dyOff, count, "dy");
        for (int o = 0; o < count; o++) {
            dx[dxOff + argmax[argOff + o]] += dy[dyOff + o];
        }
    }

    /** y ← window means (sum in row-major window order, then times 1/(kh·kw)). */
    public static void avgForward(float[] x, int xOff, int planes, int h, int w, int kh, int kw, int stride,
                                  float[] y, int yOff) {
        int ho = outSize(h, kh, stride);
        int wo = outSize(w, kw, stride);
        check(x, xOff, y, yOff, planes, h, w, kh, kw, stride);
        float inv = 1f / (kh * kw);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = xOff + p * h * w;
            for (int oi = 0; oi < ho; oi++) {
                for (int oj = 0; oj < wo; oj++, o++) {
                    int first = plane + oi * stride * w + oj * stride;
                    float s = 0f;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            s += x[first + i * w + j];
                        }
                    }
                    y[yOff + o] = s * inv;
                }
            }
        }
    }

    /** dx ← dx + dy/(kh·kw) spread over each window, outputs in order. */
    public static void avgBackward(float[] dy, int dyOff, int planes, int h, int w, int kh, int kw, int stride,
                                   float[] dx, int dxOff) {
        int ho = outSize(h, kh, stride);
        int wo = outSize(w, kw, stride);
        check(dx, dxOff, dy, dyOff, planes, h, w, kh, kw, stride);
        float inv = 1f / (kh * kw);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = dxOff + p * h * w;
            for (int oi = 0; oi < ho; oi++) {
                for (int oj = 0; oj < wo; oj++, o++) {
                    int first = plane + oi * stride * w + oj * stride;
                    float g = dy[dyOff + o] * inv;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            dx[first + i * w + j] += g;
                        }
                    }
                }
            }
        }
    }

    private static void check(float[] x, int xOff, float[] y, int yOff, int planes, int h, int w,
                              int kh, int kw, int stride) {
        if (planes < 0 || kh < 1 || kw < 1 || stride < 1 || kh > h || kw > w) {
            throw new IllegalArgumentException("pool: bad geometry planes=" + planes + " input " + h + "×" + w
                    + " window " + kh + "×" + kw + " stride " + stride);
        }
        long in = (long) planes * h * w;
        long out = (long) planes * outSize(h, kh, stride) * outSize(w, kw, stride);
        if (in > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pool: input too large: " + in);
        }
        VectorOps.check(x, xOff, (int) in, "pool input");
        VectorOps.check(y, yOff, (int) out, "pool output");
    }
}
