package peerlearn.graph;

/**
 * A mixing matrix W on a graph, stored by rows: w_ii and w_ij for j ∈ N(i) (all other entries
 * are zero). Row i is all agent i ever learns of W.
 */
public final class MixingMatrix {
    private final String name;
    private final Graph graph;
    private final double[] self;
    private final double[][] neighbourWeights;

    /** {@code neighbourWeights[i][k]} is w_ij for j = graph.neighbours(i)[k]. */
    public MixingMatrix(String name, Graph graph, double[] self, double[][] neighbourWeights) {
        this.name = name;
        this.graph = graph;
        int n = graph.size();
        if (self.length != n || neighbourWeights.length != n) {
            throw new IllegalArgumentException(name + ": " + n + " agents but " + self.length + " diagonal entries and "
                    + neighbourWeights.length + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (neighbourWeights[i].length != graph.degree(i)) {
                throw new IllegalArgumentException(name + ": row " + i + " has " + neighbourWeights[i].length
                        + " neighbour weights for degree " + graph.degree(i));
            }
        }
        this.self = self.clone();
        this.neighbourWeights = new double[n][];
        for (int i = 0; i < n; i++) {
            this.neighbourWeights[i] = neighbourWeights[i].clone();
        }
    }

    /** Metropolis–Hastings: w_ij = 1/(1 + max(n_i, n_j)), w_ii = 1 − Σ_j w_ij. */
    public static MixingMatrix metropolisHastings(Graph g) {
        int n = g.size();
        double[] self = new double[n];
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            int[] nb = g.neighbours(i);
            w[i] = new double[nb.length];
            double sum = 0;
            for (int k = 0; k < nb.length; k++) {
                w[i][k] = 1.0 / (1 + Math.max(g.degree(i), g.degree(nb[k])));
                sum += w[i][k];
            }
            self[i] = 1 - sum;
        }
        return new MixingMatrix("metropolis-hastings", g, self, w);
    }

    /** Uniform over the closed neighbourhood: w_ij = 1/(n_i + 1). */
    public static MixingMatrix uniform(Graph g) {
        int n = g.size();
        double[] self = new double[n];
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            double v = 1.0 / (g.degree(i) + 1);
            self[i] = v;
            w[i] = new double[g.degree(i)];
            java.util.Arrays.fill(w[i], v);
        }
        return new MixingMatrix("uniform", g, self, w);
    }

    public String name() { return name; }
    public Graph graph() { return graph; }
    public int size() { return graph.size(); }
    public double selfWeight(int i) { return self[i]; }
    /** w_ij for j = graph().neighbours(i)[k]; do not modify. */
    public double[] neighbourWeights(int i) { return neighbourWeights[i]; }

    /** Row i: all agent i needs to know of W. */
    public MixingRow row(int i) {
        return new MixingRow(i, self[i], graph.neighbours(i).clone(), neighbourWeights[i].clone());
    }

    /** w_ij for any i, j (zero off the graph). */
    public double weight(int i, int j) {
        if (i == j) {
            return self[i];
        }
        int k = java.util.Arrays.binarySearch(graph.neighbours(i), j);
        return k >= 0 ? neighbourWeights[i][k] : 0.0;
    }

    /** The dense N×N matrix (for spectral checks on small graphs). */
    public double[][] dense() {
        int n = size();
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            d[i][i] = self[i];
            int[] nb = graph.neighbours(i);
            for (int k = 0; k < nb.length; k++) {
                d[i][nb[k]] = neighbourWeights[i][k];
            }
        }
        return d;
    }
}
