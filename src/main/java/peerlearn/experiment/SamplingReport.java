package peerlearn.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import peerlearn.report.HeatMapSvg;
import peerlearn.report.HtmlReport;
import peerlearn.report.LineChart;

/**
 * The report section on peer sampling, for algorithms that log agent i's probability of pulling
 * from agent j as the extra metric {@code p.j} (DAC, PENS, the random and oracle baselines):
 * N×N heat maps of p_ij with agents ordered by their true cluster (at a third, two thirds and the
 * end of the run), and the mean probability mass each cluster's agents put on their own cluster
 * against the round, beside the uniform share (|C| − 1)/(N − 1).
 */
final class SamplingReport {
    private SamplingReport() {}

    /** The section for the runs that log sampling probabilities; empty when none does. */
    static List<String> sections(List<RunResult> runs) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (RunResult r : runs) {
            if (probabilities(r.last()) == null) {
                continue;
            }
            int[] order = byCluster(r.clusters());
            List<EvalPoint> ps = r.points();
            int last = ps.size() - 1;
            for (int at : new java.util.TreeSet<>(List.of(last / 3, 2 * last / 3, last))) {
                double[][] p = probabilities(ps.get(at));
                if (p != null) {
                    HtmlReport.figure(b, heatMap(r, ps.get(at).round(), p, order));
                }
            }
            HtmlReport.figure(b, massChart(r));
        }
        if (!b.isEmpty()) {
            out.add("<h2>Peer sampling</h2>\n<p>p<sub>ij</sub>: the probability that agent i (row) pulls from "
                    + "agent j (column) in the next communication round, agents ordered by their true cluster "
                    + "(c0, c1, …) from the split.</p>\n" + b);
        }
        return out;
    }

    /** p[i][j] from the point's extras {@code p.j}, or null when the agents log none. */
    static double[][] probabilities(EvalPoint point) {
        int n = point.agents().size();
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            AgentMetrics m = point.agents().get(i);
            Map<String, Double> extra = m.extra();
            List<Double> row = extra.entrySet().stream().filter(e -> e.getKey().startsWith("p.")).map(Map.Entry::getValue)
                    .toList();
            if (row.isEmpty() || row.size() != n || m.agent() != i) {
                return null;
            }
            p[i] = row.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return p;
    }

    /** Agent ids sorted by (cluster, id). */
    static int[] byCluster(int[] clusters) {
        return IntStream.range(0, clusters.length).boxed()
                .sorted((a, b) -> clusters[a] != clusters[b] ? Integer.compare(clusters[a], clusters[b]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Mean over agent i of cluster c of Σ_{j ∈ c} p_ij. */
    static double ownClusterMass(double[][] p, int[] clusters, int c) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < p.length; i++) {
            if (clusters[i] != c) {
                continue;
            }
            for (int j = 0; j < p.length; j++) {
                sum += clusters[j] == c ? p[i][j] : 0;
            }
            count++;
        }
        return sum / count;
    }

    private static String heatMap(RunResult r, int round, double[][] p, int[] order) {
        int n = order.length;
        double[][] v = new double[n][n];
        List<String> labels = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            labels.add(order[a] + " c" + r.clusters()[order[a]]);
            for (int b = 0; b < n; b++) {
                v[a][b] = p[order[a]][order[b]];
            }
        }
        List<String> columns = Arrays.stream(order).mapToObj(Integer::toString).toList();
        return HeatMapSvg.render(r.name() + ": p_ij after round " + round, v, labels, columns, "probability",
                Math.max(4, Math.min(36, 720 / Math.max(n, 1))));
    }

    private static String massChart(RunResult r) {
        int[] clusters = r.clusters();
        int n = clusters.length;
        int k = Arrays.stream(clusters).max().orElse(0) + 1;
        LineChart chart = new LineChart(r.name() + ": probability mass on the own cluster", "round", "mass", false);
        List<EvalPoint> ps = r.points().stream().filter(pt -> probabilities(pt) != null).toList();
        double[] rounds = ps.stream().mapToDouble(EvalPoint::round).toArray();
        for (int c = 0; c < k; c++) {
            int cluster = c;
            long size = Arrays.stream(clusters).filter(x -> x == cluster).count();
            if (size == 0) {
                continue;
            }
            double[] mass = ps.stream().mapToDouble(pt -> ownClusterMass(probabilities(pt), clusters, cluster)).toArray();
            double[] uniform = new double[rounds.length];
            Arrays.fill(uniform, n > 1 ? (size - 1.0) / (n - 1) : 0);
            chart.add(new LineChart.Series(String.format(Locale.ROOT, "cluster %d (%d agents)", c, size), rounds, mass, false, c));
            chart.add(new LineChart.Series("uniform share, cluster " + c, rounds, uniform, true, c));
        }
        return chart.svg();
    }
}
