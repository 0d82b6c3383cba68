package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerlearn.testkit.ChildJvm;

class KernelsTest {

    @Test
    void testsRunWithTheVectorApi() {
        assertTrue(Kernels.vectorApi(), "the test JVM is started with --add-modules jdk.incubator.vector");
        assertTrue(Kernels.describe().startsWith("Vector API, Species[float"), Kernels.describe());
    }

    /**
     * A JVM without the incubator module falls back to the scalar twins, says so in exactly one
     * stderr line, never loads a class that names a vector type, and computes the same bits.
     */
    @Test
    void aRuntimeWithoutTheVectorModuleUsesTheScalarTwinsAndGetsTheSameBits(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path classLog = dir.resolve("classes.log");
        ChildJvm.Output child = ChildJvm.run(dir, List.of("-Xshare:auto", "-Xlog:class+load=info:file=" + classLog),
                ScalarFallbackProbe.class);
        assertEquals(List.of("vectorApi=false", ScalarFallbackProbe.results()), child.stdout());
        List<String> stderr = child.stderr();
        assertEquals(1, stderr.size(), "stderr: " + stderr);
        assertTrue(stderr.get(0).contains("using the scalar kernels"), stderr.get(0));
        List<String> loaded = Files.readAllLines(classLog).stream()
                .filter(l -> l.contains("jdk.incubator.vector") || l.contains("kernel.Simd")).toList();
        assertEquals(List.of(), loaded);
    }
}
