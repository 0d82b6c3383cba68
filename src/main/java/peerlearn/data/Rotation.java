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
        float[] src = data.featuresUnsafe();
        float[] dst = new float[src.length];
        int planes = src.length / (shape[1] * shape[2]);
        for (int p = 0; p < planes; p++) {
            rotatePlane(src, dst, p * shape[1] * shape[2], shape[1], shape[2], degrees, interpolation);
        }
        return data.withFeatures(String.format(Locale.ROOT, "%s-rot%s", data.name(), fmt(degrees)), dst);
    }

    /** Rotates one H×W plane {@code src[off ...]} into {@code dst[off ...]}. */
    static void rotatePlane(float[] src, float[] dst, int off, int h, int w, double degrees, Interpolation mode) {
        double t = Math.toRadians(degrees);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        // Exact values for multiples of 90° so that quarter turns are exact permutations.
        if (degrees % 90 == 0) {
            cos = Math.rint(cos);
            sin = Math.rint(sin);
        }
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                // Screen coordinates (x right, y up) of the output pixel relative to the centre;
                // rotating the image by +t sends input point p to R(t)p, so read R(−t)q.
                double x = c - cx;
                double y = cy - r;
                double sx = cos * x + sin * y;
                double sy = -sin * x + cos * y;
                double col = sx + cx;
                double row = cy - sy;
                dst[off + r * w + c] = mode == Interpolation.NEAREST ? nearest(src, off, h, w, row, col)
                        : bilinear(src, off, h, w, row, col);
            }
        }
    }

    private static float nearest(float[] src, int off, int h, int w, double row, double col) {
        int r = (int) Math.floor(row + 0.5);
        int c = (int) Math.floor(col + 0.5);
        return r < 0 || r >= h || c < 0 || c >= w ? 0f : src[off + r * w + c];
    }

    private static float bilinear(float[] src, int off, int h, int w, double row, double col) {
        int r0 = (int) Math.floor(row);
        int c0 = (int) Math.floor(col);
        double fr = row - r0;
        double fc = col - c0;
        double v = (1 - fr) * ((1 - fc) * at(src, off, h, w, r0, c0) + fc * at(src, off, h, w, r0, c0 + 1))
                + fr * ((1 - fc) * at(src, off, h, w, r0 + 1, c0) + fc * at(src, off, h, w, r0 + 1, c0 + 1));
        return (float) v;
    }

    private static float at(float[] src, int off, int h, int w, int r, int c) {
        return r < 0 || r >= h || c < 0 || c >= w ? 0f : src[off + r * w + c];
    }

    static String fmt(double degrees) {
        return degrees == Math.rint(degrees) ? Long.toString((long) degrees) : Double.toString(degrees);
    }
}
