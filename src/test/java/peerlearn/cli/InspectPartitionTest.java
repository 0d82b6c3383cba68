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

class InspectPartitionTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheClassHistogramAndWritesTheHeatMap(@TempDir Path tmp) throws Exception {
        Path svg = tmp.resolve("p.svg");
        Result r = run("inspect", "partition", "--partition", "skew", "--agents", "5", "--data", "testdata/data/fmnist-mini",
                "--svg", svg.toString());
        assertEquals(0, r.code(), r.err());
        // fmnist-mini holds 2 training samples per class: skew over 5 agents gives classes {2i, 2i+1}.
        assertTrue(r.out().contains("     0       0      4      2 |     2     2     0"), r.out());
        assertTrue(r.out().contains("     4       0      4      2 |     0     0     0     0     0     0     0     0     2     2"), r.out());
        assertTrue(r.out().contains("train per agent: min 4, mean 4.0, max 4; test per agent: min 2, mean 2.0, max 2; "
                + "classes with ≥ 5% of an agent's samples: 2.00 on average"), r.out());
        assertTrue(Files.readString(svg).startsWith("<svg"));
    }

    @Test
    void badSpecsAndFlagsAreUsageErrors() {
        Result r = run("inspect", "partition", "--partition", "dirichlet:x", "--data", "testdata/data/fmnist-mini");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("α must be a number, got 'x'"), r.err());
        assertEquals(2, run("inspect", "partition", "--agents", "3").code());
        assertEquals(2, run("inspect", "partition", "--partition", "iid", "--frobnicate", "1").code());
        assertEquals(2, run("inspect", "topology-that-does-not-exist").code());
        assertEquals(2, run("inspect", "partition", "--partition", "iid", "--data", "cifar10:").code());
    }

    @Test
    void readsCifarThroughTheDataSpec() {
        Result r = run("inspect", "partition", "--partition", "iid", "--agents", "2", "--data", "cifar10:testdata/data/cifar10-mini");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data: CIFAR-10 from testdata/data/cifar10-mini (11 train, 2 test)"), r.out());
    }
}
