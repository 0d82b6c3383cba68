package peerlearn.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import peerlearn.report.HtmlReport;
import peerlearn.report.RunSeries;

/** Turns finished runs into the {@code report.html} of a run folder or of a comparison. */
public final class Reports {
    private Reports() {}

    /** Writes {@code dir/report.html} for these runs (one, or several on the same problem). */
    public static Path write(List<RunResult> runs, Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        List<RunSeries> series = runs.stream().map(Reports::series).toList();
        Map<String, String> config = new LinkedHashMap<>(runs.getFirst().config().values());
        if (runs.size() > 1) {
            config.remove("name");
            config.put("algorithm", String.join(", ", runs.stream().map(r -> r.config().text("algorithm")).toList()));
        }
        Path file = dir.resolve("report.html");
        Files.writeString(file, HtmlReport.html(title, runs.getFirst().problem(), series, config,
                SamplingReport.sections(runs)), StandardCharsets.UTF_8);
        return file;
    }

    static RunSeries series(RunResult r) {
        List<EvalPoint> ps = r.points();
        EvalPoint last = r.last();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("accuracy mean", pct(last.meanLocalAccuracy()));
        h.put("accuracy min", pct(last.minLocalAccuracy()));
        h.put("global accuracy mean", pct(last.meanGlobalAccuracy()));
        h.put("x̄ global accuracy", pct(last.averagedAccuracy()));
        h.put("global loss mean", num(last.meanGlobalLoss()));
        h.put("consensus distance", num(last.consensusDistance()));
        h.put("bytes sent / agent", String.format(Locale.ROOT, "%.3g", last.meanBytesSent()));
        h.put("rounds", Integer.toString(r.rounds()));
        h.put("wall s", String.format(Locale.ROOT, "%.1f", r.wallSeconds()));
        double[] finalLocal = last.agents().stream().mapToDouble(AgentMetrics::localAccuracy).toArray();
        double[] finalGlobal = last.agents().stream().mapToDouble(AgentMetrics::globalAccuracy).toArray();
        return new RunSeries(r.name(), h, of(ps, p -> p.round()), of(ps, EvalPoint::meanBytesSent),
                of(ps, EvalPoint::meanLocalAccuracy), of(ps, EvalPoint::minLocalAccuracy),
                of(ps, EvalPoint::meanGlobalAccuracy), of(ps, EvalPoint::averagedAccuracy),
                of(ps, EvalPoint::consensusDistance), of(ps, EvalPoint::meanGlobalLoss), finalLocal, finalGlobal,
                r.mixing(), last.edgeWeights());
    }

    private static double[] of(List<EvalPoint> ps, ToDoubleFunction<EvalPoint> f) {
        return ps.stream().mapToDouble(f).toArray();
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : "–";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "–";
    }
}
