package peerlearn.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.GemmWorkspace;

/**
 * SGEMM timed exactly as tools/bench-openblas.py times OpenBLAS, for a same-run comparison
 * (tools/bench-gemm): per shape, a warm-up of {@code warm-up} seconds of this thread's CPU time
 * (C2 compiles the Vector API kernels late on a loaded machine), then seven rounds of repeated
 * C = op(A)·op(B) (β = 0, one workspace) of at least 0.5 s each; prints the median and best
 * GFLOP/s by the wall clock and the median by the thread's CPU time. Shapes as in {@link GemmBench}.
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes \
 *       peerlearn.bench.GemmTimes [warm-up-seconds [SHAPE ...]]
 * </pre>
 */
public final class GemmTimes {
    private GemmTimes() {}

    static final List<String> SHAPES = List.of("NN:64:64:64", "NN:128:128:128", "NN:256:256:256", "NN:512:512:512",
            "NN:1024:1024:1024", "NT:512:512:512", "TN:512:512:512", "NN:16:3200:150", "NN:32:120:400",
            "NT:32:120:400");

    public static void main(String[] args) {
        double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        List<String> shapes = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : SHAPES;
        var threads = ManagementFactory.getThreadMXBean();
        for (String shape : shapes) {
            String[] f = shape.split(":");
            boolean ta = f[0].charAt(0) == 'T';
            boolean tb = f[0].charAt(1) == 'T';
            int m = Integer.parseInt(f[1]);
            int n = Integer.parseInt(f[2]);
            int k = Integer.parseInt(f[3]);
            SplittableRandom r = new SplittableRandom(1);
            float[] a = GemmBench.random(r, m * k);
            float[] b = GemmBench.random(r, k * n);
            float[] c = new float[m * n];
            GemmWorkspace ws = new GemmWorkspace();
            Runnable product = () -> Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n, ws);
            double flops = 2.0 * m * n * k;
            long c0 = threads.getCurrentThreadCpuTime();
            while (threads.getCurrentThreadCpuTime() - c0 < warmup * 1e9) {
                product.run();
            }
            double[] wall = new double[7];
            double[] cpu = new double[7];
            for (int round = 0; round < 7; round++) {
                for (int reps = 1; ; reps *= 2) {
                    long t = System.nanoTime();
                    long u = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < reps; i++) {
                        product.run();
                    }
                    long dt = System.nanoTime() - t;
                    long du = threads.getCurrentThreadCpuTime() - u;
                    if (dt >= 0.5e9) {
                        wall[round] = flops * reps / dt;
                        cpu[round] = flops * reps / Math.max(du, 1);
                        break;
                    }
                }
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "peerlearn sgemm %-20s median %7.1f GFLOP/s  best %7.1f  cpu-time median %7.1f%n",
                    shape, wall[3], wall[6], cpu[3]);
        }
    }
}
