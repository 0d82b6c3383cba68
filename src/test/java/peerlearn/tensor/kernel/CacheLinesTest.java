package peerlearn.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerlearn.testkit.ChildJvm;

class CacheLinesTest {

    @Test
    void testsRunWithAddressesKnown() {
        assertTrue(CacheLines.known(), "the test JVM is started with --enable-native-access=ALL-UNNAMED");
        assertTrue(Kernels.describe().endsWith(", packed panels on cache lines"), Kernels.describe());
    }

    /**
     * Each float further into an array is one float nearer the next line: the answers for the
     * array and for its slices from 0 to 47 floats in agree on where the lines are, to the byte.
     */
    @Test
    void theFloatsToALineCountDownAcrossTheArray() {
        float[] x = new float[1000];
        MemorySegment whole = MemorySegment.ofArray(x);
        int lead = CacheLines.floatsToLine(whole);
        assertTrue(lead >= 0 && lead < 16, "lead " + lead);
        for (int f = 0; f < 48; f++) {
            assertEquals(Math.floorMod(lead - f, 16), CacheLines.floatsToLine(whole.asSlice((long) f * Float.BYTES)),
                    "slice " + f + " floats in");
        }
    }

    @Test
    void aWorkspaceLeadOutsideALineIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GemmWorkspace(16));
        assertEquals("lead of the B panels: 0 to 15 floats, got 16", e.getMessage());
    }

    /**
     * A JVM without native access learns no address, prints nothing about it (no warning of a
     * restricted method either), and computes the same bits.
     */
    @Test
    void aRuntimeWithoutNativeAccessPacksFromTheArraysStartAndGetsTheSameBits(@TempDir Path dir)
            throws IOException, InterruptedException {
        ChildJvm.Output child = ChildJvm.run(dir, List.of("--add-modules", "jdk.incubator.vector"), Probe.class);
        assertEquals(List.of("known=false lead=0",
                "Vector API, " + FloatVector.SPECIES_PREFERRED + ", packed panels wherever the heap puts them (no native access)",
                ScalarFallbackProbe.results()), child.stdout());
        assertEquals(List.of(), child.stderr().stream()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList());
    }

    /** Run by the test above: whether addresses are known, then the kernels' fingerprint. */
    static final class Probe {
        public static void main(String[] args) {
            System.out.println("known=" + CacheLines.known() + " lead="
                    + CacheLines.floatsToLine(MemorySegment.ofArray(new float[100])));
            System.out.println(Kernels.describe());
            System.out.println(ScalarFallbackProbe.results());
        }
    }
}
