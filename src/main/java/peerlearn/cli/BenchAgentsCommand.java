package peerlearn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import peerlearn.algo.AgentProgram;
import peerlearn.algo.Algorithm;
import peerlearn.algo.Algorithms;
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
import peerlearn.objective.Quadratic;
import peerlearn.optim.Sgd;
import peerlearn.rng.Rng;

/**
 * {@code bench-agents}: how much the agent runtime, messaging and bookkeeping cost next to
 * compute. Times one agent training alone on the calling thread (one core), then N agents
 * running D-PSGD on a ring on virtual threads over all cores, and reports samples per second of
 * both, their ratio, and memory per agent. Not a test: the figures depend on the machine and its
 * load, which is printed alongside.
 *
 * <p>Wall-clock rates mean something only on an idle machine, so CPU time is reported too: the
 * lone agent's thread CPU against the whole process's CPU for the N agents. Two more runs of the
 * same agents without messages ({@code local}, once with each agent yielding its carrier after
 * every round, once without) split the difference into the cost of many agents, of switching
 * between them every round, and of messaging; the collector's and compiler's shares come from
 * their threads' CPU times.
 *
 * <p>The timed runs are repeated ({@code --repeat}), each repetition timing the lone agent just
 * before and after its N-agent runs, and the ratio reported is the median of the repetitions'
 * ratios: on a guest whose speed drifts with its host's other work, one long pair of runs
 * compares two different machines. The lone agent's heap allocation per step is printed too: a
 * Vector API kernel whose vectors the JIT did not keep in registers allocates them on every step,
 * which is the first thing to rule out when one JVM runs much slower than the next.
 */
final class BenchAgentsCommand implements Command {
    @Override
    public String name() {
        return "bench-agents";
    }

    @Override
    public String summary() {
        return "samples/s and CPU of N agents running D-PSGD against one agent alone, where the difference goes; memory per agent";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags f = Flags.parse(args, Set.of("rounds", "repeat", "warmup", "warmup-seconds"));
        if (f.help) {
            out.print("usage: tools/peerlearn bench-agents [flags]\n\n" + summary() + ".\nOne agent trains alone on one "
                    + "thread (N × --rounds steps, half before and half after each repetition's N-agent runs); then --agents agents run D-PSGD on a ring (one virtual thread each, as many "
                    + "carrier threads as cores) for the same number of rounds each, after JIT warm-ups of the single agent and of the N agents (each kind of N-agent run first for many rounds on quadratics of the model's dimension, then on the model).\n\n"
                    + String.format("  %-24s %s%n", "--agents N", "agents in the decentralized run [16]")
                    + String.format("  %-24s %s%n", "--algorithm A", "algorithm they run [dpsgd]; local isolates messaging costs")
                    + String.format("  %-24s %s%n", "--param NAME=V", "the algorithm's own hyper-parameter (e.g. finetune_from=20 for dpsgd-ft)")
                    + String.format("  %-24s %s%n", "--model NAME", "zoo model [lenet5]")
                    + String.format("  %-24s %s%n", "--batch B", "minibatch size [32]")
                    + String.format("  %-24s %s%n", "--rounds R", "timed rounds per run [40]")
                    + String.format("  %-24s %s%n", "--repeat T", "repetitions of the timed runs, each with its own lone-agent timing; the median ratio is reported [5]")
                    + String.format("  %-24s %s%n", "--warmup W", "untimed warm-up rounds, at least [15] (per N-agent warm-up run)")
                    + String.format("  %-24s %s%n", "--warmup-seconds S", "and at least S seconds of warm-up, alone and with N agents [15]")
                    + String.format("  %-24s %s%n", "--data-dir DIR", "Fashion-MNIST files [" + FashionMnist.DEBIAN_DIR + "]"));
            return 0;
        }
        var c = config(f.settings);
        int n = c.agents();
        int batch = c.integer("batch");
        int rounds = positive(f.extra.getOrDefault("rounds", "40"), "rounds");
        int repeats = positive(f.extra.getOrDefault("repeat", "5"), "repeat");
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
        // as many steps alone, in two halves around each repetition's N-agent runs, as each of those runs takes
        int aloneSteps = Math.max(1, n * rounds / 2);
        Runnable aloneRounds = () -> {
            for (int k = 0; k < aloneSteps; k++) {
                alone.lossAndGradient(x, alone.nextBatch(), g);
                sgd.step(x, g, 0.01f);
            }
        };

        // N agents on a ring; warm up the algorithm's own code, then time fresh agents
        Topology ring = Topology.fixed(MixingMatrix.metropolisHastings(Graphs.ring(n)));
        // The three kinds of N-agent run timed below, warmed up by time on the model, each agent's rounds
        // in the same code as in the timed runs: a kind first met there would turn a call site of the
        // runtime megamorphic and send its compiled code back to the interpreter.
        List<Algorithm> kinds = timedKinds(c.algorithm());
        List<Training> trainings = trainings(kinds, c);
        long untilMany = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        do {
            for (int i = 0; i < kinds.size(); i++) {
                Runner.train(kinds.get(i), objectives(model, p, n, batch), ring, trainings.get(i), warmup, 1);
            }
        } while (System.nanoTime() < untilMany);
        // The runtime's, the network's and the algorithm's per-round methods are called a few times an
        // agent-round, and C2 takes a method only after some 5,000 calls: that would be inside the timed
        // runs (up to 0.3 s of compiling in a 2 s run of 16 agents). So then many rounds of each kind on
        // quadratics of the model's dimension (the same frames, mixes and updates, a gradient costing next
        // to nothing), and once more each kind on the model, whose objective the call sites have now seen
        // next to the quadratic's; the JIT line below says what was left.
        int cheapRounds = cheapWarmupRounds(n, warmup);
        for (int i = 0; i < kinds.size(); i++) {
            Runner.train(kinds.get(i), quadratics(n, alone.layout()), ring, trainings.get(i), cheapRounds, 1);
        }
        for (int i = 0; i < kinds.size(); i++) {
            Runner.train(kinds.get(i), objectives(model, p, n, batch), ring, trainings.get(i), warmup, 1);
        }
        long before = usedHeap();
        Objective[] objs = objectives(model, p, n, batch);
        float[] probe = new float[d(objs)];
        for (Objective o : objs) {
            o.lossAndGradient(o.initialParameters(), o.nextBatch(), probe);   // allocates the model's buffers
        }
        long modelBytes = (usedHeap() - before) / n;
        // the same agents without messages, switching agent every round as the algorithm's waits do, then not at all
        Objective[] quiet = objectives(model, p, n, batch), quieter = objectives(model, p, n, batch);
        long samplesAloneEach = 2L * aloneSteps * batch, samplesEach = (long) n * rounds * batch; // per repetition
        // Repetitions, each timing the lone agent around the N-agent runs: on a machine whose speed
        // drifts (a guest sharing its host's caches and memory), each ratio compares two
        // measurements seconds apart, and the median ratio is the figure reported.
        double[] ratios = new double[repeats];
        Phase single = null, many = null, switching = null, local = null;
        for (int r = 0; r < repeats; r++) {
            Phase a = Phase.measure(aloneRounds);
            Phase m = Phase.measure(() -> Runner.train(kinds.get(0), objs, ring, trainings.get(0), rounds, 1));
            Phase sw = Phase.measure(() -> Runner.train(kinds.get(1), quiet, ring, trainings.get(1), rounds, 1));
            Phase l = Phase.measure(() -> Runner.train(kinds.get(2), quieter, ring, trainings.get(2), rounds, 1));
            a = a.plus(Phase.measure(aloneRounds));
            ratios[r] = m.perWallSecond(samplesEach) / a.perWallSecond(samplesAloneEach);
            single = single == null ? a : single.plus(a);
            many = many == null ? m : many.plus(m);
            switching = switching == null ? sw : switching.plus(sw);
            local = local == null ? l : local.plus(l);
        }
        long samplesAlone = repeats * samplesAloneEach, samples = repeats * samplesEach;
        int cores = Runtime.getRuntime().availableProcessors();

        int d = alone.dimension();
        String alg = c.text("algorithm");
        out.printf(Locale.ROOT, "model %s, d = %d parameters, batch %d, %d × %d timed rounds%n", model, d, batch, repeats,
                rounds);
        double bytesPerStep = single.threadAllocated / (double) (samplesAlone / batch);
        out.printf(Locale.ROOT, "%-42s %9.1f samples/s, %9.1f per CPU-second of its thread, %.1f KB allocated per "
                + "step%n", "one agent alone, one thread (" + samplesAlone / batch + " steps):",
                single.perWallSecond(samplesAlone), single.perThreadCpuSecond(samplesAlone),
                bytesPerStep / 1e3);
        boxedWarning(bytesPerStep).ifPresent(out::println);
        String[] names = {n + " agents " + alg + ", ring, all cores:", n + " agents local, switching every round:",
                n + " agents local, no messages:"};
        Phase[] runs = {many, switching, local};
        for (int r = 0; r < runs.length; r++) {
            out.printf(Locale.ROOT, "%-42s %9.1f samples/s, %9.1f per CPU-second of the process, %.2f cores busy%n",
                    names[r], runs[r].perWallSecond(samples), runs[r].perCpuSecond(samples), runs[r].coresBusy());
        }
        double cpuRatio = many.perCpuSecond(samples) / single.perThreadCpuSecond(samplesAlone);
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double median = repeats % 2 == 1 ? sorted[repeats / 2] : (sorted[repeats / 2 - 1] + sorted[repeats / 2]) / 2;
        out.printf(Locale.ROOT, "stolen by the hypervisor for other guests: %.0f%% of the cores' time while the lone agent ran, "
                + "%.0f%% while the %d agents ran %s (figures taken with more than a few per cent stolen compare "
                + "different machines)%n", 100 * single.stolen(cores), 100 * many.stolen(cores), n, alg);
        out.printf(Locale.ROOT, "ratio: %.2f×, the median of %d repetitions (%.2f–%.2f×; of the totals %.2f×)  (target ≥ "
                + "1.8× on 2 cores); CPU-time ratio %.3f, so %d cores kept busy would give %.2f×%n", median, repeats,
                sorted[0], sorted[repeats - 1], many.perWallSecond(samples) / single.perWallSecond(samplesAlone), cpuRatio,
                cores, cores * cpuRatio);
        StringBuilder each = new StringBuilder();
        for (double r : ratios) {
            each.append(String.format(Locale.ROOT, " %.2f×", r));
        }
        out.println("  the repetitions in order:" + each);
        // where the rest goes, in CPU µs per sample, each run's collector and compiler time set apart
        double base = single.threadCpuNanos / 1e3 / samplesAlone;
        double sequential = local.computeNanos(cores) / 1e3 / samples - base;
        double switches = (switching.computeNanos(cores) - local.computeNanos(cores)) / 1e3 / samples;
        double messaging = (many.computeNanos(cores) - switching.computeNanos(cores)) / 1e3 / samples;
        out.printf(Locale.ROOT, "where the rest goes, CPU µs per sample (%s run = %.1f):%n", alg, many.cpuNanos / 1e3 / samples);
        out.printf(Locale.ROOT, "  %8.1f  one agent alone (its whole process: %.1f)%n", base, single.cpuNanos / 1e3 / samplesAlone);
        out.printf(Locale.ROOT, "  %+8.1f  %d agents each running its rounds in one go (local − alone)%n", sequential, n);
        out.printf(Locale.ROOT, "  %+8.1f  switching agent every round: caches refilled (local switching − local)%n", switches);
        out.printf(Locale.ROOT, "  %+8.1f  messages, mixing, waiting (%s − local switching): %.2f ms CPU per agent-round%n",
                messaging, alg, messaging * batch / 1e3);
        String how = many.rolesKnown ? "its threads' CPU" : "≈ pauses × " + cores + " cores";
        out.printf(Locale.ROOT, "  %+8.1f  collector, %s (pauses %.1f%% of the %s run's wall time)%n",
                many.collectorNanos(cores) / 1e3 / samples, how, 100.0 * many.gcNanos / many.wallNanos, alg);
        out.printf(Locale.ROOT, "  %+8.1f  JIT compiler, %s%n", many.compilerNanos() / 1e3 / samples,
                many.rolesKnown ? "its threads' CPU" : "elapsed compile time");
        if (many.rolesKnown) {
            // the carriers' wall time: on a core, ready but kept off one, or idle with nothing to run
            double carrierTime = (double) cores * many.wallNanos;
            long[] carriers = many.roles[JvmThreads.CARRIER];
            out.printf(Locale.ROOT, "  and on the wall: the %d carriers of the %s run were on a core %.0f%%, ready but off "
                    + "the cores %.0f%% (other jobs, or this JVM's collector and compiler), idle %.0f%% (every agent on "
                    + "them waiting for a neighbour, or a collector pause)%n", cores, alg, 100 * carriers[0] / carrierTime,
                    100 * carriers[1] / carrierTime, 100 * (1 - (carriers[0] + carriers[1]) / carrierTime));
        } else {
            out.printf(Locale.ROOT, "  and on the wall: the %s run kept %.2f of %d cores busy; on an idle machine the idle "
                    + "share is agents waiting for neighbours, on a loaded one mostly other jobs%n", alg, many.coresBusy(), cores);
        }
        out.printf(Locale.ROOT, "memory per agent: parameters x %s, gradient %s, the frames it sends %s each (x is "
                + "encoded straight into one, about two are in flight, each written again once its receivers' round "
                + "is over; the mix reads the received ones in place, a chunk at a time); model buffers and batch "
                + "(measured heap) %s; the data set is shared%n",
                mb(4L * d), mb(4L * d), mb(peerlearn.net.Frame.wireSize(peerlearn.net.Codec.denseBytes(d))), mb(modelBytes));
        out.println("load average after: " + load());
        return 0;
    }

    /**
     * Wall time, CPU time (the calling thread's and the whole process's, collector and compiler
     * included), collector pauses and compile time of one timed piece of work.
     */
    private record Phase(long wallNanos, long threadCpuNanos, long cpuNanos, long gcNanos, long jitNanos,
                         long stealNanos, long threadAllocated, long[][] roles, boolean rolesKnown) {
        static Phase measure(Runnable work) {
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            JvmThreads before = JvmThreads.now();
            long steal = readSteal();
            long allocated = allocatedByThisThread();
            long w = System.nanoTime(), t = threads.getCurrentThreadCpuTime(), c = processCpuNanos(), gc = gcMillis(),
                    jit = jitMillis();
            work.run();
            long wall = System.nanoTime() - w, thread = threads.getCurrentThreadCpuTime() - t, cpu = processCpuNanos() - c;
            long gcNanos = (gcMillis() - gc) * 1_000_000, jitNanos = (jitMillis() - jit) * 1_000_000;
            steal = readSteal() - steal;
            allocated = allocatedByThisThread() - allocated;
            JvmThreads after = JvmThreads.now();
            return new Phase(wall, thread, cpu, gcNanos, jitNanos, steal, allocated, after.since(before),
                    before.available() && after.available());
        }

        Phase plus(Phase o) {
            long[][] r = new long[roles.length][2];
            for (int i = 0; i < r.length; i++) {
                r[i][0] = roles[i][0] + o.roles[i][0];
                r[i][1] = roles[i][1] + o.roles[i][1];
            }
            return new Phase(wallNanos + o.wallNanos, threadCpuNanos + o.threadCpuNanos, cpuNanos + o.cpuNanos,
                    gcNanos + o.gcNanos, jitNanos + o.jitNanos, stealNanos + o.stealNanos,
                    threadAllocated + o.threadAllocated, r, rolesKnown && o.rolesKnown);
        }

        /** Heap bytes the calling thread has allocated so far, or 0 where the JVM does not count them. */
        private static long allocatedByThisThread() {
            return java.lang.management.ManagementFactory.getThreadMXBean()
                    instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()
                    ? t.getCurrentThreadAllocatedBytes() : 0;
        }

        /** The share of all cores' wall time the hypervisor gave to other guests (0 on bare metal). */
        double stolen(int cores) {
            return stealNanos / ((double) cores * wallNanos);
        }

        /**
         * Time the hypervisor ran other guests while this machine's cores wanted to run: the
         * {@code steal} column of Linux's {@code /proc/stat}, in clock ticks of 10 ms (the kernel's
         * USER_HZ on x86); 0 where there is no such file.
         */
        private static long readSteal() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                return f.length > 8 ? Long.parseLong(f[8]) * 10_000_000L : 0;
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }

        /** The collector's CPU: its threads' (and the VM thread's), else its pauses times the cores. */
        long collectorNanos(int cores) {
            return rolesKnown ? roles[JvmThreads.COLLECTOR][0] : gcNanos * cores;
        }

        /** The compiler threads' CPU, else the elapsed compile time. */
        long compilerNanos() {
            return rolesKnown ? roles[JvmThreads.COMPILER][0] : jitNanos;
        }

        /** Process CPU less the collector's and the compiler's. */
        long computeNanos(int cores) { return cpuNanos - collectorNanos(cores) - compilerNanos(); }

        double coresBusy() { return cpuNanos / (double) wallNanos; }
        double perWallSecond(long samples) { return samples / (wallNanos / 1e9); }
        double perThreadCpuSecond(long samples) { return samples / (threadCpuNanos / 1e9); }
        double perCpuSecond(long samples) { return samples / (cpuNanos / 1e9); }


        private static long processCpuNanos() {
            return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }

        private static long gcMillis() {
            long s = 0;
            for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                s += Math.max(0, b.getCollectionTime());
            }
            return s;
        }

        private static long jitMillis() {
            var b = java.lang.management.ManagementFactory.getCompilationMXBean();
            return b != null && b.isCompilationTimeMonitoringSupported() ? b.getTotalCompilationTime() : 0;
        }
    }

    /**
     * {@code a} with each agent yielding its carrier after every round, so agents take turns round
     * by round as they do when they wait for messages, but without sending any.
     */
    private static Algorithm yieldingEachRound(Algorithm a) {
        return new Algorithm(a.name() + "-switching", a.summary() + ", yielding after each round", a.reach(), a.params(),
                ctx -> {
                    AgentProgram program = a.create(ctx);
                    return new AgentProgram() {
                        @Override
                        public void round(int k) {
                            program.round(k);
                            Thread.yield();
                        }

                        @Override
                        public float[] parameters() {
                            return program.parameters();
                        }

                        @Override
                        public double lastLoss() {
                            return program.lastLoss();
                        }

                        @Override
                        public void state(peerlearn.state.State s) {
                            program.state(s);
                        }
                    };
                });
    }

    private static Objective objective(String model, Partition p, int i, int batch) {
        var m = Zoo.create(model, p.trainSet(i).sampleShape(), p.trainSet(i).numClasses());
        return new NeuralObjective(m, p.trainSet(i), p.trainIndices(i), p.testSet(i), p.testIndices(i), batch, 1,
                Rng.stream(1, i, "batches"), Rng.stream(1, i, "dropout"));
    }

    /**
     * Agent-rounds of each kind of N-agent run in the cheap warm-up: C2 compiles a method after about
     * 5,000 calls (HotSpot's Tier4InvocationThreshold), and the agent-round's own methods are called
     * once or twice each round.
     */
    static final int CHEAP_WARMUP_AGENT_ROUNDS = 10_000;

    /**
     * The benchmark's configuration from its flags: agents, model, batch, data directory and
     * algorithm with their defaults, and the algorithm's own values ({@code --param}, keys
     * {@code algo.*}; see {@link #trainings}).
     */
    static peerlearn.experiment.ExperimentConfig config(Map<String, String> flags) {
        var settings = new java.util.HashMap<>(Map.of("agents", flags.getOrDefault("agents", "16"),
                "model", flags.getOrDefault("model", "lenet5"), "batch", flags.getOrDefault("batch", "32"),
                "data.dir", flags.getOrDefault("data.dir", ""), "algorithm", flags.getOrDefault("algorithm", "dpsgd")));
        flags.forEach((k, v) -> {
            if (k.startsWith("algo.")) {
                settings.put(k, v);
            }
        });
        return peerlearn.experiment.ExperimentConfig.of(settings);
    }

    /**
     * The training of each timed kind: plain SGD, η = 0.01, with the algorithm's own values
     * ({@code --param}) for the first kind, the algorithm itself; the local runs beside it take none.
     */
    static List<Training> trainings(List<Algorithm> kinds, peerlearn.experiment.ExperimentConfig c) {
        List<Training> t = new java.util.ArrayList<>(java.util.Collections.nCopies(kinds.size(), Training.sgd(0.01)));
        t.set(0, t.get(0).withParams(c.params()));
        return t;
    }

    /**
     * The three kinds of N-agent run timed, in their order: the algorithm, then {@code local} with
     * each agent yielding its carrier after every round, then plain {@code local}.
     */
    static List<Algorithm> timedKinds(Algorithm algorithm) {
        return List.of(algorithm, yieldingEachRound(Algorithms.get("local")), Algorithms.get("local"));
    }

    /** Heap a healthy training step may allocate (LeNet-5 at batch 32: about 40 KB). */
    static final double HEALTHY_STEP_BYTES = 1e6;

    /**
     * A warning when the lone agent's steps allocated more than a healthy step does: then some
     * kernel's vectors were left boxed by the JIT (theory/foundations.md, "On an Intel Xeon
     * guest"), every figure of the run times that slow code, and the ratio says little.
     */
    static Optional<String> boxedWarning(double bytesPerStep) {
        if (!(bytesPerStep > HEALTHY_STEP_BYTES)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "warning: the lone agent allocated %.1f MB per step "
                + "(a healthy step: under %.0f MB): the JIT left some kernel's vectors boxed, and this run times that "
                + "slow code; run it again", bytesPerStep / 1e6, HEALTHY_STEP_BYTES / 1e6));
    }

    /** Rounds of each kind in the cheap warm-up of n agents: at least {@code warmup}, and enough agent-rounds. */
    static int cheapWarmupRounds(int n, int warmup) {
        return Math.max(warmup, Math.ceilDiv(CHEAP_WARMUP_AGENT_ROUNDS, n));
    }

    /**
     * n quadratics ½‖x‖² over the model's parameter layout (its segments and groups, which some
     * algorithms address), each agent's own: a gradient as cheap as one pass over x.
     */
    static Objective[] quadratics(int n, peerlearn.tensor.ParameterLayout layout) {
        int d = layout.size();
        Objective[] o = new Objective[n];
        float[] ones = new float[d];
        Arrays.fill(ones, 1f);
        for (int i = 0; i < n; i++) {
            o[i] = Quadratic.diagonal(ones, new float[d], 0, Rng.stream(1, i, "warm-up"), new float[d], layout);
        }
        return o;
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
