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
     * range) goes to partial i mod 16, and the partials are folded pairwise by {@link #fold}.
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

    @Override
    public double dot(float[] x, int xOff, float[] y, int yOff, int n) {
        double[] s = new double[PARTIALS];
        for (int i = 0; i < n; i++) {
            s[i % PARTIALS] += (double) x[xOff + i] * y[yOff + i];
        }
        return fold(s);
    }

    @Override
    public double sum(float[] x, int off, int n) {
        double[] s = new double[PARTIALS];
        for (int i = 0; i < n; i++) {
            s[i % PARTIALS] += x[off + i];
        }
        return fold(s);
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
