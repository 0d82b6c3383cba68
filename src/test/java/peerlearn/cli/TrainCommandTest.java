package peerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrainCommandTest {
    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheFlags() {
        Result r = run("train", "--help");
        assertEquals(0, r.code());
        for (String flag : new String[] {"--model", "--epochs", "--batch", "--lr", "--momentum", "--nesterov", "--optimizer",
                "--schedule", "--seed", "--data"}) {
            assertTrue(r.out().contains(flag), flag);
        }
        assertTrue(run("--help").out().contains("train"));
    }

    @Test
    void badFlagsAreUsageErrors() {
        Result r = run("train", "--epochz", "3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown flag --epochz"), r.err());
        r = run("train", "--lr", "fast");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--lr needs a number, got 'fast'"), r.err());
        r = run("train", "--batch", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--batch must be a positive whole number"), r.err());
        r = run("train", "--embedded", "--model", "resnet56");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown model 'resnet56'"), r.err());
        r = run("train", "--epochs");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--epochs needs a value"), r.err());
    }

    @Test
    void aTinyRunPrintsOneLinePerEpoch() {
        Result r = run("train", "--embedded", "--model", "mlp", "--limit", "256", "--epochs", "2", "--batch", "64", "--lr", "0.05");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("epoch 1/2"), r.out());
        assertTrue(r.out().contains("epoch 2/2"), r.out());
        assertTrue(r.err().contains("samples/s ETA"), r.err());
    }
}
