package peerlearn.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphsTest {
    @TempDir
    Path dir;

    @Test
    void ringHasDegreeTwoAndDiameterHalfN() {
        Graph g = Graphs.ring(6);
        assertEquals(6, g.edgeCount());
        assertArrayEquals(new int[] {1, 5}, g.neighbours(0));
        assertEquals(3, g.diameter());
        assertTrue(g.isRegular());
        assertEquals(0, Graphs.ring(1).edgeCount());
        assertEquals(1, Graphs.ring(2).edgeCount());
        assertEquals(3, Graphs.ring(3).edgeCount());
    }

    @Test
    void chainStarCompleteHaveTheirTextbookShapes() {
        assertEquals(4, Graphs.chain(5).diameter());
        assertEquals(4, Graphs.chain(5).edgeCount());
        Graph star = Graphs.star(5);
        assertEquals(4, star.degree(0));
        assertEquals(1, star.degree(3));
        assertEquals(2, star.diameter());
        assertEquals(10, Graphs.complete(5).edgeCount());
        assertEquals(1, Graphs.complete(5).diameter());
    }

    @Test
    void torusFourByFourIsFourRegularWithDiameterFour() {
        Graph g = Graphs.torus(4, 4);
        assertEquals(16, g.size());
        assertEquals(32, g.edgeCount());
        assertTrue(g.isRegular());
        assertEquals(4, g.minDegree());
        assertEquals(4, g.diameter());
        // agent (1, 2) = 6 joins (0,2)=2, (2,2)=10, (1,1)=5, (1,3)=7
        assertArrayEquals(new int[] {2, 5, 7, 10}, g.neighbours(6));
        assertEquals(3, Graphs.torus(2, 3).minDegree()); // side 2 gives one edge, not two
    }

    @Test
    void exponentialGraphJoinsPowersOfTwo() {
        Graph g = Graphs.exponential(8);
        // hops 1, 2, 4 both ways: ±1, ±2, 4 ≡ −4 → degree 5
        assertArrayEquals(new int[] {1, 2, 4, 6, 7}, g.neighbours(0));
        assertEquals(2, g.diameter());
    }

    @Test
    void completeBipartiteJoinsOnlyAcrossSides() {
        Graph g = Graphs.completeBipartite(2, 3);
        assertArrayEquals(new int[] {2, 3, 4}, g.neighbours(0));
        assertArrayEquals(new int[] {0, 1}, g.neighbours(4));
        assertEquals(6, g.edgeCount());
    }

    @Test
    void randomFamiliesAreSeededAndConnected() {
        Graph a = Graphs.erdosRenyi(30, 0.2, 7), b = Graphs.erdosRenyi(30, 0.2, 7), c = Graphs.erdosRenyi(30, 0.2, 8);
        assertTrue(a.isConnected());
        for (int i = 0; i < 30; i++) {
            assertArrayEquals(a.neighbours(i), b.neighbours(i));
        }
        assertNotEquals(a.edgeCount() + ":" + java.util.Arrays.deepToString(neighbours(a)),
                c.edgeCount() + ":" + java.util.Arrays.deepToString(neighbours(c)));
        Graph k = Graphs.randomRegular(20, 4, 3);
        assertTrue(k.isConnected());
        assertEquals(4, k.minDegree());
        assertEquals(4, k.maxDegree());
    }

    @Test
    void impossibleRandomGraphsFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> Graphs.erdosRenyi(10, 0.0, 1));
        assertTrue(e.getMessage().contains("disconnected in all 1000 draws"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Graphs.randomRegular(5, 3, 1));
        assertTrue(e.getMessage().contains("n·k must be even"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Graphs.erdosRenyi(10, 1.5, 1));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void edgeFileIsReadAndItsErrorsNameFileAndLine() throws IOException {
        Path ok = Files.writeString(dir.resolve("g.txt"), "# a triangle plus a tail\n0 1\n1 2\n\n2 0\n2 3\n");
        Graph g = Graphs.fromEdgeFile(ok, 0);
        assertEquals(4, g.size());
        assertEquals(4, g.edgeCount());
        Path bad = Files.writeString(dir.resolve("bad.txt"), "0 1\n1 x\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Graphs.fromEdgeFile(bad, 0));
        assertTrue(e.getMessage().contains("bad.txt:2:") && e.getMessage().contains("'x'"), e.getMessage());
        Path three = Files.writeString(dir.resolve("three.txt"), "0 1 2\n");
        e = assertThrows(IllegalArgumentException.class, () -> Graphs.fromEdgeFile(three, 0));
        assertTrue(e.getMessage().contains("three.txt:1:"), e.getMessage());
        Path range = Files.writeString(dir.resolve("range.txt"), "0 1\n1 9\n");
        e = assertThrows(IllegalArgumentException.class, () -> Graphs.fromEdgeFile(range, 4));
        assertTrue(e.getMessage().contains("range.txt:2:") && e.getMessage().contains("9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Graphs.fromEdgeFile(dir.resolve("missing.txt"), 0));
        assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
    }

    @Test
    void specsParseToTheFamilies() {
        assertEquals(16, TopologySpec.graph("torus:4x4", 16, 0).edgeCount() / 2);
        assertEquals(16, TopologySpec.graph("torus", 16, 0).size());
        assertEquals(2, TopologySpec.graph("ring", 10, 0).maxDegree());
        assertEquals(4, TopologySpec.graph("kregular:4", 10, 1).minDegree());
        assertTrue(TopologySpec.graph("er:0.5", 10, 1).isConnected());
        assertEquals(5, TopologySpec.graph("exponential", 8, 0).minDegree());
        assertEquals(9, TopologySpec.graph("complete", 10, 0).minDegree());
        var e = assertThrows(IllegalArgumentException.class, () -> TopologySpec.graph("torus:4x4", 10, 0));
        assertTrue(e.getMessage().contains("16 agents but 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopologySpec.graph("hypertorus", 10, 0));
        assertTrue(e.getMessage().contains("unknown topology 'hypertorus'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopologySpec.graph("er", 10, 0));
        assertTrue(e.getMessage().contains("needs an edge probability"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopologySpec.graph("torus", 10, 0));
        assertTrue(e.getMessage().contains("square number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopologySpec.mixing("relaxed:2"));
        assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
        Topology t = TopologySpec.topology("ring", "uniform", 5, 0);
        assertEquals(1.0 / 3, t.at(0).selfWeight(0), 1e-15);
    }

    private static int[][] neighbours(Graph g) {
        int[][] a = new int[g.size()][];
        for (int i = 0; i < g.size(); i++) {
            a[i] = g.neighbours(i);
        }
        return a;
    }
}
