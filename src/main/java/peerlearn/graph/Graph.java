package peerlearn.graph;

import java.util.Arrays;

/**
 * An undirected simple graph on agents {@code 0..n-1}. {@code neighbours(i)} is N(i): sorted
 * ascending, without i itself. Immutable.
 */
public final class Graph {
    private final String name;
    private final int[][] neighbours;

    /** From adjacency lists; they are sorted, checked for symmetry, self-loops and range. */
    public Graph(String name, int[][] adjacency) {
        this.name = name;
        int n = adjacency.length;
        this.neighbours = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] row = adjacency[i].clone();
            Arrays.sort(row);
            for (int k = 0; k < row.length; k++) {
                int j = row[k];
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException(name + ": agent " + i + " has neighbour " + j + " outside [0, " + n + ")");
                }
                if (j == i) {
                    throw new IllegalArgumentException(name + ": agent " + i + " lists itself as a neighbour");
                }
                if (k > 0 && row[k - 1] == j) {
                    throw new IllegalArgumentException(name + ": agent " + i + " lists neighbour " + j + " twice");
                }
            }
            neighbours[i] = row;
        }
        for (int i = 0; i < n; i++) {
            for (int j : neighbours[i]) {
                if (Arrays.binarySearch(neighbours[j], i) < 0) {
                    throw new IllegalArgumentException(name + ": edge " + i + "-" + j + " is not symmetric");
                }
            }
        }
    }

    /** From an edge list {@code {i, j}}; duplicates in either direction are merged. */
    public static Graph fromEdges(String name, int n, int[][] edges) {
        int[] deg = new int[n];
        for (int[] e : edges) {
            if (e.length != 2 || e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n) {
                throw new IllegalArgumentException(name + ": bad edge " + Arrays.toString(e) + " for " + n + " agents");
            }
            if (e[0] == e[1]) {
                throw new IllegalArgumentException(name + ": self-loop at agent " + e[0]);
            }
            deg[e[0]]++;
            deg[e[1]]++;
        }
        int[][] a = new int[n][];
        for (int i = 0; i < n; i++) {
            a[i] = new int[deg[i]];
        }
        int[] fill = new int[n];
        for (int[] e : edges) {
            a[e[0]][fill[e[0]]++] = e[1];
            a[e[1]][fill[e[1]]++] = e[0];
        }
        for (int i = 0; i < n; i++) {
            Arrays.sort(a[i]);
            int m = 0;
            for (int k = 0; k < a[i].length; k++) {
                if (k == 0 || a[i][k] != a[i][k - 1]) {
                    a[i][m++] = a[i][k];
                }
            }
            a[i] = Arrays.copyOf(a[i], m);
        }
        return new Graph(name, a);
    }

    /** The same edges under another name (e.g. the spec it was parsed from). */
    public Graph renamed(String newName) {
        return new Graph(newName, neighbours);
    }

    public String name() { return name; }
    public int size() { return neighbours.length; }
    /** N(i), sorted, without i; do not modify. */
    public int[] neighbours(int i) { return neighbours[i]; }
    public int degree(int i) { return neighbours[i].length; }
    public boolean hasEdge(int i, int j) { return Arrays.binarySearch(neighbours[i], j) >= 0; }

    public int edgeCount() {
        int e = 0;
        for (int[] row : neighbours) {
            e += row.length;
        }
        return e / 2;
    }

    /** True when every agent reaches every other (breadth-first search from 0). */
    public boolean isConnected() {
        int n = size();
        if (n == 0) {
            return true;
        }
        boolean[] seen = new boolean[n];
        int[] queue = new int[n];
        int head = 0, tail = 0;
        queue[tail++] = 0;
        seen[0] = true;
        while (head < tail) {
            for (int j : neighbours[queue[head++]]) {
                if (!seen[j]) {
                    seen[j] = true;
                    queue[tail++] = j;
                }
            }
        }
        return tail == n;
    }

    public int minDegree() {
        int m = Integer.MAX_VALUE;
        for (int[] row : neighbours) {
            m = Math.min(m, row.length);
        }
        return neighbours.length == 0 ? 0 : m;
    }

    public int maxDegree() {
        int m = 0;
        for (int[] row : neighbours) {
            m = Math.max(m, row.length);
        }
        return m;
    }

    /** True when every agent has the same degree. */
    public boolean isRegular() {
        return minDegree() == maxDegree();
    }

    /** Hop distances from {@code source} by breadth-first search; −1 for unreachable agents. */
    public int[] distancesFrom(int source) {
        int n = size();
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        int[] queue = new int[n];
        int head = 0, tail = 0;
        queue[tail++] = source;
        dist[source] = 0;
        while (head < tail) {
            int u = queue[head++];
            for (int v : neighbours[u]) {
                if (dist[v] < 0) {
                    dist[v] = dist[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
        return dist;
    }

    /**
     * The largest hop distance between two agents (one breadth-first search per agent, O(N·E));
     * −1 if the graph is disconnected, 0 for a single agent.
     */
    public int diameter() {
        int d = 0;
        for (int s = 0; s < size(); s++) {
            for (int x : distancesFrom(s)) {
                if (x < 0) {
                    return -1;
                }
                d = Math.max(d, x);
            }
        }
        return d;
    }

    @Override
    public String toString() {
        return name + " [" + size() + " agents, " + edgeCount() + " edges]";
    }
}
