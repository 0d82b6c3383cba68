package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    /** The embedded subset is read and normalised once for the whole class. */
    private static final DataSets DATA = new DataSets();

    private static ExperimentConfig quadratic(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("data", "quadratic", "agents", "6", "rounds", "40", "lr", "0.1",
                "quadratic.noise", "0.5", "quadratic.dim", "7", "eval_every", "10"));
        m.putAll(extra);
        return ExperimentConfig.of(m);
    }

    /** A small real run: 4 agents, MLP on the embedded Fashion-MNIST subset, skewed labels. */
    private static ExperimentConfig fashion(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("data", "fashion-mnist-subset", "model", "mlp", "agents", "4",
                "partition", "dirichlet:0.3:n=64:test=40", "rounds", "6", "eval_every", "3", "batch", "16",
                "eval.global_samples", "100"));
        m.putAll(extra);
        return ExperimentConfig.of(m);
    }

    /** metrics.csv without the wall-time column, the one value allowed to differ between runs. */
    private static String metricsWithoutTime(RunResult r, Path dir) throws Exception {
        RunFiles.write(r, dir);
        return Files.readAllLines(dir.resolve("metrics.csv")).stream()
                .map(l -> {
                    String[] f = l.split(",", -1);
                    f[2] = "";
                    return String.join(",", f);
                })
                .collect(Collectors.joining("\n"));
    }

    /**
     * Pull-based algorithms: a reply's bytes are the publisher's, but the puller decides when it
     * pulls. bytes_sent at an evaluation point counts the replies to pulls made in rounds up to
     * that point, so it is the same whatever the scheduling (here: stragglers that put the
     * pullers behind or ahead of the publishers). Before, it was read from a live counter and
     * varied from run to run.
     */
    @Test
    void bytesSentOfPullAlgorithmsDoesNotDependOnScheduling(@TempDir Path dir) throws Exception {
        for (String a : List.of("dac", "random", "pens")) {
            ExperimentConfig c = quadratic(Map.of("algorithm", a, "agents", "6", "rounds", "12", "eval_every", "1",
                    "algo.local_epochs", "1", "algo.peers", "2"));
            String plain = metricsWithoutTime(Runner.run(c, Progress.silent()), dir.resolve(a + "0"));
            for (String slow : List.of("straggler:0@3", "straggler:2@2,straggler:5@4")) {
                assertEquals(plain, metricsWithoutTime(Runner.run(c.with(Map.of("faults", slow)), Progress.silent()),
                        dir.resolve(a + slow.length())), a + " with " + slow);
            }
        }
    }

    @Test
    void sameSeedGivesBitIdenticalMetrics(@TempDir Path dir) throws Exception {
        for (String a : List.of("dpsgd", "choco", "allreduce")) {
            ExperimentConfig c = quadratic(Map.of("algorithm", a, "faults", "drop:0.2"));
            String first = metricsWithoutTime(Runner.run(c, Progress.silent()), dir.resolve(a + "1"));
            String second = metricsWithoutTime(Runner.run(c, Progress.silent()), dir.resolve(a + "2"));
            assertEquals(first, second, a);
            String other = metricsWithoutTime(Runner.run(c.with(Map.of("seed", "2")), Progress.silent()),
                    dir.resolve(a + "3"));
            assertNotEquals(first, other, a + ": another seed must change the numbers");
        }
    }

    @Test
    void sameSeedGivesBitIdenticalMetricsOnARealModel(@TempDir Path dir) throws Exception {
        ExperimentConfig c = fashion(Map.of("algorithm", "dpsgd"));
        String first = metricsWithoutTime(Runner.run(c, Progress.silent(), DATA), dir.resolve("a"));
        String second = metricsWithoutTime(Runner.run(c, Progress.silent(), DATA), dir.resolve("b"));
        assertEquals(first, second);
    }

    @Test
    void evaluationPointsComeEveryEAndAtTheEnd() {
        RunResult r = Runner.run(quadratic(Map.of("rounds", "25", "eval_every", "10")), Progress.silent());
        assertEquals(List.of(0, 10, 20, 25), r.points().stream().map(EvalPoint::round).toList());
        assertEquals(6, r.last().agents().size());
    }

    @Test
    void divergenceNamesAgentRoundAndQuantity() {
        var e = assertThrows(DivergenceException.class,
                () -> Runner.run(quadratic(Map.of("lr", "40", "rounds", "400")), Progress.silent()));
        assertTrue(e.getMessage().matches("diverged: agent \\d+, round \\d+: .+ is (NaN|-?Infinity).*"), e.getMessage());
    }

    /** The per-round check finds a NaN or an infinity wherever it is, and passes the largest finite floats. */
    @Test
    void everyNonFiniteParameterIsFound() {
        for (int d : new int[] {0, 1, 7, 8, 61_706}) {
            float[] x = new float[d];
            for (int c = 0; c < d; c++) {
                x[c] = (c % 2 == 0 ? 1 : -1) * (c % 3 == 0 ? Float.MAX_VALUE : Float.MIN_VALUE * c);
            }
            assertTrue(Runner.allFinite(x), "d = " + d);
            for (int c : new int[] {0, d / 2, d - 1}) {
                if (c < 0 || c >= d) {
                    continue;
                }
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                        Float.intBitsToFloat(0xffc00001)}) {
                    float keep = x[c];
                    x[c] = bad;
                    assertFalse(Runner.allFinite(x), "d = " + d + ", x[" + c + "] = " + bad);
                    x[c] = keep;
                }
            }
        }
    }

    @Test
    void allReduceKeepsAgentsInConsensusAndCountsBytes() {
        RunResult r = Runner.run(quadratic(Map.of("algorithm", "allreduce", "quadratic.noise", "0")), Progress.silent());
        assertEquals(0.0, r.last().consensusDistance());
        // 40 rounds × 5 peers × (frame header + 5 + 4·7 payload bytes)
        long perAgent = r.last().agents().getFirst().bytesSent();
        assertEquals(0, perAgent % (40 * 5));
        assertTrue(perAgent > 40 * 5 * 33, "bytes " + perAgent);
        RunResult local = Runner.run(quadratic(Map.of("algorithm", "local")), Progress.silent());
        assertEquals(0, local.last().agents().getFirst().bytesSent());
    }

    @Test
    void crashedAgentsAreLeftOutAfterTheirCrash() {
        RunResult r = Runner.run(quadratic(Map.of("faults", "crash:2@15")), Progress.silent());
        assertEquals(6, r.points().get(1).agents().size());
        assertEquals(5, r.last().agents().size());
        assertFalse(r.last().agents().stream().anyMatch(m -> m.agent() == 2));
    }

    @Test
    void outputFilesHoldWhatTheyPromise(@TempDir Path dir) throws Exception {
        ExperimentConfig c = fashion(Map.of("algorithm", "dpsgd", "name", "files"));
        RunResult r = Runner.run(c, Progress.silent(), DATA);
        RunFiles.write(r, dir);
        Reports.write(List.of(r), dir, "test");
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(String.join(",", RunFiles.COLUMNS), csv.getFirst());
        assertEquals(1 + 4 * 3, csv.size(), "one row per agent per evaluation point (rounds 0, 3, 6)");
        String[] row = csv.get(5).split(",", -1);
        assertEquals("3", row[0]);
        double acc = Double.parseDouble(row[RunFiles.COLUMNS.indexOf("local_accuracy")]);
        assertTrue(acc >= 0 && acc <= 1);
        String json = Files.readString(dir.resolve("summary.json"));
        for (String k : List.of("mean_accuracy", "min_accuracy", "averaged_model_accuracy", "consensus_distance",
                "bytes_sent", "rounds", "wall_seconds", "seed")) {
            assertTrue(json.contains("\"" + k + "\": "), k + " missing from " + json);
        }
        assertTrue(json.contains("\"rounds\": 6,"));
        assertEquals(c.values(), ExperimentConfig.load(dir.resolve("config.properties"), Map.of()).values());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("Consensus distance") && html.contains("Topology"));
        assertFalse(html.contains("<script") || html.contains("src=\"http") || html.contains("href=\"http"),
                "the report must be self-contained");
    }

    @Test
    void reportedEdgeWeightsAreWrittenPerNeighbour(@TempDir Path dir) throws Exception {
        RunResult r = Runner.run(quadratic(Map.of("agents", "3", "eval_every", "40")), Progress.silent());
        EvalPoint p = r.last();
        List<double[]> w = List.of(new double[] {0.25, 0.75}, new double[] {0.5, 0.5}, new double[] {0.1, 0.9});
        RunResult r2 = new RunResult(r.config(), r.problem(), r.mixing(), r.dimension(), r.rounds(), r.roundsPerEpoch(),
                r.wallSeconds(), List.of(new EvalPoint(p.round(), p.epoch(), p.wallSeconds(), p.agents(),
                p.averagedAccuracy(), p.averagedLoss(), p.consensusDistance(), w)));
        RunFiles.write(r2, dir);
        List<String> lines = Files.readAllLines(dir.resolve("edges.csv"));
        assertEquals(List.of("round,agent,neighbour,weight", "40,0,1,0.25", "40,0,2,0.75", "40,1,0,0.5", "40,1,2,0.5",
                "40,2,0,0.1", "40,2,1,0.9"), lines);
        Reports.write(List.of(r2), dir, "weights");
        assertTrue(Files.readString(dir.resolve("report.html")).contains("weights the agents used"));
    }

    @Test
    void extraMetricsBecomeColumns(@TempDir Path dir) throws Exception {
        RunResult r = Runner.run(quadratic(Map.of()), Progress.silent());
        EvalPoint p = r.last();
        var withExtra = p.agents().stream().map(m -> new AgentMetrics(m.agent(), m.localAccuracy(), m.localLoss(),
                m.globalAccuracy(), m.globalLoss(), m.trainLoss(), m.bytesSent(), Map.of("cluster", (double) m.agent() % 2)))
                .toList();
        RunResult r2 = new RunResult(r.config(), r.problem(), r.mixing(), r.dimension(), r.rounds(), r.roundsPerEpoch(),
                r.wallSeconds(), List.of(new EvalPoint(p.round(), p.epoch(), p.wallSeconds(), withExtra, p.averagedAccuracy(),
                p.averagedLoss(), p.consensusDistance(), p.edgeWeights())));
        RunFiles.writeMetrics(r2, dir.resolve("m.csv"));
        RunFiles.write(r, dir.resolve("plain"));
        assertFalse(Files.exists(dir.resolve("plain/edges.csv")), "no edges.csv without reported weights");
        List<String> lines = Files.readAllLines(dir.resolve("m.csv"));
        assertTrue(lines.getFirst().endsWith(",extra.cluster"));
        assertTrue(lines.get(2).endsWith(",1.0"), lines.get(2));
        assertEquals(Arrays.asList(lines.getFirst().split(",")).size(), lines.get(1).split(",", -1).length);
    }
}
