package peerlearn.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import peerlearn.tensor.kernel.Gemm;
import peerlearn.tensor.kernel.GemmWorkspace;

/**
 * SGEMM timed exactly as tools/bench-openblas.py times OpenBLAS, for a same-run comparison
 * (tools/bench-gemm): per shape, a warm-up of {@code warm-up} seconds of this thread's CPU time
 * (C2 compiles the Vector API kernels late on a loaded machine), then seven rounds of repeated
 * C = op(A)·op(B) (β = 0, one workspace) of at least 0.5 s each; prints the median and best
 * GFLOP/s by the wall clock and the median by the thread's CPU time. Shapes as in {@link GemmBench}.
 * It also prints the core's fma peak as the JIT's vector code reaches it ({@link #fmaPeak}), measured
 * before and after the products.
 * <pre>
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
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
        double peakBefore = fmaPeak();
        for (String shape : shapes) {
            Shape sh = Shape.of(shape);
            float[] c = new float[sh.m() * sh.n()];
            GemmWorkspace ws = new GemmWorkspace();
            Runnable product = () -> Gemm.sgemm(sh.ta(), sh.tb(), sh.m(), sh.n(), sh.k(), 1f, sh.a(), 0, sh.lda(), sh.b(), 0,
                    sh.ldb(), 0f, c, 0, sh.n(), ws);
            double flops = sh.flops();
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
        // Once before the products and once after: a guest's host can slow the core for a moment,
        // and the higher of the two is the nearer to what the core can do.
        double peakAfter = fmaPeak();
        System.out.printf(Locale.ROOT, "peerlearn fma peak (%d-bit vectors, 12 independent fma chains, the higher of %.1f "
                + "before and %.1f after the products) median %7.1f GFLOP/s%n", FloatVector.SPECIES_PREFERRED.vectorBitSize(),
                peakBefore, peakAfter, Math.max(peakBefore, peakAfter));
    }

    /**
     * A shape as GemmBench writes it ({@code NT:512:512:512}: op(A) and op(B), then m, n, k) with its
     * operands, row-major, uniform in [−1, 1) from seed 1: A is m×k (k×m when transposed), B k×n (n×k).
     */
    record Shape(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b) {
        static Shape of(String shape) {
            String[] f = shape.split(":");
            int m = Integer.parseInt(f[1]);
            int n = Integer.parseInt(f[2]);
            int k = Integer.parseInt(f[3]);
            SplittableRandom r = new SplittableRandom(1);
            float[] a = GemmBench.random(r, m * k);
            float[] b = GemmBench.random(r, k * n);
            return new Shape(f[0].charAt(0) == 'T', f[0].charAt(1) == 'T', m, n, k, a, b);
        }

        int lda() {
            return ta ? m : k;
        }

        int ldb() {
            return tb ? k : n;
        }

        double flops() {
            return 2.0 * m * n * k;
        }
    }

    /**
     * What one core's fma units give the JIT's vector code with no memory traffic: 12 independent
     * chains (enough to cover the fma latency of two pipes), median of 7 rounds of 32 million steps
     * (about 0.1 s each), the ceiling against which the GEMM figures read. Each chain is
     * c ← a·b + c, the running sum as the addend as in the GEMM kernels: written c ← c·b + a, C2
     * copied the constant addend into a fresh register every step and, with AVX2's 16 registers,
     * spilled chains to the stack (62–73 GFLOP/s on a Zen 2 core whose peak this form measures at 96).
     */
    static double fmaPeak() {
        double[] rounds = new double[7];
        float sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += fmaChains(100); // compiled by C2 before the timed rounds
        }
        for (int round = -1; round < rounds.length; round++) {
            int steps = 32_000_000;
            long t = System.nanoTime();
            sink += fmaChains(steps);
            double gflops = 2.0 * 12 * PEAK_SPECIES.length() * steps / (System.nanoTime() - t);
            if (round >= 0) {
                rounds[round] = gflops;
            }
        }
        Arrays.sort(rounds);
        if (sink == 42f) {
            System.out.print(""); // keeps the sums live
        }
        return rounds[3];
    }

    /** A constant species, which the JIT needs to keep the vectors in registers. */
    private static final VectorSpecies<Float> PEAK_SPECIES = FloatVector.SPECIES_PREFERRED;

    private static float fmaChains(int steps) {
        FloatVector a = FloatVector.broadcast(PEAK_SPECIES, 0.5f);
        FloatVector b = FloatVector.broadcast(PEAK_SPECIES, 0.999f);
        FloatVector c0 = a, c1 = a.add(1), c2 = a.add(2), c3 = a.add(3), c4 = a.add(4), c5 = a.add(5);
        FloatVector c6 = a.add(6), c7 = a.add(7), c8 = a.add(8), c9 = a.add(9), c10 = a.add(10), c11 = a.add(11);
        for (int i = 0; i < steps; i++) {
            c0 = a.fma(b, c0);
            c1 = a.fma(b, c1);
            c2 = a.fma(b, c2);
            c3 = a.fma(b, c3);
            c4 = a.fma(b, c4);
            c5 = a.fma(b, c5);
            c6 = a.fma(b, c6);
            c7 = a.fma(b, c7);
            c8 = a.fma(b, c8);
            c9 = a.fma(b, c9);
            c10 = a.fma(b, c10);
            c11 = a.fma(b, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
