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

    /** Lazy version (I + W)/2: the same as {@code relaxed(0.5)}; all its eigenvalues are ≥ 0. */
    public MixingMatrix lazy() {
        return relaxed(0.5, "lazy " + name);
    }

    /**
     * Relaxed mixing (1−γ)I + γW, γ ∈ (0, 1]: the gossip step x ← x + γ(Wx − x) used by NGC and
     * CHOCO-SGD. Eigenvalues map λ ↦ 1 − γ + γλ.
     */
    public MixingMatrix relaxed(double gamma) {
        return relaxed(gamma, "relaxed(" + gamma + ") " + name);
    }

    private MixingMatrix relaxed(double gamma, String newName) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("relaxation γ must be in (0, 1], got " + gamma);
        }
        int n = size();
        double[] s = new double[n];
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            s[i] = 1 - gamma + gamma * self[i];
            w[i] = new double[neighbourWeights[i].length];
            for (int k = 0; k < w[i].length; k++) {
                w[i][k] = gamma * neighbourWeights[i][k];
            }
        }
        return new MixingMatrix(newName, graph, s, w);
    }

    /**
     * An explicit matrix from a text file: N lines of N numbers (whitespace separated), lines
     * starting with {@code #} ignored. The graph is the off-diagonal non-zero pattern, which must be
     * symmetric. The matrix is not validated here; call {@link #validate(double)}.
     */
    public static MixingMatrix fromFile(java.nio.file.Path file) {
        java.util.List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read mixing matrix " + file + ": " + e.getMessage(), e);
        }
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        java.util.List<Integer> lineNo = new java.util.ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("[\\s,]+");
            double[] row = new double[parts.length];
            for (int k = 0; k < parts.length; k++) {
                try {
                    row[k] = Double.parseDouble(parts[k]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + (ln + 1) + ": entry " + (k + 1) + " '" + parts[k]
                            + "' is not a number");
                }
                if (!Double.isFinite(row[k])) {
                    throw new IllegalArgumentException(file + ":" + (ln + 1) + ": entry " + (k + 1) + " is " + row[k]);
                }
            }
            rows.add(row);
            lineNo.add(ln + 1);
        }
        int n = rows.size();
        if (n == 0) {
            throw new IllegalArgumentException(file + ": no matrix rows");
        }
        int[][] adj = new int[n][];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            if (row.length != n) {
                throw new IllegalArgumentException(file + ":" + lineNo.get(i) + ": row " + i + " has " + row.length
                        + " entries, expected " + n + " (the number of rows)");
            }
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && row[j] != 0) {
                    c++;
                }
            }
            adj[i] = new int[c];
            c = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && row[j] != 0) {
                    adj[i][c++] = j;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j : adj[i]) {
                if (rows.get(j)[i] == 0) {
                    throw new IllegalArgumentException(file + ": w[" + i + "][" + j + "] = " + rows.get(i)[j] + " but w["
                            + j + "][" + i + "] = 0: the graph of W must be undirected");
                }
            }
        }
        Graph g = new Graph("file(" + file.getFileName() + ")", adj);
        double[] self = new double[n];
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            self[i] = rows.get(i)[i];
            w[i] = new double[adj[i].length];
            for (int k = 0; k < adj[i].length; k++) {
                w[i][k] = rows.get(i)[adj[i][k]];
            }
        }
        return new MixingMatrix("file(" + file.getFileName() + ")", g, self, w);
    }

    /**
     * Checks what consensus needs and throws naming the first offending entry: the graph is
     * connected, every entry is non-negative, W is symmetric, and rows and columns sum to 1 within
     * {@code tol}. Returns this matrix for chaining.
     */
    public MixingMatrix validate(double tol) {
        requireConnected();
        requireNonNegative();
        requireSymmetric(tol);
        requireDoublyStochastic(tol);
        return this;
    }

    /** Throws unless the graph is connected. */
    public MixingMatrix requireConnected() {
        if (!graph.isConnected()) {
            int[] d = graph.distancesFrom(0);
            int far = 0;
            while (d[far] >= 0) {
                far++;
            }
            throw new IllegalArgumentException(name + " on " + graph.name() + ": the graph is disconnected (agent " + far
                    + " cannot be reached from agent 0), so consensus is impossible");
        }
        return this;
    }

    /** Throws unless every entry is ≥ 0. */
    public MixingMatrix requireNonNegative() {
        for (int i = 0; i < size(); i++) {
            if (self[i] < 0) {
                throw new IllegalArgumentException(name + ": w[" + i + "][" + i + "] = " + self[i] + " is negative");
            }
            int[] nb = graph.neighbours(i);
            for (int k = 0; k < nb.length; k++) {
                if (neighbourWeights[i][k] < 0) {
                    throw new IllegalArgumentException(name + ": w[" + i + "][" + nb[k] + "] = " + neighbourWeights[i][k]
                            + " is negative");
                }
            }
        }
        return this;
    }

    /** Throws unless |w_ij − w_ji| ≤ tol for all i, j. */
    public MixingMatrix requireSymmetric(double tol) {
        for (int i = 0; i < size(); i++) {
            int[] nb = graph.neighbours(i);
            for (int k = 0; k < nb.length; k++) {
                double back = weight(nb[k], i);
                if (Math.abs(neighbourWeights[i][k] - back) > tol) {
                    throw new IllegalArgumentException(name + ": not symmetric: w[" + i + "][" + nb[k] + "] = "
                            + neighbourWeights[i][k] + " but w[" + nb[k] + "][" + i + "] = " + back);
                }
            }
        }
        return this;
    }

    /** Throws unless every row and every column sums to 1 within tol. */
    public MixingMatrix requireDoublyStochastic(double tol) {
        for (int i = 0; i < size(); i++) {
            double row = rowSum(i);
            if (Math.abs(row - 1) > tol) {
                throw new IllegalArgumentException(name + ": row " + i + " sums to " + row + ", not 1");
            }
            double col = columnSum(i);
            if (Math.abs(col - 1) > tol) {
                throw new IllegalArgumentException(name + ": column " + i + " sums to " + col + ", not 1"
                        + (graph.isRegular() ? "" : " (uniform weights are doubly stochastic only on regular graphs)"));
            }
        }
        return this;
    }

    /** Σ_j w_ij, summed in agent-id order. */
    public double rowSum(int i) {
        return ordered(i, self[i], neighbourWeights[i]);
    }

    /** Σ_i w_ij, summed in agent-id order. */
    public double columnSum(int j) {
        int[] nb = graph.neighbours(j);
        double[] in = new double[nb.length];
        for (int k = 0; k < nb.length; k++) {
            in[k] = weight(nb[k], j);
        }
        return ordered(j, self[j], in);
    }

    private double ordered(int i, double diagonal, double[] offDiagonal) {
        int[] nb = graph.neighbours(i);
        double s = 0;
        boolean added = false;
        for (int k = 0; k < nb.length; k++) {
            if (!added && nb[k] > i) {
                s += diagonal;
                added = true;
            }
            s += offDiagonal[k];
        }
        return added ? s : s + diagonal;
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
