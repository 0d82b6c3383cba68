package peerlearn.testkit;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import peerlearn.graph.Graph;
import peerlearn.rng.Rng;

/**
 * QuickTheories generators of connected graphs: every family peerlearn builds plus random trees
 * with extra edges (irregular degrees), sizes from 1 agent up.
 */
public final class Graphs {
    private Graphs() {}

    /** Connected graphs on 1..maxAgents agents, mixing all families. */
    public static Gen<Graph> connected(int maxAgents) {
        return integers().between(1, maxAgents).zip(integers().between(0, 9), longs().all(), Graphs::build);
    }

    /** Connected regular graphs (ring, torus, complete, k-regular, exponential on 2^m agents). */
    public static Gen<Graph> regular(int maxAgents) {
        return integers().between(1, maxAgents).zip(integers().between(0, 4), longs().all(), (n, f, seed) -> switch (f) {
            case 0 -> peerlearn.graph.Graphs.ring(n);
            case 1 -> peerlearn.graph.Graphs.complete(n);
            case 2 -> peerlearn.graph.Graphs.torus(Math.max(1, n / 3), 3);
            case 3 -> n >= 4 && n % 2 == 0 ? peerlearn.graph.Graphs.randomRegular(n, 3, seed) : peerlearn.graph.Graphs.ring(n);
            default -> peerlearn.graph.Graphs.exponential(Integer.highestOneBit(n));
        });
    }

    /** One graph of family {@code f} on n agents. */
    public static Graph build(int n, int f, long seed) {
        return switch (f) {
            case 0 -> peerlearn.graph.Graphs.ring(n);
            case 1 -> peerlearn.graph.Graphs.chain(n);
            case 2 -> peerlearn.graph.Graphs.star(n);
            case 3 -> peerlearn.graph.Graphs.complete(n);
            case 4 -> peerlearn.graph.Graphs.exponential(n);
            case 5 -> peerlearn.graph.Graphs.torus(Math.max(1, n / 4), 4);
            case 6 -> n < 2 ? peerlearn.graph.Graphs.ring(n) : peerlearn.graph.Graphs.completeBipartite(n / 2, n - n / 2);
            case 7 -> peerlearn.graph.Graphs.erdosRenyi(n, Math.min(1, 3.0 / Math.max(1, n) + 0.2), seed);
            default -> randomTree(n, seed, f == 9 ? n : 0);
        };
    }

    /** A uniformly random recursive tree plus {@code extra} random extra edges: connected, irregular. */
    public static Graph randomTree(int n, long seed, int extra) {
        Rng rng = new Rng(seed);
        List<int[]> e = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            e.add(new int[] {i, rng.nextInt(i)});
        }
        for (int t = 0; t < extra && n > 1; t++) {
            int a = rng.nextInt(n), b = rng.nextInt(n);
            if (a != b) {
                e.add(new int[] {a, b});
            }
        }
        return Graph.fromEdges("tree(" + n + ", +" + extra + ")", n, e.toArray(int[][]::new));
    }
}
