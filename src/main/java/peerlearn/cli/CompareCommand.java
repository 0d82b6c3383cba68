package peerlearn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import peerlearn.experiment.ExperimentConfig;

/** {@code compare}: several algorithms on the identical split, graph and seed, one combined report. */
final class CompareCommand implements Command {
    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "run several algorithms on the identical split, graph and seed; one combined report";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags f = Flags.parse(args, Set.of("algorithms"));
        if (f.help) {
            out.print("usage: tools/peerlearn compare --algorithms A,B,... [flags]\n\nRuns each algorithm on the same "
                    + "data split, graph and seed; writes one folder per algorithm under --out DIR [runs/compare] and a "
                    + "combined report.html there. --param values go to the algorithms that declare them.\n\nflags:\n"
                    + String.format("  %-24s %s%n", "--algorithms A,B", "algorithms to compare [dpsgd,local,allreduce]")
                    + Flags.keysHelp() + String.format("  %-24s %s%n", "--out DIR", "folder [runs/compare]") + "\n"
                    + Flags.algorithmsHelp());
            return 0;
        }
        List<ExperimentConfig> configs = Experiments.perAlgorithm(f.merged(),
                f.extra.getOrDefault("algorithms", "dpsgd,local,allreduce"));
        Path dir = Path.of(f.out != null ? f.out : "runs/compare");
        Experiments.runAll(configs, dir, "peerlearn compare", f.quiet, out, err);
        return 0;
    }
}
