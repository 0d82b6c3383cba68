package peerlearn.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerlearn.experiment.Checkpoint.CheckpointException;

/**
 * The checkpoint file: what is refused and how the message says so (another configuration,
 * another peerlearn version, another format, damaged, truncated, not a checkpoint, a state that
 * does not fit the run), and the atomic write (a crash mid-write leaves the previous checkpoint).
 */
class CheckpointFileTest {
    private static final DataSets DATA = new DataSets();

    /** A stopped quadratic run with a checkpoint after round 6 in {@code dir}. */
    static Path stoppedRun(Path dir, String algorithm) {
        ExperimentConfig c = ExperimentConfig.of(Map.of("algorithm", algorithm, "data", "quadratic", "agents", "4",
                "quadratic.dim", "3", "quadratic.noise", "0.2", "rounds", "12", "eval_every", "4", "checkpoint_every", "3",
                "faults", "drop:0.1"));
        assertThrows(RunHaltedException.class, () -> Runner.run(c, Progress.silent(), DATA, dir, 7));
        return dir.resolve(Checkpoint.FILE);
    }

    private static String resumeError(Path dir) {
        return assertThrows(CheckpointException.class, () -> Runner.resume(dir, Progress.silent(), DATA, Runner.NEVER))
                .getMessage();
    }

    @Test
    void anotherConfigurationIsRefusedNamingEveryKeyThatDiffers(@TempDir Path dir) throws IOException {
        Path file = stoppedRun(dir, "dpsgd");
        Path config = dir.resolve("config.properties");
        String text = Files.readString(config);
        Files.writeString(config, text.replace("\nlr=0.05\n", "\nlr=0.1\n").replace("\nseed=1\n", "\nseed=2\n"));
        String e = resumeError(dir);
        assertTrue(e.startsWith("checkpoint " + file + " is from another configuration: "), e);
        assertTrue(e.contains("lr = '0.05' in the checkpoint, '0.1' in " + config), e);
        assertTrue(e.contains("seed = '1' in the checkpoint, '2' in " + config), e);
    }

    @Test
    void theCheckpointKeysMayDiffer(@TempDir Path dir) throws IOException {
        stoppedRun(dir, "dpsgd");
        Path config = dir.resolve("config.properties");
        Files.writeString(config, Files.readString(config).replace("checkpoint_every=3", "checkpoint_every=5"));
        RunResult r = Runner.resume(dir, Progress.silent(), DATA, Runner.NEVER);
        assertEquals(12, r.last().round());
    }

    @Test
    void anotherVersionIsRefusedNamingBoth(@TempDir Path dir) throws IOException {
        Path file = stoppedRun(dir, "dpsgd");
        Checkpoint.Contents ck = Checkpoint.read(file);
        Files.write(file, Checkpoint.encode("0.0.9", ck.config(), ck.roundsDone(), ck.payload()));
        assertEquals("checkpoint " + file + " was written by peerlearn 0.0.9, this is peerlearn "
                + Checkpoint.PEERLEARN_VERSION + "; resume it with that version or start the run again", resumeError(dir));
    }

    @Test
    void anotherFormatIsRefused(@TempDir Path dir) throws IOException {
        Path file = stoppedRun(dir, "dpsgd");
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).putInt(8, 2);
        Files.write(file, b);
        assertEquals("checkpoint " + file + ": checkpoint format version 2, this peerlearn reads version 1",
                resumeError(dir));
    }

    @Test
    void aCorruptedByteIsACheckSumMismatch(@TempDir Path dir) throws IOException {
        Path file = stoppedRun(dir, "choco");
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x10;
        Files.write(file, b);
        String e = resumeError(dir);
        assertTrue(e.startsWith("checkpoint " + file + ": checksum mismatch"), e);
        assertTrue(e.contains("corrupted or truncated"), e);
    }

    @Test
    void aTruncatedFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = stoppedRun(dir, "choco");
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length - 100));
        assertTrue(resumeError(dir).contains(": checksum mismatch"));
        Files.write(file, Arrays.copyOf(b, 20));
        assertEquals("checkpoint " + file + ": truncated: 20 bytes, a checkpoint has at least 44", resumeError(dir));
        Files.write(file, new byte[0]);
        assertTrue(resumeError(dir).contains("truncated: 0 bytes"));
    }

    @Test
    void somethingElseIsNotACheckpoint(@TempDir Path dir) throws IOException {
        Path file = stoppedRun(dir, "dpsgd");
        Files.writeString(file, "round,epoch,wall_seconds\n".repeat(4));
        assertEquals("checkpoint " + file + ": not a peerlearn checkpoint (it starts with 726f756e642c6570)",
                resumeError(dir));
    }

    @Test
    void aMissingCheckpointIsNamed(@TempDir Path dir) throws IOException {
        Path file = stoppedRun(dir, "dpsgd");
        Files.delete(file);
        assertEquals("no checkpoint " + file + " (was the run started with --checkpoint-every K?)", resumeError(dir));
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        String e = assertThrows(IllegalArgumentException.class,
                () -> Runner.resume(empty, Progress.silent(), DATA, Runner.NEVER)).getMessage();
        assertEquals(empty + " is not a run folder with a checkpoint: no config.properties", e);
    }

    /** Intact and of this configuration, but holding another algorithm's state: refused naming the entry. */
    @Test
    void aStateThatDoesNotFitIsRefusedNamingTheEntry(@TempDir Path dir) throws IOException {
        Path file = stoppedRun(dir.resolve("a"), "dpsgd");
        Checkpoint.Contents other = Checkpoint.read(stoppedRun(dir.resolve("b"), "dsgdm-n"));
        Checkpoint.Contents mine = Checkpoint.read(file);
        Files.write(file, Checkpoint.encode(Checkpoint.PEERLEARN_VERSION, mine.config(), mine.roundsDone(),
                other.payload()));
        String e = resumeError(dir.resolve("a"));
        assertTrue(e.startsWith("checkpoint " + file + ": the run's state does not fit: agent 0: state entry program/"), e);
        assertTrue(e.contains("expected "), e);
    }

    @Test
    void aCrashMidWriteLeavesThePreviousCheckpoint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(Checkpoint.FILE);
        Map<String, String> config = new LinkedHashMap<>(Map.of("algorithm", "dpsgd"));
        byte[] first = Checkpoint.encode(Checkpoint.PEERLEARN_VERSION, config, 3, new byte[] {1, 2, 3});
        byte[] second = Checkpoint.encode(Checkpoint.PEERLEARN_VERSION, config, 6, new byte[5000]);
        Checkpoint.write(file, first);
        for (long crash : new long[] {0, 1, 12, second.length / 2, second.length - 1}) {
            IOException e = assertThrows(IOException.class, () -> Checkpoint.write(file, second, crash));
            assertTrue(e.getMessage().startsWith("simulated crash after " + crash), e.getMessage());
            assertArrayEquals(first, Files.readAllBytes(file), "after a crash at byte " + crash);
            assertEquals(3, Checkpoint.read(file).roundsDone());
            assertEquals(crash, Files.size(dir.resolve(Checkpoint.FILE + ".tmp")), "the torn temporary file");
        }
        Checkpoint.write(file, second);
        assertEquals(6, Checkpoint.read(file).roundsDone());
        assertFalse(Files.exists(dir.resolve(Checkpoint.FILE + ".tmp")), "renamed, not copied");
    }

    /** A torn temporary file written at a checkpoint is what a real kill leaves; resume ignores it. */
    @Test
    void aTornTemporaryFileDoesNotStopAResume(@TempDir Path dir) throws IOException {
        stoppedRun(dir, "dpsgd");
        Files.write(dir.resolve(Checkpoint.FILE + ".tmp"), new byte[] {1, 2, 3});
        assertEquals(12, Runner.resume(dir, Progress.silent(), DATA, Runner.NEVER).last().round());
    }

    @Test
    void theVersionIsThePoms() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<artifactId>peerlearn</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "pom.xml has peerlearn's version");
        assertEquals(m.group(1), Checkpoint.PEERLEARN_VERSION);
    }
}
