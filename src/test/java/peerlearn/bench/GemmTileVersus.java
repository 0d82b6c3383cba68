package peerlearn.bench;

import java.util.Arrays;
import java.util.Locale;
import peerlearn.tensor.kernel.GemmTiles;
import peerlearn.tensor.kernel.GemmTiles.Tile;
import peerlearn.tensor.kernel.Kernels;

/**
 * Two variants of the SIMD GEMM, and OpenBLAS, in alternation in one JVM: per shape each of the
 * three is warmed up for 3 s, then nine rounds time each for 0.4 s in a rotating order (so each
 * comes first in three of them). Prints the median GFLOP/s of each and the median and range of
 * the rounds' ratios to OpenBLAS. The first argument names the variants:
 * <ul>
 *   <li>{@code pairs}: the 6 × 4 tile against the pair tile, the latter for every product from
 *       its threshold in rows ({@code SimdGemm.PAIR_FROM_ROWS}) on, A transposed or not. This is
 *       how that threshold, and its restriction to a transposed A, were chosen.
 *   <li>{@code lines}: the production kernel with its packed B panels wherever their array starts,
 *       and from a cache line on ({@code CacheLines}).
 * </ul>
 * tools/bench-gemm compares the production choice alone. Shapes as in {@link GemmTimes}:
 * <pre>
 *   OPENBLAS_NUM_THREADS=1 java --add-modules jdk.incubator.vector -XX:+UseParallelGC \
 *       -XX:+UseTransparentHugePages --enable-native-access=ALL-UNNAMED \
 *       -cp target/classes:target/test-classes peerlearn.bench.GemmTileVersus pairs NN:768:768:768 NN:512:512:512
 * </pre>
 */
public final class GemmTileVersus {
    private GemmTileVersus() {}

    private static final int ROUNDS = 9;

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("pairs") && !args[0].equals("lines")) {
            throw new IllegalArgumentException("first argument: pairs or lines, then shapes such as NN:512:512:512");
        }
        boolean pairs = args[0].equals("pairs");
        String[] names = pairs ? new String[] {"6×4 tile", "pair tile"} : new String[] {"lines anywhere", "on lines"};
        OpenBlas blas = OpenBlas.load();
        System.out.println(blas.describe());
        System.out.println("peerlearn: " + Kernels.describe());
        for (String shape : Arrays.copyOfRange(args, 1, args.length)) {
            GemmTimes.Shape sh = GemmTimes.Shape.of(shape);
            int m = sh.m(), n = sh.n(), k = sh.k();
            float[] a = sh.a(), b = sh.b(), cBlas = new float[m * n];
            Runnable[] contenders = {
                // pairs: the two tiles, both on lines; lines: the production kernel anywhere and on lines
                GemmTiles.product(pairs ? Tile.WITHOUT_PAIRS : Tile.PRODUCTION, pairs, sh.ta(), sh.tb(), m, n, k, a,
                        sh.lda(), b, sh.ldb(), new float[m * n]),
                GemmTiles.product(pairs ? Tile.PAIRS_FOR_ANY_A : Tile.PRODUCTION, true, sh.ta(), sh.tb(), m, n, k, a,
                        sh.lda(), b, sh.ldb(), new float[m * n]),
                () -> blas.sgemm(sh.ta(), sh.tb(), m, n, k, 1f, a, sh.lda(), b, sh.ldb(), 0f, cBlas, n)};
            for (Runnable r : contenders) {
                run(r, 3e9);
            }
            double[][] gflops = new double[3][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                for (int j = 0; j < 3; j++) {
                    int i = (j + round) % 3;
                    gflops[i][round] = sh.flops() * run(contenders[i], 0.4e9);
                }
            }
            double[] first = new double[ROUNDS], second = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                first[r] = gflops[0][r] / gflops[2][r];
                second[r] = gflops[1][r] / gflops[2][r];
            }
            System.out.printf(Locale.ROOT, "%-20s %s %6.1f  %s %6.1f  OpenBLAS %6.1f GFLOP/s   ratio %4.2f× (%4.2f–%4.2f)"
                            + " and %4.2f× (%4.2f–%4.2f)%n", shape, names[0], median(gflops[0]), names[1],
                    median(gflops[1]), median(gflops[2]), median(first), min(first), max(first), median(second),
                    min(second), max(second));
        }
    }

    /** Products per nanosecond over about {@code nanos} of running {@code product}. */
    private static double run(Runnable product, double nanos) {
        long t = System.nanoTime();
        long reps = 0;
        while (System.nanoTime() - t < nanos) {
            product.run();
            reps++;
        }
        return reps / (double) (System.nanoTime() - t);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElseThrow();
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }
}
