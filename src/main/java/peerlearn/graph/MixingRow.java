package peerlearn.graph;

/** Row i of a mixing matrix: w_ii and w_ij for the sorted neighbours j ∈ N(i). */
public record MixingRow(int agent, double self, int[] neighbours, double[] weights) {
    public MixingRow {
        if (neighbours.length != weights.length) {
            throw new IllegalArgumentException("row " + agent + ": " + neighbours.length + " neighbours but "
                    + weights.length + " weights");
        }
    }

    public int degree() { return neighbours.length; }
}
