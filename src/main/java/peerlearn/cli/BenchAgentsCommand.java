package peerlearn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import peerlearn.algo.Training;
import peerlearn.data.FashionMnist;
import peerlearn.data.Partition;
import peerlearn.data.PartitionSpec;
import peerlearn.data.Split;
import peerlearn.experiment.Runner;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Graphs;
import peerlearn.graph.Topology;
import peerlearn.nn.Zoo;
import peerlearn.objective.NeuralObjective;
import peerlearn.objective.Objective;
import peerlearn.optim.Sgd;
import peerlearn.rng.Rng;

/**
 * {@code bench-agents}: how much the agent runtime, messaging and bookkeeping cost next to
 * compute. Times one agent training alone on the calling thread (one core), then N agents
 * running D-PSGD on a ring on virtual threads over all cores, and reports samples per second of
 * both, their ratio, and memory per agent. Not a test: the figures depend on the machine and its
 * load, which is printed alongside.
 */
final class BenchAgentsCommand implements Command {
    @Override
    public String name() {
        return "bench-agents";
    }

    @Override
    public String summary() {
        return "samples/s of N agents running D-PSGD against one agent alone; memory per agent";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags f = Flags.parse(args, Set.of("rounds", "warmup", "warmup-seconds"));
        if (f.help) {
            out.print("usage: tools/peerlearn bench-agents [flags]\n\n" + summary() + ".\nOne agent trains alone on one "
                    + "thread for --rounds steps; then --agents agents run D-PSGD on a ring (one virtual thread each, as many "
                    + "carrier threads as cores) for the same number of rounds each, after a JIT warm-up of the single agent.\n\n"
                    + String.format("  %-24s %s%n", "--agents N", "agents in the decentralized run [16]")
                    + String.format("  %-24s %s%n", "--algorithm A", "algorithm they run [dpsgd]; local isolates messaging costs")
                    + String.format("  %-24s %s%n", "--model NAME", "zoo model [lenet5]")
                    + String.format("  %-24s %s%n", "--batch B", "minibatch size [32]")
                    + String.format("  %-24s %s%n", "--rounds R", "timed rounds [40]")
                    + String.format("  %-24s %s%n", "--warmup W", "untimed warm-up rounds, at least [15]")
                    + String.format("  %-24s %s%n", "--warmup-seconds S", "and at least S seconds of warm-up [15]")
                    + String.format("  %-24s %s%n", "--data-dir DIR", "Fashion-MNIST files [" + FashionMnist.DEBIAN_DIR + "]"));
            return 0;
        }
        var c = peerlearn.experiment.ExperimentConfig.of(new java.util.HashMap<>(Map.of("agents",
                f.settings.getOrDefault("agents", "16"), "model", f.settings.getOrDefault("model", "lenet5"),
                "batch", f.settings.getOrDefault("batch", "32"), "data.dir", f.settings.getOrDefault("data.dir", ""),
                "algorithm", f.settings.getOrDefault("algorithm", "dpsgd"))));
        int n = c.agents();
        int batch = c.integer("batch");
        int rounds = positive(f.extra.getOrDefault("rounds", "40"), "rounds");
        int warmup = positive(f.extra.getOrDefault("warmup", "15"), "warmup");
        int warmupSeconds = positive(f.extra.getOrDefault("warmup-seconds", "15"), "warmup-seconds");
        String model = c.text("model");
        Split split = new peerlearn.experiment.DataSets().get("fashion-mnist", c.text("data.dir"));
        Partition p = PartitionSpec.parse("iid").apply(split, n, 1);
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + load());

        // one agent alone, on this thread
        Objective alone = objective(model, p, 0, batch);
        float[] x = alone.initialParameters();
        float[] g = new float[x.length];
        Sgd sgd = Sgd.plain(x.length);
        // warm up by time: C2 compiles the Vector API kernels only after several seconds
        long until = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        for (int k = 0; k < warmup || System.nanoTime() < until; k++) {
            alone.lossAndGradient(x, alone.nextBatch(), g);
            sgd.step(x, g, 0.01f);
        }
        long t0 = System.nanoTime();
        for (int k = 0; k < rounds; k++) {
            alone.lossAndGradient(x, alone.nextBatch(), g);
            sgd.step(x, g, 0.01f);
        }
        double single = (double) rounds * batch / ((System.nanoTime() - t0) / 1e9);

        // N agents, D-PSGD on a ring
        Topology ring = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.ring(n)));
        Runner.train(c.algorithm(), objectives(model, p, n, batch), ring, Training.sgd(0.01), warmup, 1);
        long before = usedHeap();
        Objective[] objs = objectives(model, p, n, batch);
        float[] probe = new float[d(objs)];
        for (Objective o : objs) {
            o.lossAndGradient(o.initialParameters(), o.nextBatch(), probe);   // allocates the model's buffers
        }
        long modelBytes = (usedHeap() - before) / n;
        long t1 = System.nanoTime();
        Runner.train(c.algorithm(), objs, ring, Training.sgd(0.01), rounds, 1);
        double many = (double) n * rounds * batch / ((System.nanoTime() - t1) / 1e9);

        int d = alone.dimension();
        out.printf(Locale.ROOT, "model %s, d = %d parameters, batch %d, %d timed rounds%n", model, d, batch, rounds);
        out.printf(Locale.ROOT, "one agent alone, one thread:        %9.1f samples/s%n", single);
        out.printf(Locale.ROOT, "%2d agents %s, ring, all cores:  %9.1f samples/s%n", n, c.text("algorithm"), many);
        out.printf(Locale.ROOT, "ratio: %.2f×  (target ≥ 1.8× on 2 cores)%n", many / single);
        out.printf(Locale.ROOT, "memory per agent: parameters x %s, gradient %s, mixed x %s, gossip buffers (double sum + "
                + "received) %s; model buffers and batch (measured heap) %s; the data set is shared%n",
                mb(4L * d), mb(4L * d), mb(4L * d), mb(12L * d), mb(modelBytes));
        out.println("load average after: " + load());
        return 0;
    }

    private static Objective objective(String model, Partition p, int i, int batch) {
        var m = Zoo.create(model, p.trainSet(i).sampleShape(), p.trainSet(i).numClasses());
        return new NeuralObjective(m, p.trainSet(i), p.trainIndices(i), p.testSet(i), p.testIndices(i), batch, 1,
                Rng.stream(1, i, "batches"), Rng.stream(1, i, "dropout"));
    }

    private static Objective[] objectives(String model, Partition p, int n, int batch) {
        Objective[] o = new Objective[n];
        for (int i = 0; i < n; i++) {
            o[i] = objective(model, p, i, batch);
        }
        return o;
    }

    /** Heap in use after two full collections (the measurement is approximate). */
    private static long usedHeap() {
        System.gc();
        System.gc();
        var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static int d(Objective[] objs) {
        return objs[0].dimension();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }

    private static int positive(String v, String flag) {
        try {
            int i = Integer.parseInt(v);
            if (i > 0) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + flag + " = '" + v + "': expected a positive integer");
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
