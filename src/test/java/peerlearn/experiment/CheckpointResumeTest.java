package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import peerlearn.algo.Algorithm;
import peerlearn.algo.Algorithms;
import peerlearn.rng.Rng;

/**
 * Checkpoint and resume: a run stopped in-process after a random round (as if killed there) and
 * resumed from its last checkpoint writes the same {@code metrics.csv}, {@code summary.json} and
 * {@code edges.csv} as the run done straight through, byte for byte except the wall-clock values
 * (the {@code wall_seconds} column and key). Every registered algorithm is covered
 * ({@link Algorithms#all()}, so later ones are too), with and without faults.
 */
class CheckpointResumeTest {
    private static final int ROUNDS = 20;
    private static final int EVERY = 3;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final DataSets DATA = new DataSets();

    /** Algorithms that personalize a named part of the model ('head', 'last'), which the quadratic lacks. */
    private static final Set<String> NEED_LAYERS = Set.of("gatta", "gatta-ce", "deprl");

    /**
     * Parameters given to the algorithms that declare them: fine-tuning from round 10; pull
     * gossip every 2 rounds; PENS switching from selection to gossip within the run.
     */
    private static final Map<String, String> PARAMS = Map.of("finetune_from", "10", "local_epochs", "2",
            "pens_rounds", "3", "peers", "2", "kappa", "0.9");

    private static Map<String, String> params(Algorithm a) {
        Map<String, String> m = new HashMap<>();
        a.params().forEach(p -> {
            if (PARAMS.containsKey(p.name())) {
                m.put("algo." + p.name(), PARAMS.get(p.name()));
            }
        });
        return m;
    }

    /** 6 agents on a ring: noisy quadratics, or the MLP on a small skewed Fashion-MNIST subset. */
    static ExperimentConfig config(String algorithm, String faults) {
        Algorithm a = Algorithms.get(algorithm);
        Map<String, String> m = new HashMap<>(Map.of("algorithm", algorithm, "agents", "6", "rounds",
                Integer.toString(ROUNDS), "eval_every", "4", "lr", "0.1", "faults", faults, "seed", "7"));
        if (NEED_LAYERS.contains(algorithm)) {
            m.putAll(Map.of("data", "fashion-mnist-subset", "model", "mlp", "partition", "dirichlet:0.3:n=32:test=8",
                    "batch", "8", "eval.global_samples", "24", "lr", "0.05"));
        } else {
            m.putAll(Map.of("data", "quadratic", "quadratic.dim", "5", "quadratic.noise", "0.5"));
        }
        m.putAll(params(a));
        return ExperimentConfig.of(m);
    }

    static Stream<Arguments> algorithms() {
        return Algorithms.all().stream().map(a -> Arguments.of(a.name(), "none"));
    }

    /** Agent 2 crashes after the first checkpoint, agent 4 before it; 20% of messages lost; a straggler. */
    static final String FAULTS = "drop:0.2,crash:2@7,crash:4@1,straggler:1@1";

    static Stream<Arguments> algorithmsUnderFaults() {
        return Stream.of("dpsgd", "choco", "compngc", "gatta-ce", "dac", "pens", "allreduce", "local")
                .map(a -> Arguments.of(a, FAULTS));
    }

    /** The files of a finished run with the wall-clock values blanked: the only bytes allowed to differ. */
    static String comparable(Path dir) throws Exception {
        StringBuilder b = new StringBuilder();
        int wall = RunFiles.COLUMNS.indexOf("wall_seconds");
        for (String line : Files.readAllLines(dir.resolve("metrics.csv"), StandardCharsets.UTF_8)) {
            String[] f = line.split(",", -1);
            f[wall] = f[wall].isEmpty() || f[wall].equals("wall_seconds") ? f[wall] : "WALL";
            b.append(String.join(",", f)).append('\n');
        }
        b.append("----\n");
        for (String line : Files.readAllLines(dir.resolve("summary.json"), StandardCharsets.UTF_8)) {
            b.append(line.startsWith("  \"wall_seconds\": ") ? "  \"wall_seconds\": WALL," : line).append('\n');
        }
        Path edges = dir.resolve("edges.csv");
        if (Files.exists(edges)) {
            b.append("----\n").append(Files.readString(edges));
        }
        return b.toString();
    }

    /** The first line that differs, both ways, for a readable failure. */
    static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "(none)";
            String q = i < y.length ? y[i] : "(none)";
            if (!p.equals(q)) {
                return "line " + (i + 1) + " straight:\n  " + p + "\nresumed:\n  " + q;
            }
        }
        return "no difference";
    }

    /** Runs straight through into {@code straight}; runs with checkpoints, halted after {@code halt}, into {@code stopped}, then resumes it. */
    static void killAndResume(ExperimentConfig c, int halt, Path straight, Path stopped) throws Exception {
        RunFiles.write(Runner.run(c, Progress.silent(), DATA), straight);
        ExperimentConfig withCheckpoints = c.with(Map.of("checkpoint_every", Integer.toString(EVERY)));
        RunHaltedException h = assertThrows(RunHaltedException.class,
                () -> Runner.run(withCheckpoints, Progress.silent(), DATA, stopped, halt));
        assertEquals(halt, h.round());
        assertFalse(Files.exists(stopped.resolve("metrics.csv")), "a killed run leaves no metrics");
        assertTrue(Files.exists(stopped.resolve(Checkpoint.FILE)));
        assertEquals((halt + 1) / EVERY * EVERY, Checkpoint.read(stopped.resolve(Checkpoint.FILE)).roundsDone(),
                "the last checkpoint before the kill");
        RunFiles.write(Runner.resume(stopped, Progress.silent(), DATA, Runner.NEVER), stopped);
    }

    @ParameterizedTest(name = "{0}, faults {1}")
    @MethodSource({"algorithms", "algorithmsUnderFaults"})
    void resumedRunIsBitIdenticalToTheStraightRun(String algorithm, String faults, @TempDir Path dir) throws Exception {
        ExperimentConfig c = config(algorithm, faults);
        // the kill: after a random round that follows at least one checkpoint and is not the last
        int halt = EVERY - 1 + new Rng(algorithm.hashCode() ^ faults.hashCode()).nextInt(ROUNDS - EVERY);
        assertTimeoutPreemptively(LIMIT, () -> killAndResume(c, halt, dir.resolve("straight"), dir.resolve("stopped")),
                () -> algorithm + " did not finish in " + LIMIT);
        String straight = comparable(dir.resolve("straight"));
        String resumed = comparable(dir.resolve("stopped"));
        assertTrue(straight.equals(resumed), () -> algorithm + ", killed after round " + halt + ": "
                + firstDifference(straight, resumed));
    }

    /**
     * The other optimizers (Adam's step count, RMSprop's buffers), a learning-rate schedule and a
     * time-varying topology resume bit-identically too.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"optimizer=adam", "optimizer=adamw,weight_decay=0.01",
            "optimizer=rmsprop,momentum=0.5", "schedule=cosine,momentum=0.9,nesterov=true",
            "topology=onepeer-exp,algorithm=dpsgd", "topology=kregular-each-round:2,algorithm=choco"})
    void optimizersSchedulesAndTimeVaryingGraphsResume(String settings, @TempDir Path dir) throws Exception {
        Map<String, String> m = new HashMap<>();
        for (String kv : settings.split(",")) {
            m.put(kv.split("=")[0], kv.split("=")[1]);
        }
        ExperimentConfig c = config(m.getOrDefault("algorithm", "local"), "none").with(m);
        assertTimeoutPreemptively(LIMIT, () -> killAndResume(c, 10, dir.resolve("straight"), dir.resolve("stopped")));
        assertEquals(comparable(dir.resolve("straight")), comparable(dir.resolve("stopped")), settings);
    }

    /** A run resumed twice (killed again after resuming) still ends as the straight one. */
    @Test
    void aRunCanBeKilledAndResumedTwice(@TempDir Path dir) throws Exception {
        ExperimentConfig c = config("choco", FAULTS);
        RunFiles.write(Runner.run(c, Progress.silent(), DATA), dir.resolve("straight"));
        Path stopped = dir.resolve("stopped");
        ExperimentConfig k = c.with(Map.of("checkpoint_every", "4"));
        assertThrows(RunHaltedException.class, () -> Runner.run(k, Progress.silent(), DATA, stopped, 5));
        assertThrows(RunHaltedException.class, () -> Runner.resume(stopped, Progress.silent(), DATA, 13));
        assertEquals(12, Checkpoint.read(stopped.resolve(Checkpoint.FILE)).roundsDone());
        RunFiles.write(Runner.resume(stopped, Progress.silent(), DATA, Runner.NEVER), stopped);
        assertEquals(comparable(dir.resolve("straight")), comparable(stopped));
    }

    /** The neural run: LeNet-5 on Fashion-MNIST with momentum SGD (optimizer buffers, sampler epochs, global test). */
    @Test
    void neuralRunResumesBitIdentically(@TempDir Path dir) throws Exception {
        ExperimentConfig c = ExperimentConfig.of(Map.ofEntries(Map.entry("algorithm", "dpsgd"),
                Map.entry("data", "fashion-mnist-subset"), Map.entry("model", "lenet5"), Map.entry("agents", "4"),
                Map.entry("partition", "dirichlet:0.5:n=40:test=12"), Map.entry("batch", "8"),
                Map.entry("rounds", "14"), Map.entry("eval_every", "5"), Map.entry("eval.global_samples", "30"),
                Map.entry("momentum", "0.9"), Map.entry("weight_decay", "1e-4"), Map.entry("seed", "3")));
        assertTimeoutPreemptively(LIMIT, () -> killAndResume(c, 8, dir.resolve("straight"), dir.resolve("stopped")));
        assertEquals(comparable(dir.resolve("straight")), comparable(dir.resolve("stopped")));
    }

    /**
     * Under {@code select=best_validation} each agent's kept model (its validation loss, round and
     * test numbers) is part of the checkpoint: a resumed run reports the same kept models.
     */
    @Test
    void bestValidationSelectionResumesBitIdentically(@TempDir Path dir) throws Exception {
        ExperimentConfig c = ExperimentConfig.of(Map.ofEntries(Map.entry("algorithm", "dac"),
                Map.entry("data", "fashion-mnist-subset"), Map.entry("model", "mlp"), Map.entry("agents", "6"),
                Map.entry("partition", "rotation:0,180@0.5,0.5:n=40:test=12:val=10"), Map.entry("select", "best_validation"),
                Map.entry("batch", "8"), Map.entry("rounds", "16"), Map.entry("eval_every", "2"),
                Map.entry("eval.global_samples", "30"), Map.entry("lr", "0.3"), Map.entry("seed", "5")));
        assertTimeoutPreemptively(LIMIT, () -> killAndResume(c, 9, dir.resolve("straight"), dir.resolve("stopped")));
        String straight = comparable(dir.resolve("straight"));
        assertTrue(straight.contains("extra.selection.round"), "the runs select by validation");
        assertEquals(straight, comparable(dir.resolve("stopped")));
    }

    /** Metrics columns other than wall_seconds really are compared: a changed loss is seen. */
    @Test
    void theComparisonSeesEveryOtherByte(@TempDir Path dir) throws Exception {
        ExperimentConfig c = config("dpsgd", "none");
        RunFiles.write(Runner.run(c, Progress.silent(), DATA), dir.resolve("a"));
        RunFiles.write(Runner.run(c.with(Map.of("lr", "0.1000001")), Progress.silent(), DATA), dir.resolve("b"));
        String a = comparable(dir.resolve("a"));
        assertFalse(a.equals(comparable(dir.resolve("b"))));
        assertTrue(a.contains(",WALL,") && a.contains("\"wall_seconds\": WALL,"), a);
    }
}
