package peerlearn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import peerlearn.experiment.ExperimentConfig;

/** {@code run}: one experiment, its folder (metrics.csv, summary.json, config.properties, report.html). */
final class RunCommand implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run one experiment and write its folder with metrics and a report";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags f = Flags.parse(args, Set.of());
        if (f.help) {
            out.print("usage: tools/peerlearn run [flags]\n\nRuns one experiment; writes metrics.csv, summary.json, "
                    + "config.properties and report.html into --out DIR [runs/NAME].\n\nflags:\n" + Flags.keysHelp()
                    + String.format("  %-24s %s%n", "--out DIR", "run folder [runs/NAME]") + "\n" + Flags.algorithmsHelp());
            return 0;
        }
        ExperimentConfig c = f.experiment();
        Path dir = Path.of(f.out != null ? f.out : "runs/" + c.name());
        Experiments.runAll(List.of(c), dir, "peerlearn run " + c.name(), f.quiet, out, err);
        return 0;
    }
}
