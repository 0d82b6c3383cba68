package peerlearn.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import peerlearn.rng.Rng;

/**
 * The standard graph families on agents {@code 0..n-1}. Random families take a seed and are pure
 * functions of (n, parameters, seed). Every graph returned is connected unless its family says
 * otherwise (none here does: disconnected draws are resampled or rejected with an error).
 */
public final class Graphs {
    /** How many Erdős–Rényi or k-regular draws are tried before giving up. */
    public static final int MAX_ATTEMPTS = 1000;

    private Graphs() {}

    /** Cycle 0–1–…–(n−1)–0; n = 1 is a single agent, n = 2 a single edge. */
    public static Graph ring(int n) {
        requireAgents("ring", n, 1);
        List<int[]> e = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            if (j != i) {
                e.add(new int[] {i, j});
            }
        }
        return Graph.fromEdges("ring(" + n + ")", n, e.toArray(int[][]::new));
    }

    /** Path 0–1–…–(n−1). */
    public static Graph chain(int n) {
        requireAgents("chain", n, 1);
        int[][] e = new int[n - 1][];
        for (int i = 0; i + 1 < n; i++) {
            e[i] = new int[] {i, i + 1};
        }
        return Graph.fromEdges("chain(" + n + ")", n, e);
    }

    /**
     * 2-D torus with {@code rows × cols} agents; agent (r, c) has id r·cols + c and is joined to
     * (r±1, c) and (r, c±1) modulo the sides. A side of 2 gives one edge (not a double edge), a
     * side of 1 none, so a 1×n torus is a ring.
     */
    public static Graph torus(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("torus sides must be at least 1, got " + rows + "x" + cols);
        }
        int n = Math.multiplyExact(rows, cols);
        List<int[]> e = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                int down = ((r + 1) % rows) * cols + c;
                int right = r * cols + (c + 1) % cols;
                if (down != i) {
                    e.add(new int[] {i, down});
                }
                if (right != i) {
                    e.add(new int[] {i, right});
                }
            }
        }
        return Graph.fromEdges("torus(" + rows + "x" + cols + ")", n, e.toArray(int[][]::new));
    }

    /** Every pair of agents joined. */
    public static Graph complete(int n) {
        requireAgents("complete graph", n, 1);
        int[][] adj = new int[n][n - 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0, k = 0; j < n; j++) {
                if (j != i) {
                    adj[i][k++] = j;
                }
            }
        }
        return new Graph("complete(" + n + ")", adj);
    }

    /** Agent 0 joined to every other agent. */
    public static Graph star(int n) {
        requireAgents("star", n, 1);
        int[][] e = new int[n - 1][];
        for (int i = 1; i < n; i++) {
            e[i - 1] = new int[] {0, i};
        }
        return Graph.fromEdges("star(" + n + ")", n, e);
    }

    /**
     * Erdős–Rényi G(n, p): each pair joined independently with probability p, redrawn (from the same
     * seeded stream) until connected, at most {@link #MAX_ATTEMPTS} times.
     */
    public static Graph erdosRenyi(int n, double p, long seed) {
        requireAgents("Erdős–Rényi graph", n, 1);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Erdős–Rényi edge probability must be in [0, 1], got " + p);
        }
        Rng rng = Rng.stream(seed, -1, "graph:erdos-renyi");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<int[]> e = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (rng.nextDouble() < p) {
                        e.add(new int[] {i, j});
                    }
                }
            }
            Graph g = Graph.fromEdges("er(" + n + ", " + p + ")", n, e.toArray(int[][]::new));
            if (g.isConnected()) {
                return g;
            }
        }
        throw new IllegalArgumentException("Erdős–Rényi graph with " + n + " agents and p = " + p
                + " was disconnected in all " + MAX_ATTEMPTS + " draws; raise p (connectivity needs p ≳ ln(n)/n = "
                + String.format("%.3g", Math.log(n) / n) + ")");
    }

    /**
     * A uniformly-drawn-ish random k-regular graph by the pairing (configuration) model: n·k stubs
     * are shuffled and paired; draws with self-loops, double edges or disconnection are rejected
     * and redrawn, at most {@link #MAX_ATTEMPTS} times. Needs n·k even and k &lt; n.
     */
    public static Graph randomRegular(int n, int k, long seed) {
        return randomRegular(n, k, Rng.stream(seed, -1, "graph:k-regular"));
    }

    /** As {@link #randomRegular(int, int, long)}, drawing from a given stream. */
    static Graph randomRegular(int n, int k, Rng rng) {
        requireAgents("random regular graph", n, 1);
        if (k < 0 || k >= n && !(n == 1 && k == 0)) {
            throw new IllegalArgumentException("random " + k + "-regular graph needs 0 ≤ k < n, got n = " + n);
        }
        if ((long) n * k % 2 != 0) {
            throw new IllegalArgumentException("random " + k + "-regular graph on " + n + " agents is impossible: n·k must be even");
        }
        if (n > 1 && k == 0 || n > 2 && k == 1) {
            throw new IllegalArgumentException("a " + k + "-regular graph on " + n + " agents is never connected");
        }
        int[] stubs = new int[n * k];
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            for (int s = 0; s < stubs.length; s++) {
                stubs[s] = s / k;
            }
            rng.shuffle(stubs);
            int[][] adj = new int[n][k];
            int[] fill = new int[n];
            boolean ok = true;
            for (int s = 0; s < stubs.length && ok; s += 2) {
                int a = stubs[s], b = stubs[s + 1];
                if (a == b || contains(adj[a], fill[a], b)) {
                    ok = false;
                } else {
                    adj[a][fill[a]++] = b;
                    adj[b][fill[b]++] = a;
                }
            }
            if (ok) {
                Graph g = new Graph("kregular(" + n + ", " + k + ")", adj);
                if (g.isConnected()) {
                    return g;
                }
            }
        }
        throw new IllegalArgumentException("no simple connected random " + k + "-regular graph on " + n
                + " agents in " + MAX_ATTEMPTS + " draws of the pairing model");
    }

    /**
     * Static exponential graph (Ying et al., "Exponential Graph is Provably Efficient for
     * Decentralized Deep Training", NeurIPS 2021, undirected form): i is joined to i ± 2^m mod n
     * for every m with 2^m &lt; n.
     */
    public static Graph exponential(int n) {
        requireAgents("exponential graph", n, 1);
        List<int[]> e = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (long hop = 1; hop < n; hop <<= 1) {
                int j = (int) ((i + hop) % n);
                if (j != i) {
                    e.add(new int[] {i, j});
                }
            }
        }
        return Graph.fromEdges("exponential(" + n + ")", n, e.toArray(int[][]::new));
    }

    /** Complete bipartite K_{a,b}: agents 0..a−1 on one side, a..a+b−1 on the other. */
    public static Graph completeBipartite(int a, int b) {
        if (a < 1 || b < 1) {
            throw new IllegalArgumentException("complete bipartite graph needs both sides ≥ 1, got " + a + " and " + b);
        }
        int[][] e = new int[a * b][];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                e[i * b + j] = new int[] {i, a + j};
            }
        }
        return Graph.fromEdges("bipartite(" + a + "x" + b + ")", a + b, e);
    }

    /**
     * Reads an edge list: one edge {@code i j} per line (whitespace separated, ids from 0), blank
     * lines and lines starting with {@code #} ignored. The number of agents is {@code n} if it is
     * positive (then every id must be below n); otherwise one more than the largest id, and every
     * id from 0 to the largest must then appear in some edge.
     */
    public static Graph fromEdgeFile(Path file, int n) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read edge list " + file + ": " + e.getMessage(), e);
        }
        List<int[]> edges = new ArrayList<>();
        int max = -1;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (ln + 1) + ": ";
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + "expected two agent ids 'i j', got '" + line + "'");
            }
            int[] e = new int[2];
            for (int k = 0; k < 2; k++) {
                try {
                    e[k] = Integer.parseInt(parts[k]);
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(where + "agent id '" + parts[k] + "' is not an integer");
                }
                if (e[k] < 0 || n > 0 && e[k] >= n) {
                    throw new IllegalArgumentException(where + "agent id " + e[k] + " outside [0, "
                            + (n > 0 ? n : "∞") + ")");
                }
                max = Math.max(max, e[k]);
            }
            if (e[0] == e[1]) {
                throw new IllegalArgumentException(where + "self-loop at agent " + e[0]);
            }
            edges.add(e);
        }
        if (n <= 0 && edges.isEmpty()) {
            throw new IllegalArgumentException(file + ": no edges and no agent count given");
        }
        if (n <= 0) {
            // Without a count the agents are 0..max, so each must appear in an edge: otherwise a single
            // id like 2000000000 would size the graph (and its arrays) by a number nobody checked.
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int[] e : edges) {
                seen.add(e[0]);
                seen.add(e[1]);
            }
            if (seen.size() != (long) max + 1) {
                int absent = 0;
                while (seen.contains(absent)) {
                    absent++;
                }
                throw new IllegalArgumentException(file + ": agent ids go up to " + max + " but agent " + absent
                        + " is in no edge (" + seen.size() + " distinct ids); number the agents 0.." + (seen.size() - 1)
                        + " or give the agent count");
            }
        }
        int size = n > 0 ? n : max + 1;
        return Graph.fromEdges("file(" + file.getFileName() + ")", size, edges.toArray(int[][]::new));
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    private static void requireAgents(String what, int n, int min) {
        if (n < min) {
            throw new IllegalArgumentException(what + " needs at least " + min + " agent(s), got " + n);
        }
    }
}
