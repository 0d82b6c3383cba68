package peerlearn.bench;

import java.util.Arrays;
import java.util.Locale;
import peerlearn.data.Dataset;
import peerlearn.nn.Model;
import peerlearn.nn.Zoo;
import peerlearn.objective.NeuralObjective;
import peerlearn.optim.Sgd;
import peerlearn.rng.Rng;
import peerlearn.testkit.DataGenerators;

/**
 * One training step (draw a batch, forward, backward, SGD with momentum 0.9) on one thread:
 * LeNet-5 on 1×28×28 at batch 32 and 128, and cganet5 on 3×32×32 at batch 32, on random
 * inputs. tools/bench-torch-lenet.py times the same steps in PyTorch. A case may also name other
 * zoo models for 3×32×32 inputs at batch 32, comma-separated ({@code resnet20,vgg11-gn}); those
 * have no PyTorch counterpart in the script. Run:
 * <pre>
 *   mvn -q test-compile
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -cp target/classes:target/test-classes \
 *       peerlearn.bench.TrainStepBench [seconds-per-case [case [warm-up-seconds]]]
 * </pre>
 * Prints the median over 5 timed rounds of ms/step and samples/s, by the wall clock and by this
 * thread's CPU time (the steadier figure on a shared machine: waiting for a core does not count),
 * after a warm-up (15 s by
 * default, of this thread's CPU time) long enough for C2 to compile the Vector API kernels: code still running in the
 * interpreter or C1 executes the Vector API's slow Java fallback, and on a loaded machine the
 * C2 compile of the GEMM kernel came only after about 6 s.
 */
public final class TrainStepBench {
    private TrainStepBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        String only = args.length > 1 ? args[1] : "";
        double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 15;
        System.out.println("case                      ms/step   samples/s  cpu ms/step  cpu samples/s   (median of 5 rounds, one thread)");
        if (only.isEmpty() || only.equals("lenet5-b32")) {
            run("lenet5 1x28x28 batch 32", Zoo.lenet5(new int[] {1, 28, 28}, 10), 32, seconds, warmup);
        }
        if (only.isEmpty() || only.equals("lenet5-b128")) {
            run("lenet5 1x28x28 batch 128", Zoo.lenet5(new int[] {1, 28, 28}, 10), 128, seconds, warmup);
        }
        if (only.isEmpty() || only.equals("cganet5-b32")) {
            run("cganet5 3x32x32 batch 32", Zoo.cganet5(new int[] {3, 32, 32}, 10), 32, seconds, warmup);
        }
        if (!only.isEmpty() && !only.endsWith("-b32") && !only.endsWith("-b128")) {
            for (String name : only.split(",")) {
                run(String.format(Locale.ROOT, "%s 3x32x32 batch 32", name), Zoo.create(name, new int[] {3, 32, 32}, 10), 32,
                        seconds, warmup);
            }
        }
    }

    static void run(String name, Model model, int batch, double seconds, double warmup) {
        int n = 1024;
        Dataset data = DataGenerators.gaussianImages(model.inputShape(), n, 10, 1);
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        NeuralObjective obj = new NeuralObjective(model, data, idx, data, idx, batch, 1, new Rng(2), new Rng(3));
        float[] x = obj.initialParameters();
        float[] g = new float[x.length];
        Sgd sgd = new Sgd(x.length, 0.9f, false, 0f);
        // warm up (by this thread's CPU time, so a loaded machine gets a longer warm-up by the
        // clock), then size rounds to about seconds/5 each
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        int warm = 0;
        while (threads.getCurrentThreadCpuTime() - c0 < warmup * 1e9 || warm < 20) {
            step(obj, x, g, sgd);
            warm++;
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            step(obj, x, g, sgd);
        }
        double perStep = (System.nanoTime() - t1) / 1e9 / 10;
        int steps = Math.max(5, (int) (seconds / 5 / perStep));
        double[] ms = new double[5];
        double[] cpu = new double[5];
        for (int round = 0; round < 5; round++) {
            long s = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < steps; i++) {
                step(obj, x, g, sgd);
            }
            ms[round] = (System.nanoTime() - s) / 1e6 / steps;
            cpu[round] = (threads.getCurrentThreadCpuTime() - c) / 1e6 / steps;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        double med = ms[2];
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 5; i++) {
            step(obj, x, g, sgd);
        }
        double mbPerStep = (threads.getCurrentThreadAllocatedBytes() - before) / 5.0 / (1 << 20);
        System.out.printf(Locale.ROOT, "%-24s %8.3f %11.0f %8.3f %11.0f   (rounds %.3f .. %.3f ms, cpu best %.3f, %d steps each; %.1f MiB allocated per step)%n",
                name, med, batch * 1000 / med, cpu[2], batch * 1000 / cpu[2], ms[0], ms[4], cpu[0], steps, mbPerStep);
    }

    private static void step(NeuralObjective obj, float[] x, float[] g, Sgd sgd) {
        obj.lossAndGradient(x, obj.nextBatch(), g);
        sgd.step(x, g, 0.01f);
    }
}
