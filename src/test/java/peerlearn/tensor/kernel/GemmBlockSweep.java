package peerlearn.tensor.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The SIMD GEMM's block sizes compared in one JVM: one square product C = op(A)·op(B) (α = 1,
 * β = 0) under each kc,mc,nc given, warmed up 2 s each, then 5 passes that time each setting for
 * 0.6 s in turn (so a drift of the host's clock touches all of them alike); prints the median and
 * best GFLOP/s by the wall clock. The production tile (6 × 4 vectors, or 3 × 3 on narrower vectors)
 * and its in-place rows are kept; a fourth number, KC,MC,NC,FROM, has products of at least FROM
 * rows take the 24 × 16 pair tile (16-lane vectors only), so {@code 128,384,512,1} times it. Figures
 * in theory/autograd.md ("GEMM on an Intel Xeon core").
 * <pre>
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
 *       peerlearn.tensor.kernel.GemmBlockSweep NN 512 512,192,512 128,384,512
 * </pre>
 */
public final class GemmBlockSweep {
    private GemmBlockSweep() {}

    public static void main(String[] args) {
        if (args.length < 3 || args[0].length() != 2) {
            System.err.println("usage: GemmBlockSweep NN|NT|TN|TT SIZE KC,MC,NC[,FROM] [KC,MC,NC[,FROM] ...]");
            System.exit(2);
        }
        boolean ta = args[0].charAt(0) == 'T', tb = args[0].charAt(1) == 'T';
        int n = Integer.parseInt(args[1]);
        List<int[]> blocks = new ArrayList<>();
        List<SimdGemm> gemms = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int[] b = Arrays.stream(args[i].split(",")).mapToInt(Integer::parseInt).toArray();
            blocks.add(b);
            gemms.add(new SimdGemm(SimdGemm.MR, SimdGemm.V, b[0], b[1], b[2], SimdGemm.DIRECT_ROWS,
                    b.length > 3 ? b[3] : Integer.MAX_VALUE));
        }
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
            b[i] = (float) r.nextDouble(-1, 1);
        }
        GemmWorkspace ws = new GemmWorkspace();
        double flops = 2.0 * n * n * n;
        double[][] gflops = new double[gemms.size()][5];
        for (int pass = -1; pass < 5; pass++) {
            for (int i = 0; i < gemms.size(); i++) {
                long t0 = System.nanoTime();
                long reps = 0;
                while (System.nanoTime() - t0 < (pass < 0 ? 2e9 : 0.6e9)) {
                    gemms.get(i).sgemm(ta, tb, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n, ws);
                    reps++;
                }
                if (pass >= 0) {
                    gflops[i][pass] = flops * reps / (System.nanoTime() - t0);
                }
            }
        }
        for (int i = 0; i < gemms.size(); i++) {
            double[] g = gflops[i];
            Arrays.sort(g);
            int[] bl = blocks.get(i);
            System.out.printf(Locale.ROOT, "%s %d³ kc=%d mc=%d nc=%d%s  median %6.1f GFLOP/s  best %6.1f%n", args[0], n,
                    bl[0], bl[1], bl[2], bl.length > 3 ? " pairs from " + bl[3] : "", g[2], g[4]);
        }
    }
}
