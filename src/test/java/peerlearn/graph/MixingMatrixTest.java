package peerlearn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixingMatrixTest {
    @TempDir
    Path dir;

    @Test
    void metropolisOnAStarByHand() {
        // star(4): hub degree 3, leaves degree 1 → w_hub,leaf = 1/(1+3) = 1/4, w_hub,hub = 1/4, w_leaf,leaf = 3/4
        MixingMatrix w = MixingMatrix.metropolisHastings(Graphs.star(4));
        assertEquals(0.25, w.weight(0, 2), 0);
        assertEquals(0.25, w.selfWeight(0), 0);
        assertEquals(0.75, w.selfWeight(3), 0);
        assertEquals(0.0, w.weight(1, 2), 0);
    }

    @Test
    void lazyAndRelaxedByHand() {
        MixingMatrix w = MixingMatrix.metropolisHastings(Graphs.ring(4)); // 1/3 everywhere on the ring
        assertEquals(2.0 / 3, w.lazy().selfWeight(0), 1e-15);
        assertEquals(1.0 / 6, w.lazy().weight(0, 1), 1e-15);
        assertEquals(0.9 + 0.1 / 3, w.relaxed(0.1).selfWeight(0), 1e-15);
    }

    @Test
    void uniformOnAStarIsNotColumnStochasticAndSaysWhy() {
        var e = assertThrows(IllegalArgumentException.class, () -> MixingMatrix.uniform(Graphs.star(4)).validate(1e-12));
        assertTrue(e.getMessage().contains("uniform: not symmetric"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> MixingMatrix.uniform(Graphs.star(4)).requireDoublyStochastic(1e-12));
        assertTrue(e2.getMessage().contains("column 0 sums to") && e2.getMessage().contains("regular graphs"), e2.getMessage());
    }

    @Test
    void disconnectedGraphIsRejected() {
        Graph g = Graph.fromEdges("two pairs", 4, new int[][] {{0, 1}, {2, 3}});
        var e = assertThrows(IllegalArgumentException.class, () -> MixingMatrix.metropolisHastings(g).validate(1e-12));
        assertTrue(e.getMessage().contains("disconnected (agent 2 cannot be reached from agent 0)"), e.getMessage());
    }

    @Test
    void explicitMatrixFromFile() throws IOException {
        Path f = Files.writeString(dir.resolve("w.txt"), "# lazy path of three\n0.5 0.5 0\n0.5 0 0.5\n0 0.5 0.5\n");
        MixingMatrix w = MixingMatrix.fromFile(f).validate(1e-12);
        assertEquals(3, w.size());
        assertEquals(2, w.graph().edgeCount());
        assertEquals(0.5, w.weight(1, 2), 0);

        Path rows = Files.writeString(dir.resolve("rows.txt"), "0.6 0.5\n0.5 0.5\n");
        var e = assertThrows(IllegalArgumentException.class, () -> MixingMatrix.fromFile(rows).validate(1e-9));
        assertTrue(e.getMessage().contains("not symmetric") || e.getMessage().contains("row 0 sums to 1.1"), e.getMessage());
        Path neg = Files.writeString(dir.resolve("neg.txt"), "1.5 -0.5\n-0.5 1.5\n");
        e = assertThrows(IllegalArgumentException.class, () -> MixingMatrix.fromFile(neg).validate(1e-9));
        assertTrue(e.getMessage().contains("w[0][1] = -0.5 is negative"), e.getMessage());
        Path ragged = Files.writeString(dir.resolve("ragged.txt"), "1 0\n0\n");
        e = assertThrows(IllegalArgumentException.class, () -> MixingMatrix.fromFile(ragged));
        assertTrue(e.getMessage().contains("ragged.txt:2: row 1 has 1 entries, expected 2"), e.getMessage());
        Path directed = Files.writeString(dir.resolve("directed.txt"), "0.5 0.5\n0 1\n");
        e = assertThrows(IllegalArgumentException.class, () -> MixingMatrix.fromFile(directed));
        assertTrue(e.getMessage().contains("must be undirected"), e.getMessage());
        Path word = Files.writeString(dir.resolve("word.txt"), "1 zero\n0 1\n");
        e = assertThrows(IllegalArgumentException.class, () -> MixingMatrix.fromFile(word));
        assertTrue(e.getMessage().contains("word.txt:1: entry 2 'zero'"), e.getMessage());
    }
}
