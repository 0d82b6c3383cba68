package peerlearn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.GemmWorkspace;
import peerlearn.tensor.kernel.Kernels;

/**
 * peerlearn's SGEMM against OpenBLAS's ({@link OpenBlas}, called in this JVM) in alternation: per
 * shape both are warmed up, each is given as many products as take about 0.5 s, and then seven
 * rounds time one batch of each, the two in turn (peerlearn first in even rounds, OpenBLAS first in
 * odd ones), on the same arrays and the same thread. Each round's ratio compares two timings under
 * the same conditions, seconds apart, where a guest's core can change speed by a tenth from one
 * second to the next and two separate runs compare different machines. Prints per shape both medians
 * (GFLOP/s by the wall clock), the median and range of the rounds' ratios, and the median ratio by
 * the thread's CPU time; the two results are checked to agree first. Also prints the fma peak
 * ({@link GemmTimes#fmaPeak}) before and after. tools/bench-gemm runs it.
 * <pre>
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java --add-modules jdk.incubator.vector \
 *       --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
 *       peerlearn.bench.GemmVersus [warm-up-seconds [SHAPE ...]]
 * </pre>
 */
public final class GemmVersus {
    private GemmVersus() {}

    private static final int ROUNDS = 7;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        List<String> shapes = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : GemmTimes.SHAPES;
        OpenBlas blas = OpenBlas.load();
        System.out.println(blas.describe());
        System.out.println("peerlearn: " + Kernels.describe());
        double peakBefore = GemmTimes.fmaPeak();
        for (String shape : shapes) {
            GemmTimes.Shape sh = GemmTimes.Shape.of(shape);
            int m = sh.m(), n = sh.n(), k = sh.k();
            float[] a = sh.a(), b = sh.b();
            float[] c = new float[m * n];
            float[] cBlas = new float[m * n];
            GemmWorkspace ws = new GemmWorkspace();
            Runnable ours = () -> Gemm.sgemm(sh.ta(), sh.tb(), m, n, k, 1f, a, 0, sh.lda(), b, 0, sh.ldb(), 0f, c, 0, n, ws);
            Runnable theirs = () -> blas.sgemm(sh.ta(), sh.tb(), m, n, k, 1f, a, sh.lda(), b, sh.ldb(), 0f, cBlas, n);
            ours.run();
            theirs.run();
            checkAgree(shape, c, cBlas, k);
            double flops = sh.flops();
            warm(ours, warmup);
            warm(theirs, 1);
            int oursReps = repsFor(ours), theirsReps = repsFor(theirs);
            double[] oursWall = new double[ROUNDS], theirsWall = new double[ROUNDS];
            double[] ratio = new double[ROUNDS], cpuRatio = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                double[] o, t;
                if (round % 2 == 0) {
                    o = time(ours, oursReps, flops);
                    t = time(theirs, theirsReps, flops);
                } else {
                    t = time(theirs, theirsReps, flops);
                    o = time(ours, oursReps, flops);
                }
                oursWall[round] = o[0];
                theirsWall[round] = t[0];
                ratio[round] = o[0] / t[0];
                cpuRatio[round] = o[1] / t[1];
            }
            double ratioMin = Arrays.stream(ratio).min().orElseThrow();
            double ratioMax = Arrays.stream(ratio).max().orElseThrow();
            System.out.printf(Locale.ROOT, "sgemm %-20s peerlearn %7.1f  OpenBLAS %7.1f GFLOP/s   ratio %5.2f× (rounds %4.2f–%4.2f×)"
                            + "   cpu-time ratio %5.2f×%n", shape, median(oursWall), median(theirsWall), median(ratio),
                    ratioMin, ratioMax, median(cpuRatio));
        }
        double peakAfter = GemmTimes.fmaPeak();
        System.out.printf(Locale.ROOT, "fma peak (the higher of %.1f before and %.1f after the products) %7.1f GFLOP/s%n",
                peakBefore, peakAfter, Math.max(peakBefore, peakAfter));
    }

    /**
     * The two products agree to float rounding: each element within 1e-6·k·max|c|. Two float sums
     * of k products of numbers in [−1, 1), added in different orders, typically differ by about
     * √k·ε·|c|, far below that; a transposed or misplaced operand misses by the size of c itself.
     */
    private static void checkAgree(String shape, float[] ours, float[] theirs, int k) {
        double scale = 0;
        for (float v : theirs) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < ours.length; i++) {
            if (!(Math.abs(ours[i] - theirs[i]) <= 1e-6 * k * Math.max(scale, 1e-30))) {
                throw new IllegalStateException(shape + ": peerlearn and OpenBLAS differ at element " + i + ": "
                        + ours[i] + " against " + theirs[i]);
            }
        }
    }

    private static void warm(Runnable product, double seconds) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        while (THREADS.getCurrentThreadCpuTime() - c0 < seconds * 1e9) {
            product.run();
        }
    }

    /** How many products take about 0.5 s (at least one). */
    private static int repsFor(Runnable product) {
        for (int reps = 1; ; reps *= 2) {
            long t = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                product.run();
            }
            long dt = System.nanoTime() - t;
            if (dt >= 0.1e9) {
                return (int) Math.max(1, Math.round(reps * 0.5e9 / dt));
            }
        }
    }

    /** GFLOP/s by the wall clock and by this thread's CPU time over {@code reps} products. */
    private static double[] time(Runnable product, int reps, double flops) {
        long t = System.nanoTime();
        long u = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            product.run();
        }
        long dt = System.nanoTime() - t;
        long du = THREADS.getCurrentThreadCpuTime() - u;
        return new double[] {flops * reps / dt, flops * reps / Math.max(du, 1)};
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
