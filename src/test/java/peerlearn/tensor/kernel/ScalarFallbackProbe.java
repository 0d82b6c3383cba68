package peerlearn.tensor.kernel;

/**
 * Run by {@link KernelsTest} in a JVM started without {@code --add-modules jdk.incubator.vector}:
 * prints whether the Vector API is in use and the bits of a few kernel results.
 */
final class ScalarFallbackProbe {
    private ScalarFallbackProbe() {}

    public static void main(String[] args) {
        System.out.println("vectorApi=" + Kernels.vectorApi());
        System.out.println(results());
    }

    /** A fingerprint of GEMM, dot, sum and the direct convolution on fixed inputs (raw bits, so any difference shows). */
    static String results() {
        int m = 19, n = 37, k = 23;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(i * 0.37);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) Math.cos(i * 0.11);
        }
        float[] c = new float[m * n];
        Gemm.sgemm(false, true, m, n, k, 1.25f, a, 0, k, b, 0, k, 0f, c, 0, n);
        long h = 17;
        for (float v : c) {
            h = 31 * h + Float.floatToRawIntBits(v);
        }
        return "gemm=" + h + " dot=" + Double.doubleToRawLongBits(VectorOps.dot(a, 0, b, 0, a.length))
                + " sum=" + Double.doubleToRawLongBits(VectorOps.sum(b)) + " conv=" + directConv(a, b);
    }

    /** A fingerprint of {@link DirectConv}'s forward and weight gradient: 2 images 2×9×11, 3 filters 3×3, pad 1. */
    private static long directConv(float[] a, float[] b) {
        int n = 2, c = 2, h = 9, w = 11, f = 3;
        float[] xp = new float[DirectConv.paddedSize(n, c, h, w, 3, 1)];
        DirectConv.pad(a, 0, n, c, h, w, 3, 1, xp);
        float[] y = new float[n * f * h * w];
        DirectConv.forward(xp, n, c, h, w, 3, 3, 1, b, 0, f, y, 0);
        float[] dw = new float[f * c * 9];
        DirectConv.weightGrad(xp, n, c, h, w, 3, 3, 1, y, 0, f, dw, 0, null);
        long hash = 17;
        for (float v : y) {
            hash = 31 * hash + Float.floatToRawIntBits(v);
        }
        for (float v : dw) {
            hash = 31 * hash + Float.floatToRawIntBits(v);
        }
        return hash;
    }
}
