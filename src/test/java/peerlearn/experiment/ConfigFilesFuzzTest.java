package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerlearn.testkit.Fuzz;

/**
 * Hostile configuration files: {@code .properties} files written by {@link ExperimentConfig#write}
 * for a few experiments, mutated at the byte level and value by value (boundary numbers,
 * non-numbers, separators, broken escapes), read by {@link ExperimentConfig#load}. The only
 * accepted failure is an {@link IllegalArgumentException} whose message names the file.
 */
class ConfigFilesFuzzTest {
    private static final int CASES = Fuzz.cases(1000);

    private static List<String> seeds(Path dir) {
        List<Map<String, String>> configs = List.of(
                Map.of("data", "quadratic", "agents", "6", "rounds", "40", "lr", "0.1", "quadratic.noise", "0.5",
                        "faults", "drop:0.2,crash:1@5,straggler:2@3"),
                Map.of("algorithm", "choco", "algo.compressor", "topk:0.1", "partition", "dirichlet:0.1:n=64:test=40",
                        "schedule", "multistep:2,4:0.1", "topology", "torus:2x4", "eval_every", "5"),
                Map.of("algorithm", "fedavg", "algo.local_steps", "4", "partition", "classes:2", "mixing", "relaxed:0.5",
                        "optimizer", "adam", "momentum", "0.9", "weight_decay", "1e-4", "epochs", "2.5"));
        List<String> out = new ArrayList<>();
        try {
            for (int i = 0; i < configs.size(); i++) {
                Path f = dir.resolve("seed" + i + ".properties");
                ExperimentConfig.of(configs.get(i)).write(f);
                out.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void configurationFilesFailCleanly(@TempDir Path dir) {
        List<String> seeds = seeds(dir);
        Path file = dir.resolve("fuzz.properties");
        Fuzz.Outcome o = Fuzz.run("configuration", CASES, (k, rng) -> Fuzz.mutateText(seeds, rng), c -> {
            Files.write(file, c.bytes());
            ExperimentConfig.load(file, Map.of());
        }, Fuzz.cleanError(List.of(file.toString()), IllegalArgumentException.class));
        assertTrue(o.accepted() > 0 && o.accepted() < o.cases(), o.toString());
    }

    private static String loadError(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.load(file, Map.of())).getMessage();
    }

    /** Found by the fuzzer: a byte that is not UTF-8 gave a bare MalformedInputException ("Input length = 1"). */
    @Test
    void invalidUtf8NamesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("latin1.properties");
        Files.write(f, "name=caf\u00e9\nagents=4\n".getBytes(StandardCharsets.ISO_8859_1)); // é as the single byte e9
        String e = loadError(f);
        assertTrue(e.contains(f.toString()) && e.contains("UTF-8"), e);
    }

    /** Found by the long fuzz run: {@code schedule=:} split into no parts and indexed the first. */
    @Test
    void scheduleOfSeparatorsOnlyIsRefusedCleanly(@TempDir Path dir) throws IOException {
        for (String schedule : new String[] {":", "::", "step:2:", "cosine:"}) {
            Path f = dir.resolve("schedule.properties");
            Files.writeString(f, "schedule=" + schedule.replace(":", "\\:") + "\n");
            String e = loadError(f);
            assertTrue(e.contains(f.toString()) && e.contains("schedule = '" + schedule + "'"), e);
        }
    }

    /** A malformed \\uXXXX escape made Properties.load throw without naming the file. */
    @Test
    void brokenUnicodeEscapeNamesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("escape.properties");
        Files.writeString(f, "agents=4\nname=a\\uZZ\n");
        String e = loadError(f);
        assertTrue(e.contains(f.toString()) && e.contains("\\uxxxx"), e);
    }
}
