package peerlearn.data;

import java.util.Locale;

/**
 * Rotation of every image by one fixed angle: the covariate shift of DAC (Listo Zec et al.,
 * arXiv 2206.08839), where each cluster of clients sees the data rotated by 0°, 180°, 10° or 350°.
 *
 * <p>Images of shape (C, H, W) turn counter-clockwise (as displayed, row 0 at the top) about
 * their centre ((W−1)/2, (H−1)/2); the canvas keeps its size, corners that come from outside the
 * image are 0 (black before normalisation, so rotate before normalising). Output pixel (r, c)
 * samples the input at the inverse-rotated position, by {@link Interpolation#BILINEAR} (the
 * default) or {@link Interpolation#NEAREST}. Multiples of 90° are exact permutations either way.
 */
public final class Rotation {
    /** How a pixel between grid points is read. */
    public enum Interpolation { NEAREST, BILINEAR }

    private Rotation() {}

    /** A new data set: {@code data}'s images rotated by {@code degrees}; labels are shared. */
    public static Dataset rotate(Dataset data, double degrees, Interpolation interpolation) {
        int[] shape = data.sampleShape();
        if (shape.length != 3) {
            throw new IllegalArgumentException(data.name() + ": rotation needs images of shape (C, H, W), got rank "
                    + shape.length);
        }
        int h = shape[1];
        int w = shape[2];
        Sampling map = Sampling.of(h, w, degrees, interpolation);
        float[] src = data.featuresUnsafe();
        float[] dst = new float[src.length];
        for (int off = 0; off < src.length; off += h * w) {
            map.apply(src, dst, off);
        }
        return data.withFeatures(String.format(Locale.ROOT, "%s-rot%s", data.name(), fmt(degrees)), dst);
    }

    /**
     * Where each output pixel of an H×W plane reads from, computed once per angle: output pixel p
     * = Σ_k weight[4p+k] · input[source[4p+k]] over its (up to) four bilinear neighbours, or its
     * nearest neighbour alone; source −1 marks a point outside the image (value 0).
     */
    private record Sampling(int[] source, float[] weight) {
        static Sampling of(int h, int w, double degrees, Interpolation mode) {
            double t = Math.toRadians(degrees);
            double cos = Math.cos(t);
            double sin = Math.sin(t);
            if (degrees % 90 == 0) { // exact quarter turns: exact permutations
                cos = Math.rint(cos);
                sin = Math.rint(sin);
            }
            double cy = (h - 1) / 2.0;
            double cx = (w - 1) / 2.0;
            int[] source = new int[4 * h * w];
            float[] weight = new float[4 * h * w];
            java.util.Arrays.fill(source, -1);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    // Screen coordinates (x right, y up) of the output pixel about the centre; rotating
                    // the image by +t sends input point p to R(t)p, so the output reads R(−t)q.
                    double x = c - cx;
                    double y = cy - r;
                    double col = cos * x + sin * y + cx;
                    double row = cy - (-sin * x + cos * y);
                    int p = 4 * (r * w + c);
                    if (mode == Interpolation.NEAREST) {
                        set(source, weight, p, h, w, (int) Math.floor(row + 0.5), (int) Math.floor(col + 0.5), 1);
                        continue;
                    }
                    int r0 = (int) Math.floor(row);
                    int c0 = (int) Math.floor(col);
                    double fr = row - r0;
                    double fc = col - c0;
                    set(source, weight, p, h, w, r0, c0, (1 - fr) * (1 - fc));
                    set(source, weight, p + 1, h, w, r0, c0 + 1, (1 - fr) * fc);
                    set(source, weight, p + 2, h, w, r0 + 1, c0, fr * (1 - fc));
                    set(source, weight, p + 3, h, w, r0 + 1, c0 + 1, fr * fc);
                }
            }
            return new Sampling(source, weight);
        }

        private static void set(int[] source, float[] weight, int k, int h, int w, int r, int c, double wt) {
            if (r >= 0 && r < h && c >= 0 && c < w && wt != 0) {
                source[k] = r * w + c;
                weight[k] = (float) wt;
            }
        }

        void apply(float[] src, float[] dst, int off) {
            int n = source.length / 4;
            for (int p = 0; p < n; p++) {
                float v = 0;
                for (int k = 4 * p; k < 4 * p + 4; k++) {
                    if (source[k] >= 0) {
                        v += weight[k] * src[off + source[k]];
                    }
                }
                dst[off + p] = v;
            }
        }
    }

    static String fmt(double degrees) {
        return degrees == Math.rint(degrees) ? Long.toString((long) degrees) : Double.toString(degrees);
    }
}
