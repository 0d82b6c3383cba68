package peerlearn.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The files of a run folder: {@code metrics.csv} (one row per agent per evaluation point),
 * {@code summary.json} (the final point's headline numbers) and {@code config.properties} (the
 * resolved configuration). The report is written by {@code peerlearn.report}.
 *
 * <p>In {@code summary.json}, {@code mean_accuracy}/{@code min_accuracy}/{@code max_accuracy} are
 * over the agents' accuracies on their own test splits (personalized accuracy); the
 * {@code *_global_accuracy} ones are on the global test set; {@code bytes_sent} is the mean per
 * agent; {@code crashed_agents} lists the agents crashed by the end (the means are over the
 * others); {@code selection} is the {@code select} key: which model of each agent the per-agent
 * numbers are of ({@link ModelSelection}). Undefined values (accuracy of a problem without
 * classes) are {@code null}.
 */
public final class RunFiles {
    private RunFiles() {}

    /**
     * Fixed columns of {@code metrics.csv}; the algorithm's extra values follow as {@code extra.NAME},
     * with a validation split also the runner's {@code extra.validation.*} and {@code extra.selection.*}
     * ({@link ModelSelection}).
     * {@code status} is {@code running}, or {@code crashed} for an agent the fault model has
     * stopped by that point: its row keeps the point's columns and leaves the agent's own empty,
     * and the point's means and x̄ are over the running agents only.
     */
    public static final List<String> COLUMNS = List.of("round", "epoch", "wall_seconds", "agent", "local_accuracy",
            "local_loss", "global_accuracy", "global_loss", "train_loss", "bytes_sent", "averaged_model_accuracy",
            "averaged_model_loss", "consensus_distance", "status");

    /** Writes all three files into {@code dir} (created if needed). */
    public static void write(RunResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        r.config().write(dir.resolve("config.properties"));
        writeMetrics(r, dir.resolve("metrics.csv"));
        writeSummary(r, dir.resolve("summary.json"));
        if (r.points().stream().anyMatch(p -> p.edgeWeights().stream().anyMatch(java.util.Objects::nonNull))) {
            writeEdges(r, dir.resolve("edges.csv"));
        }
    }

    /**
     * {@code edges.csv}: the per-neighbour weights agents reported (e.g. attention), one row per
     * agent, neighbour and evaluation point; written only when some agent reports weights.
     */
    public static void writeEdges(RunResult r, Path file) throws IOException {
        StringBuilder b = new StringBuilder("round,agent,neighbour,weight\n");
        for (EvalPoint p : r.points()) {
            for (int i = 0; i < p.edgeWeights().size(); i++) {
                double[] w = p.edgeWeights().get(i);
                if (w == null) {
                    continue;
                }
                int[] nb = r.mixing().graph().neighbours(i);
                for (int k = 0; k < w.length && k < nb.length; k++) {
                    b.append(p.round()).append(',').append(i).append(',').append(nb[k]).append(',').append(csv(w[k])).append('\n');
                }
            }
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    /** The names of the extra metrics, sorted, over all points and agents. */
    static List<String> extraNames(RunResult r) {
        TreeSet<String> names = new TreeSet<>();
        for (EvalPoint p : r.points()) {
            for (AgentMetrics m : p.agents()) {
                names.addAll(m.extra().keySet());
            }
        }
        return new ArrayList<>(names);
    }

    public static void writeMetrics(RunResult r, Path file) throws IOException {
        List<String> extras = extraNames(r);
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS));
        for (String e : extras) {
            b.append(",extra.").append(e);
        }
        b.append('\n');
        int n = r.config().agents();
        for (EvalPoint p : r.points()) {
            AgentMetrics[] byId = new AgentMetrics[n];
            for (AgentMetrics m : p.agents()) {
                byId[m.agent()] = m;
            }
            for (int i = 0; i < n; i++) {
                AgentMetrics m = byId[i];
                b.append(p.round()).append(',').append(csv(p.epoch())).append(',').append(csv(p.wallSeconds()))
                        .append(',').append(i).append(',');
                if (m == null) {
                    b.append(",,,,,,");
                } else {
                    b.append(csv(m.localAccuracy())).append(',').append(csv(m.localLoss())).append(',')
                            .append(csv(m.globalAccuracy())).append(',').append(csv(m.globalLoss())).append(',')
                            .append(csv(m.trainLoss())).append(',').append(m.bytesSent()).append(',');
                }
                b.append(csv(p.averagedAccuracy())).append(',').append(csv(p.averagedLoss())).append(',')
                        .append(csv(p.consensusDistance())).append(',').append(m == null ? "crashed" : "running");
                for (String e : extras) {
                    b.append(',').append(m == null ? "" : csv(m.extra().getOrDefault(e, Double.NaN)));
                }
                b.append('\n');
            }
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    private static String csv(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** The headline numbers of the last evaluation point, in the order written. */
    public static Map<String, String> summary(RunResult r) {
        EvalPoint p = r.last();
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("name", Json.string(r.name()));
        s.put("algorithm", Json.string(r.config().text("algorithm")));
        s.put("problem", Json.string(r.problem()));
        s.put("agents", Json.number(r.config().agents()));
        s.put("crashed_agents", crashed(r.config().agents(), p).toString().replace(" ", ""));
        s.put("mean_accuracy", Json.number(p.meanLocalAccuracy()));
        s.put("min_accuracy", Json.number(p.minLocalAccuracy()));
        s.put("max_accuracy", Json.number(p.maxLocalAccuracy()));
        s.put("mean_global_accuracy", Json.number(p.meanGlobalAccuracy()));
        s.put("min_global_accuracy", Json.number(p.minGlobalAccuracy()));
        s.put("max_global_accuracy", Json.number(p.maxGlobalAccuracy()));
        s.put("averaged_model_accuracy", Json.number(p.averagedAccuracy()));
        s.put("mean_local_loss", Json.number(p.meanLocalLoss()));
        s.put("mean_global_loss", Json.number(p.meanGlobalLoss()));
        s.put("averaged_model_loss", Json.number(p.averagedLoss()));
        s.put("consensus_distance", Json.number(p.consensusDistance()));
        s.put("bytes_sent", Json.number(p.meanBytesSent()));
        s.put("rounds", Json.number(r.rounds()));
        s.put("epochs", Json.number(p.epoch()));
        s.put("dimension", Json.number(r.dimension()));
        s.put("wall_seconds", Json.number(r.wallSeconds()));
        s.put("seed", Long.toString(r.config().seed()));
        s.put("selection", Json.string(r.config().text("select")));
        return s;
    }

    /** The agents absent from point {@code p} (the runtime leaves out exactly the crashed ones), in id order. */
    static List<Integer> crashed(int agents, EvalPoint p) {
        java.util.Set<Integer> running = new java.util.HashSet<>();
        p.agents().forEach(m -> running.add(m.agent()));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            if (!running.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    public static void writeSummary(RunResult r, Path file) throws IOException {
        StringBuilder b = new StringBuilder("{\n");
        var entries = new ArrayList<>(summary(r).entrySet());
        for (int i = 0; i < entries.size(); i++) {
            b.append("  ").append(Json.string(entries.get(i).getKey())).append(": ").append(entries.get(i).getValue())
                    .append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        b.append("}\n");
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }
}
