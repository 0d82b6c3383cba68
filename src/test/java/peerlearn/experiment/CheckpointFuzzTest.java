package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import peerlearn.testkit.Fuzz;

/**
 * Hostile checkpoint files, read by {@link Runner#resume} up to the restore (halted before the
 * first round): mutations of real checkpoints of one configuration (after rounds 3 and 6), with
 * the array and text length fields of every entry — nested ones included — among the fields the
 * mutator overwrites. Half the cases get their SHA-256 trailer recomputed after the mutation, so
 * the mutated structure reaches the entry parser and the restore instead of stopping at the
 * checksum. The only accepted failure is a {@link Checkpoint.CheckpointException} naming the file.
 */
class CheckpointFuzzTest {
    private static final int CASES = Fuzz.cases(600);
    private static final DataSets DATA = new DataSets();

    /** Checkpoints after rounds 3 and 6 of one run of {@code algorithm} (the configuration left in {@code dir}). */
    private static List<byte[]> seeds(Path dir, String algorithm) throws IOException {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(Map.of("algorithm", algorithm, "data", "quadratic",
                "agents", "4", "quadratic.dim", "3", "quadratic.noise", "0.2", "rounds", "12", "eval_every", "2",
                "checkpoint_every", "3", "faults", "drop:0.2,crash:3@5"));
        if (algorithm.equals("dac")) {
            m.put("algo.local_epochs", "1"); // pulls every round, so publications are pending at a checkpoint
        }
        ExperimentConfig c = ExperimentConfig.of(m);
        List<byte[]> out = new ArrayList<>();
        for (int halt : new int[] {4, 7}) {
            Path run = dir.resolve("seed" + halt);
            assertThrows(RunHaltedException.class, () -> Runner.run(c.with(Map.of()), Progress.silent(), DATA, run, halt));
            out.add(Files.readAllBytes(run.resolve(Checkpoint.FILE)));
            Files.copy(run.resolve(Runner.CONFIG), dir.resolve(Runner.CONFIG), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /** Offsets of every entry's 32-bit length field, walking into byte entries that hold entries themselves. */
    static int[] lengthFields(byte[] checkpoint) {
        List<Integer> out = new ArrayList<>();
        walk(checkpoint, 12, checkpoint.length - 32, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean walk(byte[] b, int from, int to, List<Integer> out) {
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        List<Integer> found = new ArrayList<>();
        int[] sizes = {4, 8, 4, 8, 1, 1, 8, 8, 1, 0, 0}; // per kind, as peerlearn.state writes them
        try {
            while (in.position() < to) {
                int kind = in.get();
                int name = in.getShort() & 0xFFFF;
                in.position(in.position() + name);
                if (kind == 6 || kind == 7) {
                    in.position(in.position() + 8);
                } else if (kind <= 5 || kind == 8) {
                    found.add(in.position());
                    int n = in.getInt();
                    int start = in.position();
                    int len = Math.max(0, n) * sizes[kind];
                    if (kind == 5 && n > 0) {
                        walk(b, start, start + len, found);
                    }
                    in.position(start + len);
                } else if (kind != 9 && kind != 10) {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        out.addAll(found);
        return true;
    }

    /** Recomputes the SHA-256 trailer so that the mutated body is parsed. */
    static byte[] reseal(byte[] b) {
        if (b.length < 44) {
            return b;
        }
        byte[] r = b.clone();
        byte[] digest = Checkpoint.sha256(Arrays.copyOf(r, r.length - 32));
        System.arraycopy(digest, 0, r, r.length - 32, 32);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"choco", "dac"})
    void checkpointsFailCleanly(String algorithm, @TempDir Path dir) throws IOException {
        List<byte[]> seeds = seeds(dir, algorithm);
        int[] fields = lengthFields(seeds.get(0));
        assertTrue(fields.length > 20, "the walk finds the nested length fields: " + fields.length);
        Path file = dir.resolve(Checkpoint.FILE);
        // an unmutated seed restores and halts: the loop's accepted cases are real restores
        Files.write(file, seeds.get(1));
        assertEquals(5, assertThrows(RunHaltedException.class,
                () -> Runner.resume(dir, Progress.silent(), DATA, 5)).round());
        Fuzz.Outcome o = Fuzz.run("checkpoint, " + algorithm, CASES, (k, rng) -> {
            Fuzz.Case c = Fuzz.mutate(seeds, rng, fields, ByteOrder.BIG_ENDIAN);
            return k % 2 == 0 ? c : new Fuzz.Case(c.how() + ", checksum resealed", reseal(c.bytes()));
        }, c -> {
            try {
                Files.write(file, c.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                Runner.resume(dir, Progress.silent(), DATA, -1);
            } catch (RunHaltedException accepted) {
                return; // restored in full, then stopped before the first round
            }
        }, Fuzz.cleanError(List.of(file.toString()), Checkpoint.CheckpointException.class));
        assertTrue(o.accepted() < o.cases(), o.toString());
    }
}
