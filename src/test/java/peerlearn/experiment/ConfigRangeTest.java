package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration values out of range are rejected before anything runs — no data set is read,
 * no agent started — with a message naming the key and the value. Values that need the
 * configuration alone are checked by {@link ExperimentConfig#of}; the topology (which may read a
 * file) is built first thing in {@link Runner#run}, before the data are loaded: the runs below
 * name a data directory that does not exist, so reading data first would fail differently.
 */
class ConfigRangeTest {
    private static String rejected(String key, String value, String... extra) {
        Map<String, String> m = new HashMap<>(Map.of(key, value));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        String e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.of(m)).getMessage();
        assertTrue(e.contains(key) && e.contains(value), () -> key + "=" + value + ": the message names neither: " + e);
        return e;
    }

    @Test
    void negativeOrZeroRatesAndSizesNameKeyAndValue() {
        rejected("lr", "-0.1");
        rejected("lr", "0");
        rejected("lr", "NaN");
        rejected("batch", "-32");
        rejected("agents", "-4");
        rejected("rounds", "0");
        rejected("epochs", "-1");
        rejected("weight_decay", "-1e-4");
        rejected("momentum", "-0.5");
        rejected("quadratic.noise", "-1");
        rejected("eval_every", "0");
        rejected("eval.global_samples", "-1");
        rejected("schedule", "step:2:-0.5");
        rejected("schedule", "exp:-1");
        rejected("schedule", "exp:NaN");
        rejected("schedule", "multistep:2,4:0");
        rejected("schedule", "cosine:10:-0.1");
    }

    @Test
    void probabilitiesAndStepsOutsideTheUnitIntervalAreRejected() {
        rejected("faults", "drop:1.5");
        rejected("faults", "drop:-0.1");
        rejected("mixing", "relaxed:1.5");
        rejected("algo.gamma", "1.5", "algorithm", "dpsgd");
        rejected("algo.gamma", "-0.5", "algorithm", "choco");
        rejected("algo.mu", "1", "algorithm", "qgm");
        rejected("algo.beta", "-0.1", "algorithm", "dsgdm-n");
        rejected("algo.compressor", "topk:1.5", "algorithm", "choco");
        rejected("algo.compressor", "qsgd:0", "algorithm", "choco");
        rejected("partition", "dirichlet:0");
        rejected("partition", "dirichlet:-1");
        rejected("partition", "labelswap:0.5,1.5");
    }

    @Test
    void partitionsThatCannotFitTheDataSetAreRejected() {
        rejected("partition", "classes:11");
        rejected("partition", "classes:11", "data", "cifar10");
        rejected("partition", "classes:101", "data", "cifar100");
        rejected("partition", "labelgroups:0,1/2,10@0.5,0.5");
        rejected("partition", "classes:0");
    }

    @Test
    void faultsThatCannotHappenAreRejected() {
        rejected("faults", "crash:8@3");
        rejected("faults", "crash:1@-1");
        rejected("faults", "straggler:1@-5");
        rejected("faults", "straggler:1@9223372036854775807");
        rejected("faults", "crash:0@2,crash:1@2", "agents", "2");
    }

    @Test
    void unusableTopologiesAreRejectedBeforeTheDataAreRead(@TempDir Path dir) throws Exception {
        Path edges = dir.resolve("two-pieces.txt");
        Files.writeString(edges, "0 1\n2 3\n");
        for (String topology : new String[] {"file:" + edges, "er:1.5", "er:0", "kregular:9", "torus:3x3", "bipartite:2x3"}) {
            ExperimentConfig c = ExperimentConfig.of(Map.of("topology", topology, "agents", "4", "rounds", "1",
                    "data", "cifar10", "data.dir", dir.resolve("absent").toString()));
            String e = assertThrows(IllegalArgumentException.class, () -> Runner.run(c, Progress.silent())).getMessage();
            assertTrue(e.contains("topology = '" + topology + "'"), e);
        }
    }
}
