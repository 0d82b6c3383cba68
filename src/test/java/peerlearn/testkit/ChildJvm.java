package peerlearn.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM started from the test's own {@code java} and class path with other options, for tests of
 * what a runtime started differently does (no Vector API module, no native access).
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** What the child printed, line by line. */
    public record Output(List<String> stdout, List<String> stderr) {}

    /**
     * Runs {@code main} with {@code options} before the class path, its output kept in files under
     * {@code dir}; fails the test, showing the child's stderr, unless it exits with 0.
     */
    public static Output run(Path dir, List<String> options, Class<?> main) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Path out = dir.resolve(main.getSimpleName() + ".out");
        Path err = dir.resolve(main.getSimpleName() + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int status = p.waitFor();
        assertEquals(0, status, () -> "child JVM " + command + " failed:\n" + readOrSay(err));
        return new Output(Files.readAllLines(out), Files.readAllLines(err));
    }

    private static String readOrSay(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }
}
