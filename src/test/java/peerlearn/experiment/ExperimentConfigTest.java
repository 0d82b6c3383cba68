package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentConfigTest {
    private static String error(Map<String, String> m) {
        return assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.of(m)).getMessage();
    }

    @Test
    void defaultsAreFilledIn() {
        ExperimentConfig c = ExperimentConfig.of(Map.of("algorithm", "local"));
        assertEquals(8, c.agents());
        assertEquals("local", c.name());
        assertEquals("ring", c.text("topology"));
        assertEquals(1L, c.seed());
    }

    @Test
    void unknownKeyIsNamed() {
        String e = error(Map.of("agnets", "8"));
        assertTrue(e.contains("'agnets'"), e);
    }

    @Test
    void badValuesNameKeyAndValue() {
        assertTrue(error(Map.of("agents", "eight")).contains("agents = 'eight'"));
        assertTrue(error(Map.of("agents", "0")).contains("agents = '0'"));
        assertTrue(error(Map.of("lr", "-1")).contains("lr = '-1'"));
        assertTrue(error(Map.of("momentum", "1")).contains("momentum = '1'"));
        assertTrue(error(Map.of("nesterov", "maybe")).contains("nesterov = 'maybe'"));
        assertTrue(error(Map.of("schedule", "wavy")).contains("schedule = 'wavy'"));
        assertTrue(error(Map.of("data", "mnist")).contains("data = 'mnist'"));
        assertTrue(error(Map.of("model", "gpt")).contains("model = 'gpt'"));
        assertTrue(error(Map.of("partition", "dirichlet")).contains("partition = 'dirichlet'"));
        assertTrue(error(Map.of("mixing", "odd")).contains("mixing = 'odd'"));
        assertTrue(error(Map.of("faults", "drop:x")).contains("faults = 'drop:x'"));
        assertTrue(error(Map.of("faults", "crash:99@3")).contains("agent 99"));
        assertTrue(error(Map.of("name", "a/b")).contains("name = 'a/b'"));
    }

    @Test
    void unknownAlgorithmListsTheKnownOnes() {
        String e = error(Map.of("algorithm", "dpsdg"));
        assertTrue(e.contains("'dpsdg'") && e.contains("dpsgd") && e.contains("choco"), e);
    }

    @Test
    void algorithmParametersAreCheckedAgainstTheAlgorithm() {
        assertTrue(error(Map.of("algorithm", "dpsgd", "algo.beta", "0.9")).contains("algo.beta"));
        assertTrue(error(Map.of("algorithm", "dpsgd", "algo.gamma", "abc")).contains("algo.gamma = 'abc'"));
        assertEquals("0.5", ExperimentConfig.of(Map.of("algorithm", "dpsgd", "algo.gamma", "0.5")).params().values().get("gamma"));
    }

    @Test
    void writtenConfigurationReadsBackTheSame(@TempDir Path dir) throws Exception {
        ExperimentConfig c = ExperimentConfig.of(Map.of("algorithm", "choco", "algo.compressor", "topk:0.1",
                "partition", "dirichlet:0.1", "name", "x-1", "data.dir", "/some where/ünï"));
        Path f = dir.resolve("config.properties");
        c.write(f);
        assertEquals(c.values(), ExperimentConfig.load(f, Map.of()).values());
        assertTrue(Files.readString(f).contains("algo.compressor=topk\\:0.1"));
    }

    @Test
    void flagsOverrideTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.properties");
        Files.writeString(f, "agents=4\nlr=0.2\n");
        ExperimentConfig c = ExperimentConfig.load(f, Map.of("lr", "0.3"));
        assertEquals(4, c.agents());
        assertEquals(0.3, c.number("lr"));
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, "batch=-3\n");
        var e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.load(f, Map.of()));
        assertTrue(e.getMessage().contains("bad.properties") && e.getMessage().contains("batch = '-3'"), e.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> ExperimentConfig.load(dir.resolve("none.properties"), Map.of()));
        assertTrue(missing.getMessage().contains("none.properties"));
    }
}
