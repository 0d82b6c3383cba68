package peerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandsTest {
    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandHasHelp() {
        for (Command c : Main.commands()) {
            Outcome o = run(c.name(), "--help");
            assertEquals(0, o.code(), c.name());
            assertTrue(o.out().contains("usage: tools/peerlearn " + c.name().split(" ")[0]), c.name() + ": " + o.out());
        }
    }

    @Test
    void unknownFlagExitsTwoNamingIt() {
        Outcome o = run("run", "--agnets", "4");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--agnets"), o.err());
    }

    @Test
    void badValueExitsTwoNamingKeyAndValue() {
        Outcome o = run("run", "--agents", "many");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("agents = 'many'"), o.err());
        assertEquals(2, run("run", "--agents").code(), "a flag without its value");
        assertEquals(2, run("run", "--param", "gamma").code(), "--param without '='");
        assertEquals(2, run("compare", "--algorithms", "local,allreduce", "--param", "gamma=0.5").code(),
                "a parameter no compared algorithm declares");
        assertEquals(2, run("demo", "--topology", "moebius").code());
    }

    @Test
    void runWritesItsFolderAndSaysWhere(@TempDir Path dir) throws Exception {
        Outcome o = run("run", "--data", "quadratic", "--agents", "3", "--rounds", "5", "--quiet", "--out", dir.toString(),
                "--algorithm", "dsgdm-n", "--param", "beta=0.5");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("report: "), o.out());
        for (String f : new String[] {"metrics.csv", "summary.json", "config.properties", "report.html"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(Files.readString(dir.resolve("config.properties")).contains("algo.beta=0.5"));
    }

    @Test
    void compareRunsEachAlgorithmOnTheSameProblem(@TempDir Path dir) throws Exception {
        Outcome o = run("compare", "--algorithms", "dpsgd,local,fedavg", "--data", "quadratic", "--agents", "4",
                "--rounds", "6", "--param", "local_steps=2", "--quiet", "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        assertTrue(Files.readString(dir.resolve("fedavg/config.properties")).contains("algo.local_steps=2"));
        assertTrue(!Files.readString(dir.resolve("dpsgd/config.properties")).contains("algo.local_steps"));
    }

    @Test
    void divergenceExitsOneWithItsMessage(@TempDir Path dir) {
        Outcome o = run("run", "--data", "quadratic", "--lr", "50", "--rounds", "300", "--quiet", "--out", dir.toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("diverged: agent "), o.err());
    }
}
