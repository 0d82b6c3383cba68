package peerlearn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import peerlearn.experiment.ExperimentConfig;
import peerlearn.experiment.Progress;
import peerlearn.experiment.Reports;
import peerlearn.experiment.RunFiles;
import peerlearn.experiment.RunResult;
import peerlearn.experiment.Runner;

/** What {@code run}, {@code compare} and {@code demo} share: running configurations and writing their folders. */
final class Experiments {
    private Experiments() {}

    /** Whether stderr is an interactive terminal (the progress bar then redraws in place). */
    static boolean terminal() {
        return System.console() != null;
    }

    static Progress progress(boolean quiet, PrintStream err) {
        return quiet ? Progress.silent() : new ProgressBar(err, terminal());
    }

    /**
     * Runs each configuration in turn (same problem, graph and seed), writing each run's files into
     * {@code out/NAME} when there are several or into {@code out} for one, then the combined report.
     */
    static List<RunResult> runAll(List<ExperimentConfig> configs, Path out, String title, boolean quiet,
                                  PrintStream stdout, PrintStream err) throws IOException {
        List<RunResult> results = new ArrayList<>();
        for (ExperimentConfig c : configs) {
            Path dir = configs.size() == 1 ? out : out.resolve(c.name());
            RunResult r = Runner.run(c, progress(quiet, err), new peerlearn.experiment.DataSets(), dir, Runner.NEVER);
            RunFiles.write(r, dir);
            if (configs.size() > 1) {
                Reports.write(List.of(r), dir, c.name());
            }
            results.add(r);
        }
        Path report = Reports.write(results, out, title);
        stdout.println(table(results));
        stdout.println("report: " + report.toAbsolutePath().normalize());
        return results;
    }

    /** Continues the stopped run in {@code dir} from its checkpoint and writes its files and report as {@code run} would. */
    static RunResult resume(Path dir, boolean quiet, PrintStream stdout, PrintStream err) throws IOException {
        RunResult r = Runner.resume(dir, progress(quiet, err), new peerlearn.experiment.DataSets(), Runner.NEVER);
        RunFiles.write(r, dir);
        Path report = Reports.write(List.of(r), dir, "peerlearn run " + r.name());
        stdout.println(table(List.of(r)));
        stdout.println("report: " + report.toAbsolutePath().normalize());
        return r;
    }

    /** A plain-text table of the runs' final numbers. */
    static String table(List<RunResult> results) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-12s %9s %9s %9s %9s %11s %10s %8s%n", "run", "acc mean",
                "acc min", "global", "x̄ global", "consensus", "MB/agent", "wall s"));
        for (RunResult r : results) {
            var p = r.last();
            b.append(String.format(Locale.ROOT, "%-12s %9s %9s %9s %9s %11.4g %10.2f %8.1f%n", r.name(),
                    pct(p.meanLocalAccuracy()), pct(p.minLocalAccuracy()), pct(p.meanGlobalAccuracy()),
                    pct(p.averagedAccuracy()), p.consensusDistance(), p.meanBytesSent() / 1e6, r.wallSeconds()));
        }
        return b.toString().stripTrailing();
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : "-";
    }

    /**
     * The configurations of a comparison: {@code settings} once per algorithm, all else identical;
     * each {@code algo.*} value goes to the algorithms that declare it, and one no compared
     * algorithm declares is an error.
     */
    static List<ExperimentConfig> perAlgorithm(Map<String, String> settings, String algorithms) {
        List<ExperimentConfig> out = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String a : algorithms.split(",")) {
            String name = a.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--algorithms '" + algorithms + "' has an empty name");
            }
            var declared = peerlearn.algo.Algorithms.get(name).params().stream().map(s -> "algo." + s.name()).toList();
            Map<String, String> values = new java.util.LinkedHashMap<>(settings);
            values.keySet().removeIf(k -> k.startsWith("algo.") && !declared.contains(k));
            values.keySet().stream().filter(k -> k.startsWith("algo.")).forEach(used::add);
            values.put("algorithm", name);
            values.put("name", name);
            out.add(ExperimentConfig.of(values));
        }
        for (String k : settings.keySet()) {
            if (k.startsWith("algo.") && !used.contains(k)) {
                throw new IllegalArgumentException(k + " is declared by none of " + algorithms);
            }
        }
        return out;
    }
}
