package peerlearn.report;

import java.util.List;
import java.util.Map;

/**
 * The self-contained {@code report.html}: inline SVG only (no scripts, no network), readable in
 * any browser. For one run or several compared on the same split, graph and seed: a headline
 * table, accuracy against rounds and against bytes sent, the per-agent accuracy distribution,
 * the consensus distance, and the topology with its edge weights.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** The whole page; {@code config} is the shared configuration shown at the end. */
    public static String html(String title, String problem, List<RunSeries> runs, Map<String, String> config) {
        return html(title, problem, runs, config, List.of());
    }

    /**
     * The page with extra sections (ready HTML, e.g. an algorithm's own figures) placed after the
     * topology and before the configuration.
     */
    public static String html(String title, String problem, List<RunSeries> runs, Map<String, String> config,
                              List<String> sections) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Svg.esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1360px;margin:1em auto;padding:0 1em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}figure{display:inline-block;margin:0.5em}"
                        + "code{background:#f3f3f3;padding:0 3px}</style></head><body>\n");
        b.append("<h1>").append(Svg.esc(title)).append("</h1>\n<p>").append(Svg.esc(problem)).append("</p>\n");
        b.append("<h2>Final evaluation</h2>\n<table><tr><th>run</th>");
        List<String> keys = runs.isEmpty() ? List.of() : List.copyOf(runs.getFirst().headline().keySet());
        for (String k : keys) {
            b.append("<th>").append(Svg.esc(k)).append("</th>");
        }
        b.append("</tr>\n");
        for (RunSeries r : runs) {
            b.append("<tr><td>").append(Svg.esc(r.name())).append("</td>");
            for (String k : keys) {
                b.append("<td>").append(Svg.esc(r.headline().getOrDefault(k, ""))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p>Accuracy is each agent's model on its own test split (personalized) unless marked "
                + "global (the shared test set); x̄ is the average of all agents' models; bytes are per agent, "
                + "headers included.</p>\n");

        LineChart byRound = new LineChart("Mean accuracy vs round", "round", "accuracy", false);
        LineChart byBytes = new LineChart("Mean accuracy vs bytes sent per agent", "bytes sent per agent", "accuracy", false);
        LineChart consensus = new LineChart("Consensus distance (1/N) Σ‖xᵢ − x̄‖²", "round", "consensus distance", true);
        LineChart loss = new LineChart("Mean loss on the global test set", "round", "loss", false);
        StripChart local = new StripChart("Per-agent accuracy, own test split (final)", "accuracy");
        StripChart global = new StripChart("Per-agent accuracy, global test set (final)", "accuracy");
        for (int i = 0; i < runs.size(); i++) {
            RunSeries r = runs.get(i);
            byRound.add(new LineChart.Series(r.name() + " (own split)", r.rounds(), r.meanLocalAccuracy(), false, i));
            byRound.add(new LineChart.Series(r.name() + " (global)", r.rounds(), r.meanGlobalAccuracy(), true, i));
            byBytes.add(new LineChart.Series(r.name() + " (own split)", r.bytesPerAgent(), r.meanLocalAccuracy(), false, i));
            byBytes.add(new LineChart.Series(r.name() + " (global)", r.bytesPerAgent(), r.meanGlobalAccuracy(), true, i));
            consensus.add(new LineChart.Series(r.name(), r.rounds(), r.consensusDistance(), false, i));
            loss.add(new LineChart.Series(r.name(), r.rounds(), r.meanGlobalLoss(), false, i));
            local.add(r.name(), r.finalLocalAccuracy());
            global.add(r.name(), r.finalGlobalAccuracy());
        }
        b.append("<h2>Learning curves</h2>\n");
        figure(b, byRound.svg());
        figure(b, byBytes.svg());
        figure(b, loss.svg());
        figure(b, consensus.svg());
        b.append("<h2>Agents</h2>\n");
        figure(b, local.svg());
        figure(b, global.svg());
        b.append("<h2>Topology</h2>\n");
        java.util.Set<String> drawn = new java.util.HashSet<>();
        for (RunSeries r : runs) {
            boolean custom = r.edgeWeights().stream().anyMatch(java.util.Objects::nonNull);
            String key = custom ? r.name() : r.mixing().graph().name() + "/" + r.mixing().name();
            if (drawn.add(key)) {
                String t = custom ? r.name() + ": weights the agents used"
                        : r.mixing().graph().name() + ", " + r.mixing().name() + " weights";
                figure(b, GraphSvg.render(t, r.mixing().graph(), weights(r)));
            }
        }
        for (String section : sections) {
            b.append(section);
        }
        b.append("<h2>Configuration</h2>\n<table>");
        config.forEach((k, v) -> b.append("<tr><td><code>").append(Svg.esc(k)).append("</code></td><td>")
                .append(Svg.esc(v)).append("</td></tr>\n"));
        b.append("</table>\n</body></html>\n");
        return b.toString();
    }

    /** W's dense weights with the rows agents reported (e.g. attention) in place of W's. */
    private static double[][] weights(RunSeries r) {
        double[][] w = r.mixing().dense();
        for (int i = 0; i < r.edgeWeights().size() && i < w.length; i++) {
            double[] reported = r.edgeWeights().get(i);
            if (reported != null) {
                int[] nb = r.mixing().graph().neighbours(i);
                for (int k = 0; k < nb.length && k < reported.length; k++) {
                    w[i][nb[k]] = reported[k];
                }
            }
        }
        return w;
    }

    /** Appends {@code svg} as one figure of the page. */
    public static void figure(StringBuilder b, String svg) {
        b.append("<figure>").append(svg).append("</figure>\n");
    }
}
