package peerlearn.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import peerlearn.state.State;
import peerlearn.state.StateFormatException;

/** The evaluation points gathered so far, as checkpoint entries (every number with its exact bits). */
final class Points {
    private Points() {}

    /** Saves {@code points}, or (restoring) returns the saved ones after checking agent ids and rounds. */
    static List<EvalPoint> state(State s, List<EvalPoint> points, int agents, int roundsDone) {
        boolean in = s.restoring();
        int count = s.count("points", in ? 0 : points.size());
        if (in && count < 1) {
            throw new StateFormatException(s.path("points") + ": " + count + " evaluation points; a run has at least x⁰'s");
        }
        List<EvalPoint> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            EvalPoint p = in ? null : points.get(j);
            int round = s.count("round", in ? 0 : p.round());
            if (in && (round < 0 || round > roundsDone || (!out.isEmpty() && round <= out.getLast().round()))) {
                throw new StateFormatException(s.path("round") + ": point " + j + " is after round " + round
                        + ", not in increasing order within the " + roundsDone + " rounds done");
            }
            double epoch = s.number("epoch", in ? 0 : p.epoch());
            double wall = s.number("wall_seconds", in ? 0 : p.wallSeconds());
            double avgAcc = s.number("averaged_accuracy", in ? 0 : p.averagedAccuracy());
            double avgLoss = s.number("averaged_loss", in ? 0 : p.averagedLoss());
            double consensus = s.number("consensus_distance", in ? 0 : p.consensusDistance());
            int m = s.count("agents", in ? 0 : p.agents().size());
            nonNegative(s, "agents", m);
            List<AgentMetrics> metrics = new ArrayList<>();
            for (int t = 0; t < m; t++) {
                metrics.add(agent(s, in ? null : p.agents().get(t), agents));
            }
            int e = s.count("edges", in ? 0 : p.edgeWeights().size());
            nonNegative(s, "edges", e);
            List<double[]> edges = new ArrayList<>();
            for (int t = 0; t < e; t++) {
                edges.add(s.doubleArray("edge_weights", in ? null : p.edgeWeights().get(t)));
            }
            out.add(new EvalPoint(round, epoch, wall, metrics, avgAcc, avgLoss, consensus, edges));
        }
        return out;
    }

    private static AgentMetrics agent(State s, AgentMetrics a, int agents) {
        boolean in = a == null;
        int id = s.count("agent", in ? 0 : a.agent());
        if (id < 0 || id >= agents) {
            throw new StateFormatException(s.path("agent") + ": agent " + id + " outside [0, " + agents + ")");
        }
        double localAcc = s.number("local_accuracy", in ? 0 : a.localAccuracy());
        double localLoss = s.number("local_loss", in ? 0 : a.localLoss());
        double globalAcc = s.number("global_accuracy", in ? 0 : a.globalAccuracy());
        double globalLoss = s.number("global_loss", in ? 0 : a.globalLoss());
        double trainLoss = s.number("train_loss", in ? 0 : a.trainLoss());
        long bytes = s.integer("bytes_sent", in ? 0 : a.bytesSent());
        List<Map.Entry<String, Double>> extra = in ? List.of() : new ArrayList<>(a.extra().entrySet());
        int x = s.count("extra", extra.size());
        nonNegative(s, "extra", x);
        Map<String, Double> values = new TreeMap<>();
        for (int t = 0; t < x; t++) {
            String name = s.text("extra_name", in ? null : extra.get(t).getKey());
            double v = s.number("extra_value", in ? 0 : extra.get(t).getValue());
            if (name == null) {
                throw new StateFormatException(s.path("extra_name") + ": null");
            }
            values.put(name, v);
        }
        return new AgentMetrics(id, localAcc, localLoss, globalAcc, globalLoss, trainLoss, bytes, values);
    }

    private static void nonNegative(State s, String name, int v) {
        if (v < 0) {
            throw new StateFormatException(s.path(name) + ": negative count " + v);
        }
    }
}
