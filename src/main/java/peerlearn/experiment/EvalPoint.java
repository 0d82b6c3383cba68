package peerlearn.experiment;

import java.util.List;

/**
 * The metrics after {@code round} rounds: every agent's {@link AgentMetrics}, the averaged model
 * x̄ = (1/N) Σ x_i on the global test set, the consensus distance (1/N) Σ ‖x_i − x̄‖², the wall
 * time since the run began, and the per-edge weights agents reported (null entries when none).
 */
public record EvalPoint(int round, double epoch, double wallSeconds, List<AgentMetrics> agents,
                        double averagedAccuracy, double averagedLoss, double consensusDistance,
                        List<double[]> edgeWeights) {
    public EvalPoint {
        agents = List.copyOf(agents);
        edgeWeights = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(edgeWeights));
    }

    public double meanLocalAccuracy() { return mean(AgentMetrics::localAccuracy); }
    public double minLocalAccuracy() { return agents.stream().mapToDouble(AgentMetrics::localAccuracy).min().orElse(Double.NaN); }
    public double maxLocalAccuracy() { return agents.stream().mapToDouble(AgentMetrics::localAccuracy).max().orElse(Double.NaN); }
    public double meanGlobalAccuracy() { return mean(AgentMetrics::globalAccuracy); }
    public double minGlobalAccuracy() { return agents.stream().mapToDouble(AgentMetrics::globalAccuracy).min().orElse(Double.NaN); }
    public double maxGlobalAccuracy() { return agents.stream().mapToDouble(AgentMetrics::globalAccuracy).max().orElse(Double.NaN); }
    public double meanLocalLoss() { return mean(AgentMetrics::localLoss); }
    public double meanGlobalLoss() { return mean(AgentMetrics::globalLoss); }

    /** Mean bytes sent per agent so far. */
    public double meanBytesSent() {
        return agents.stream().mapToDouble(AgentMetrics::bytesSent).average().orElse(0);
    }

    private double mean(java.util.function.ToDoubleFunction<AgentMetrics> f) {
        double s = 0;
        for (AgentMetrics m : agents) {
            s += f.applyAsDouble(m);
        }
        return agents.isEmpty() ? Double.NaN : s / agents.size();
    }
}
