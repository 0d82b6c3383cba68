package peerlearn.experiment;

import java.util.Map;

/**
 * One agent's numbers at one evaluation point: its model on its own test split and on the global
 * test set, the bytes it has sent so far, the last training loss, and the algorithm's extra values.
 */
public record AgentMetrics(int agent, double localAccuracy, double localLoss, double globalAccuracy, double globalLoss,
                           double trainLoss, long bytesSent, Map<String, Double> extra) {
    public AgentMetrics {
        extra = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(extra));
    }
}
