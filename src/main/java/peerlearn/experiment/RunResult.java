package peerlearn.experiment;

import java.util.List;
import peerlearn.graph.MixingMatrix;

/**
 * A finished run: its configuration, the problem it solved, the mixing matrix at round 0 (the
 * topology drawn in the report), every evaluation point, and totals.
 */
public record RunResult(ExperimentConfig config, String problem, MixingMatrix mixing, int dimension, int rounds,
                        int roundsPerEpoch, double wallSeconds, List<EvalPoint> points) {
    public RunResult {
        points = List.copyOf(points);
    }

    public EvalPoint last() {
        return points.getLast();
    }

    public String name() {
        return config.name();
    }
}
