package peerlearn.autograd;

import peerlearn.tensor.kernel.VectorOps;

/**
 * Standardization of one block of elements and its backward rule, shared by group-norm and
 * batch-norm. A block is {@code runs} runs of {@code len} consecutive elements, run r starting at
 * {@code off + r·stride} (one run for a group-norm group; N runs of H·W for a batch-norm channel).
 */
final class Moments {
    private Moments() {}

    /**
     * Writes x̂ = (x − μ)/√(σ² + ε) into {@code xhat} (same layout, from {@code xhatOff} instead of
     * {@code off}) given the block's {μ, σ²} from {@link #meanVar}; returns 1/√(σ² + ε).
     */
    static float standardize(float[] x, int off, int runs, int len, int stride, double[] mv,
                             float[] xhat, int xhatOff, float eps) {
        float mean = (float) mv[0];
        float r = (float) (1.0 / Math.sqrt(mv[1] + eps));
        for (int k = 0; k < runs; k++) {
            for (int i = 0; i < len; i++) {
                xhat[xhatOff + k * stride + i] = (x[off + k * stride + i] - mean) * r;
            }
        }
        return r;
    }

    /**
     * {μ, σ²} of a block, σ² biased (divided by the element count), accumulated in double: each
     * run's sum by {@link VectorOps#sum}, the squared deviations in four interleaved partial sums
     * (element i of a run into partial i mod 4), so neither waits on one long chain of additions.
     */
    static double[] meanVar(float[] x, int off, int runs, int len, int stride) {
        int m = runs * len;
        double sum = 0;
        for (int k = 0; k < runs; k++) {
            sum += VectorOps.sum(x, off + k * stride, len);
        }
        double mean = sum / m;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = 0; k < runs; k++) {
            int base = off + k * stride;
            int i = 0;
            for (; i + 4 <= len; i += 4) {
                double d0 = x[base + i] - mean, d1 = x[base + i + 1] - mean;
                double d2 = x[base + i + 2] - mean, d3 = x[base + i + 3] - mean;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; i < len; i++) {
                double d = x[base + i] - mean;
                s0 += d * d;
            }
        }
        return new double[] {mean, ((s0 + s1) + (s2 + s3)) / m};
    }

    /**
     * dx += r·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) over the block (dx̂ and x̂ share a layout starting at
     * {@code off}; dx's block starts at {@code dxOff}).
     */
    static void backward(float[] dxhat, float[] xhat, int off, int runs, int len, int stride, float r,
                         float[] dx, int dxOff) {
        int m = runs * len;
        double a = 0;
        double b = 0;
        for (int k = 0; k < runs; k++) {
            for (int i = 0; i < len; i++) {
                int j = off + k * stride + i;
                a += dxhat[j];
                b += (double) dxhat[j] * xhat[j];
            }
        }
        float meanD = (float) (a / m);
        float meanDx = (float) (b / m);
        for (int k = 0; k < runs; k++) {
            for (int i = 0; i < len; i++) {
                int j = off + k * stride + i;
                dx[dxOff + k * stride + i] += r * (dxhat[j] - meanD - xhat[j] * meanDx);
            }
        }
    }
}
