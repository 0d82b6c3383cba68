package peerlearn.report;

import java.util.List;
import java.util.Map;
import peerlearn.graph.MixingMatrix;

/**
 * What the report shows of one run: its name, headline numbers (label → formatted value), the
 * curves over evaluation points, the final per-agent accuracies, and the topology with the
 * weights agents used (per agent, per neighbour in {@code neighbours(i)} order; null entries mean
 * "the mixing matrix's").
 */
public record RunSeries(String name, Map<String, String> headline, double[] rounds, double[] bytesPerAgent,
                        double[] meanLocalAccuracy, double[] minLocalAccuracy, double[] meanGlobalAccuracy,
                        double[] averagedAccuracy, double[] consensusDistance, double[] meanGlobalLoss,
                        double[] finalLocalAccuracy, double[] finalGlobalAccuracy, MixingMatrix mixing,
                        List<double[]> edgeWeights) {
    public RunSeries {
        headline = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headline));
        edgeWeights = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(edgeWeights));
    }
}
