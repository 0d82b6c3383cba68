package peerlearn.tensor.kernel;

/**
 * The scalar twin of {@link SimdOps}: plain loops a reader checks by eye, and what runs where the
 * Vector API is not enabled. Element-wise operations are one IEEE operation per element, so the
 * twins agree trivially; the reductions fix their summation order (see {@link #PARTIALS}) so that
 * they agree too, whatever the machine's vector width.
 */
final class ScalarOps implements FlatKernel {
    /**
     * Reductions keep this many partial sums in double: element i (counted from the start of the
     * range) of the whole blocks of 16 goes to partial i mod 16, the partials are folded pairwise by
     * {@link #fold}, and the last n mod 16 terms are added to the result one by one. (Folding the
     * tail into the partials needs, in a vector twin, a masked load at the array's end, which AVX2
     * runs element by element and boxed.)
     */
    static final int PARTIALS = 16;

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void scale(float a, float[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            x[off + i] = a * x[off + i];
        }
    }

    @Override
    public void addScalar(float s, float[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            x[off + i] = x[off + i] + s;
        }
    }

    @Override
    public void copy(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i];
        }
    }

    @Override
    public void copyRows(float[] x, int xOff, int xStride, float[] out, int outOff, int outStride, int rows, int len) {
        for (int r = 0; r < rows; r++) {
            copy(x, xOff + r * xStride, out, outOff + r * outStride, len);
        }
    }

    @Override
    public void addRows(float[] x, int xOff, int xStride, float[] out, int outOff, int outStride, int rows, int len) {
        for (int r = 0; r < rows; r++) {
            int o = outOff + r * outStride;
            add(out, o, x, xOff + r * xStride, out, o, len);
        }
    }

    @Override
    public void addShiftedRows(float[] x, int xOff, int xShift, int xStride, int shifts, float[] out, int outOff,
                               int outStride, int rows, int len, int qlo, int qhi) {
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < shifts; s++) {
                int j0 = Math.max(0, qlo - s);
                int j1 = Math.min(len, qhi - s);
                if (j1 > j0) {
                    int o = outOff + r * outStride + s + j0;
                    add(out, o, x, xOff + s * xShift + r * xStride + j0, out, o, j1 - j0);
                }
            }
        }
    }

    @Override
    public void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] y, int yOff, int[] argmax, int argOff) {
        int ho = h / 2;
        int wo = w / 2;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int oi = 0; oi < ho; oi++, o += wo) {
                maxPool2x2Row(x, xOff, w, p * h * w + 2 * oi * w, 0, wo, y, yOff + o, argmax, argOff + o);
            }
        }
    }

    /**
     * Windows oj0 ≤ oj < oj1 of one output row whose window row 0 starts at x[xOff + top] (row 1 at
     * + w), into y[yAt + oj] and argmax[argAt + oj] (indices relative to xOff).
     */
    static void maxPool2x2Row(float[] x, int xOff, int w, int top, int oj0, int oj1, float[] y, int yAt,
                              int[] argmax, int argAt) {
        for (int oj = oj0; oj < oj1; oj++) {
            int i = top + 2 * oj;
            float a = x[xOff + i];
            float b = x[xOff + i + 1];
            float c = x[xOff + i + w];
            float d = x[xOff + i + w + 1];
            // first maximum of each row, then of the two rows (the upper row wins ties)
            int iab = b > a ? i + 1 : i;
            int icd = d > c ? i + w + 1 : i + w;
            float ab = Math.max(a, b);
            float cd = Math.max(c, d);
            y[yAt + oj] = Math.max(ab, cd);
            argmax[argAt + oj] = cd > ab ? icd : iab;
        }
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] + y[yOff + i];
        }
    }

    @Override
    public void sub(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] - y[yOff + i];
        }
    }

    @Override
    public void mul(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void addProduct(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.fma(x[xOff + i], y[yOff + i], out[outOff + i]);
        }
    }

    @Override
    public void weightedSum(float[] w, float[][] xs, float[] out, int off, int n) {
        for (int i = 0; i < n; i++) {
            float s = 0f;
            for (int k = 0; k < xs.length; k++) {
                s = Math.fma(w[k], xs[k][off + i], s);
            }
            out[off + i] = s;
        }
    }

    @Override
    public void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        for (int i = 0; i < n; i++) {
            if (x[xOff + i] > 0f) {
                dx[dxOff + i] = dx[dxOff + i] + dy[dyOff + i];
            }
        }
    }

    /** min(1, max(0, v/6 + 1/2)), with v/6 as v·(1/6) (a multiplication is several times cheaper than a division). */
    static float hardSigmoid(float v) {
        return Math.min(1f, Math.max(0f, Math.fma(v, 1f / 6f, 0.5f)));
    }

    @Override
    public void hardSwishScaled(float[] x, int xOff, float[] out, int outOff, int n, float scale) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v * hardSigmoid(v) * scale;
        }
    }

    @Override
    public void evoNormS0Backward(float[] x, int xOff, float[] du, int duOff, float[] dx, int dxOff, int n,
                                  float scale, float viaVar, float mean) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            float slope = v > -3f && v < 3f ? 1f / 6f : 0f;
            dx[dxOff + i] += du[duOff + i] * (hardSigmoid(v) + v * slope) * scale + viaVar * (v - mean);
        }
    }

    @Override
    public double dot(float[] x, int xOff, float[] y, int yOff, int n) {
        double[] s = new double[PARTIALS];
        int whole = n - n % PARTIALS;
        for (int i = 0; i < whole; i++) {
            s[i % PARTIALS] += (double) x[xOff + i] * y[yOff + i];
        }
        double r = fold(s);
        for (int i = whole; i < n; i++) {
            r += (double) x[xOff + i] * y[yOff + i];
        }
        return r;
    }

    @Override
    public double sum(float[] x, int off, int n) {
        double[] s = new double[PARTIALS];
        int whole = n - n % PARTIALS;
        for (int i = 0; i < whole; i++) {
            s[i % PARTIALS] += x[off + i];
        }
        double r = fold(s);
        for (int i = whole; i < n; i++) {
            r += x[off + i];
        }
        return r;
    }

    /** Pairwise fold of the 16 partials: s_i += s_{i+8}, then s_i += s_{i+4}, +2, +1; returns s_0. */
    static double fold(double[] s) {
        for (int h = PARTIALS / 2; h >= 1; h /= 2) {
            for (int i = 0; i < h; i++) {
                s[i] += s[i + h];
            }
        }
        return s[0];
    }
}
