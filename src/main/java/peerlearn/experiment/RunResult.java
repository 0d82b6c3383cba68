package peerlearn.experiment;

import java.util.List;
import peerlearn.graph.MixingMatrix;

/**
 * A finished run: its configuration, the problem it solved, the mixing matrix at round 0 (the
 * topology drawn in the report), every evaluation point, totals, and each agent's ground-truth
 * cluster from the split (all 0 when it defines none; the report orders agents by it).
 */
public record RunResult(ExperimentConfig config, String problem, MixingMatrix mixing, int dimension, int rounds,
                        int roundsPerEpoch, double wallSeconds, List<EvalPoint> points, int[] clusters) {
    public RunResult {
        points = List.copyOf(points);
        clusters = clusters.clone();
    }

    /** A run on a split without ground-truth clusters. */
    public RunResult(ExperimentConfig config, String problem, MixingMatrix mixing, int dimension, int rounds,
                     int roundsPerEpoch, double wallSeconds, List<EvalPoint> points) {
        this(config, problem, mixing, dimension, rounds, roundsPerEpoch, wallSeconds, points,
                new int[mixing.graph().size()]);
    }

    public EvalPoint last() {
        return points.getLast();
    }

    public String name() {
        return config.name();
    }
}
