package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerlearn.data.Partition;

/** The validation split (partition option {@code val=}) and the {@code select} key. */
class ModelSelectionTest {
    private static final DataSets DATA = new DataSets();

    private static ExperimentConfig config(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("data", "fashion-mnist-subset", "model", "mlp", "agents", "4",
                "partition", "rotation:0,180@0.5,0.5:n=60:test=30:val=20", "rounds", "24", "eval_every", "2",
                "batch", "8", "eval.global_samples", "60"));
        m.putAll(extra);
        return ExperimentConfig.of(m);
    }

    @Test
    void validationSamplesComeOutOfTheTrainingSamplesAndAreFixedBySeed() {
        ExperimentConfig c = config(Map.of());
        DatasetProblem with = new DatasetProblem(c, DATA);
        DatasetProblem without = new DatasetProblem(c.with(Map.of("partition", "rotation:0,180@0.5,0.5:n=60:test=30")), DATA);
        DatasetProblem again = new DatasetProblem(c, DATA);
        DatasetProblem otherSeed = new DatasetProblem(c.with(Map.of("seed", "2")), DATA);
        assertTrue(with.hasValidation());
        assertFalse(without.hasValidation());
        boolean seedMatters = false;
        for (int i = 0; i < 4; i++) {
            Partition p = with.partition();
            int[] train = p.trainIndices(i);
            int[] val = with.validationIndices(i);
            assertEquals(40, train.length);
            assertEquals(20, val.length);
            assertEquals(40, with.trainSamples(i), "the agent trains on what is left");
            assertTrue(IntStream.of(val).noneMatch(v -> Arrays.binarySearch(train, v) >= 0), "agent " + i + ": overlap");
            // together they are exactly what the scheme dealt; the test split is untouched
            int[] union = IntStream.concat(IntStream.of(train), IntStream.of(val)).sorted().toArray();
            assertArrayEquals(without.partition().trainIndices(i), union);
            assertArrayEquals(without.partition().testIndices(i), p.testIndices(i));
            // validation ids point into the training images (rotated like them), not into the test images
            assertNotSame(p.trainSet(i), p.testSet(i));
            assertArrayEquals(val, again.validationIndices(i), "same seed, same validation samples");
            seedMatters |= !Arrays.equals(val, otherSeed.validationIndices(i));
        }
        assertTrue(seedMatters, "another seed must draw other validation samples");
    }

    @Test
    void bestValidationReportsTheTestMetricsOfTheLowestValidationLossSoFar() {
        for (String algorithm : List.of("local", "dac")) {
            // plain SGD at a high rate on 40 samples overfits: the validation loss turns up
            Map<String, String> keys = algorithm.equals("dac") ? Map.of("algorithm", "dac", "lr", "0.3",
                    "algo.local_epochs", "1", "algo.peers", "2") : Map.of("algorithm", algorithm, "lr", "0.3");
            RunResult last = Runner.run(config(keys), Progress.silent(), DATA);
            RunResult best = Runner.run(config(keys).with(Map.of("select", "best_validation")), Progress.silent(), DATA);
            assertEquals(last.points().size(), best.points().size());
            int earlierWins = 0;
            for (int i = 0; i < 4; i++) {
                double bestLoss = Double.POSITIVE_INFINITY;
                AgentMetrics kept = null;
                int keptRound = -1;
                for (int t = 0; t < last.points().size(); t++) {
                    AgentMetrics now = last.points().get(t).agents().get(i);
                    AgentMetrics reported = best.points().get(t).agents().get(i);
                    double v = now.extra().get("validation.loss");
                    assertEquals(v, reported.extra().get("validation.loss"), "the selection must not change training");
                    if (kept == null || v < bestLoss) {
                        bestLoss = v;
                        kept = now;
                        keptRound = last.points().get(t).round();
                    }
                    String at = algorithm + ", agent " + i + ", round " + last.points().get(t).round();
                    assertEquals(kept.localAccuracy(), reported.localAccuracy(), at);
                    assertEquals(kept.localLoss(), reported.localLoss(), at);
                    assertEquals(kept.globalAccuracy(), reported.globalAccuracy(), at);
                    assertEquals(kept.globalLoss(), reported.globalLoss(), at);
                    assertEquals(keptRound, reported.extra().get("selection.round"), at);
                    assertEquals(now.localAccuracy(), reported.extra().get("selection.last_local_accuracy"), at);
                    assertEquals(now.trainLoss(), reported.trainLoss(), at);
                }
                AgentMetrics end = last.last().agents().get(i);
                if (kept != end && kept.localLoss() < end.localLoss()) {
                    earlierWins++;
                }
            }
            // the case the rule exists for: the last model is worse than an earlier one
            assertTrue(earlierWins > 0, algorithm + ": no agent's final model lost to an earlier one; make the run noisier");
        }
    }

    @Test
    void theDefaultTestsTheCurrentModelAndWritesValidationColumnsOnlyWithAValidationSplit(@TempDir Path dir)
            throws Exception {
        ExperimentConfig plain = config(Map.of("partition", "rotation:0,180@0.5,0.5:n=60:test=30"));
        assertEquals("last", plain.text("select"));
        RunResult r = Runner.run(plain, Progress.silent(), DATA);
        RunFiles.write(r, dir.resolve("plain"));
        String header = Files.readAllLines(dir.resolve("plain/metrics.csv")).getFirst();
        assertEquals(String.join(",", RunFiles.COLUMNS), header, "no validation split, no validation columns");
        assertTrue(Files.readString(dir.resolve("plain/summary.json")).contains("\"selection\": \"last\""));

        RunResult v = Runner.run(config(Map.of("select", "best_validation")), Progress.silent(), DATA);
        RunFiles.write(v, dir.resolve("val"));
        List<String> csv = Files.readAllLines(dir.resolve("val/metrics.csv"));
        assertTrue(csv.getFirst().startsWith(String.join(",", RunFiles.COLUMNS) + ","), "fixed columns first, unchanged");
        for (String col : List.of("extra.validation.loss", "extra.validation.accuracy", "extra.selection.round",
                "extra.selection.last_local_accuracy")) {
            assertTrue(Arrays.asList(csv.getFirst().split(",")).contains(col), col + " missing: " + csv.getFirst());
        }
        assertTrue(Files.readString(dir.resolve("val/summary.json")).contains("\"selection\": \"best_validation\""));
    }

    @Test
    void invalidValuesAreRefusedNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> config(Map.of("select", "best")));
        assertEquals("select = 'best': expected last or best_validation", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config(Map.of("select", "best_validation",
                "partition", "iid:n=60")));
        assertTrue(e.getMessage().startsWith("select = 'best_validation': needs validation samples"), e.getMessage());
        assertTrue(e.getMessage().contains(":val=COUNT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.of(Map.of("data", "quadratic",
                "select", "best_validation")));
        assertTrue(e.getMessage().startsWith("select = 'best_validation'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config(Map.of("partition", "iid:n=60:val=60")));
        assertTrue(e.getMessage().startsWith("partition = 'iid:n=60:val=60'"), e.getMessage());
        assertTrue(e.getMessage().contains("val=60 holds out all of the n=60"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config(Map.of("partition", "iid:val=x")));
        assertTrue(e.getMessage().contains("val=x: not a whole number"), e.getMessage());
        // without n= the check waits for the data: an agent holding no more than val samples
        e = assertThrows(IllegalArgumentException.class, () -> Runner.run(config(Map.of("agents", "4",
                "partition", "iid:val=100000")), Progress.silent(), DATA));
        assertTrue(e.getMessage().startsWith("partition = 'iid:val=100000': agent 0 holds"), e.getMessage());
    }
}
