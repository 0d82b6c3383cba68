package peerlearn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerlearn.testkit.Fuzz;

/**
 * Hostile graph files: edge lists ({@link Graphs#fromEdgeFile}, and {@code file:PATH} topologies
 * with their connectivity check) and explicit mixing matrices ({@code matrix:PATH}), random and
 * mutated from valid files at the byte and the token level. The only accepted failure is an
 * {@link IllegalArgumentException} whose message names the file.
 */
class GraphFilesFuzzTest {
    private static final int CASES = Fuzz.cases(1000);

    private static final List<String> EDGE_LISTS = List.of(
            "# ring of 6\n0 1\n1 2\n2 3\n\n3 4\n4 5\n5 0\n",
            "0 1\n0 2\n0 3\n0 4\n0 5\n1\t2\n",
            "# a chain\n0   1\n1 2\n2 3\n3 4\n4 5");

    /** Metropolis–Hastings weights of a 4-ring, and of a 4-star, written two ways. */
    private static final List<String> MATRICES = List.of(
            "# 4-ring\n0.3333333333333333 0.3333333333333333 0 0.3333333333333333\n"
                    + "0.3333333333333333 0.3333333333333333 0.3333333333333333 0\n"
                    + "0 0.3333333333333333 0.3333333333333333 0.3333333333333333\n"
                    + "0.3333333333333333 0 0.3333333333333333 0.3333333333333333\n",
            "0.25,0.25,0.25,0.25\n0.25,0.75,0,0\n0.25,0,0.75,0\n0.25,0,0,0.75\n");

    @Test
    void edgeListsFailCleanly(@TempDir Path dir) {
        Path file = dir.resolve("fuzz-edges.txt");
        Fuzz.Outcome o = Fuzz.run("edge list", CASES, (k, rng) -> Fuzz.mutateText(EDGE_LISTS, rng), c -> {
            Files.write(file, c.bytes());
            int n = c.bytes().length % 3 == 0 ? 0 : 6;
            Graph g = Graphs.fromEdgeFile(file, n);
            assertTrue(n == 0 || g.size() == n);
            if (c.bytes().length % 2 == 0) {
                Topology t = TopologySpec.topology("file:" + file, "metropolis", 6, 1);
                assertEquals(6, t.size());
            }
        }, Fuzz.cleanError(List.of(file.toString()), IllegalArgumentException.class));
        assertTrue(o.accepted() > 0 && o.accepted() < o.cases(), o.toString());
    }

    /**
     * Found by the fuzzer: without an agent count, id 2147483647 made the size max + 1 overflow
     * (NegativeArraySizeException), and any large id sized the graph's arrays by itself.
     */
    @Test
    void idsThatWouldSizeTheGraphAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sparse.txt");
        for (String big : new String[] {"2147483647", "2000000000", "3"}) {
            Files.writeString(file, "0 1\n1 " + big + "\n");
            var t = com.sun.management.ThreadMXBean.class.cast(java.lang.management.ManagementFactory.getThreadMXBean());
            long before = t.getCurrentThreadAllocatedBytes();
            String e = assertThrows(IllegalArgumentException.class, () -> Graphs.fromEdgeFile(file, 0)).getMessage();
            assertTrue(t.getCurrentThreadAllocatedBytes() - before < Fuzz.allocationBudget(Files.size(file)));
            assertTrue(e.contains(file.toString()) && e.contains("up to " + big) && e.contains("agent 2 is in no edge"), e);
        }
        assertEquals(3, Graphs.fromEdgeFile(file, 4).size() - 1, "with a count, unlisted agents are allowed");
    }

    /** Found by the fuzzer: validation errors of a matrix file named it "file(NAME)" without its path. */
    @Test
    void matrixValidationErrorsNameThePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.txt");
        Files.writeString(file, "0.5 0.5\n0.5 0.4\n");
        String e = assertThrows(IllegalArgumentException.class, () -> TopologySpec.topology("matrix:" + file, null, 2, 1))
                .getMessage();
        assertTrue(e.contains(file.toString()) && e.contains("row 1 sums to 0.9"), e);
    }

    @Test
    void mixingMatrixFilesFailCleanly(@TempDir Path dir) {
        Path file = dir.resolve("fuzz-w.txt");
        Fuzz.Outcome o = Fuzz.run("mixing matrix", CASES, (k, rng) -> Fuzz.mutateText(MATRICES, rng), c -> {
            Files.write(file, c.bytes());
            Topology t = TopologySpec.topology("matrix:" + file, null, 4, 1);
            assertEquals(4, t.size());
        }, Fuzz.cleanError(List.of(file.toString()), IllegalArgumentException.class));
        assertTrue(o.accepted() > 0 && o.accepted() < o.cases(), o.toString());
    }
}
