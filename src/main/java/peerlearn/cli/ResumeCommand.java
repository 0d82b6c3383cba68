package peerlearn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code resume DIR}: continues a run stopped after a checkpoint; its files end as the uninterrupted run's. */
final class ResumeCommand implements Command {
    @Override
    public String name() {
        return "resume";
    }

    @Override
    public String summary() {
        return "continue a stopped run from the checkpoint in its folder";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        boolean quiet = false;
        String dir = null;
        for (String a : args) {
            switch (a) {
                case "--help", "-h" -> {
                    out.print("usage: tools/peerlearn resume [--quiet] DIR\n\nContinues the run in DIR (started with "
                            + "tools/peerlearn run --checkpoint-every K --out DIR) from DIR/checkpoint.bin, with the "
                            + "configuration in DIR/config.properties, and writes metrics.csv, summary.json and "
                            + "report.html as the run would have without the interruption (bit for bit, except the "
                            + "wall_seconds values). A checkpoint of another configuration or peerlearn version, or a "
                            + "damaged one, is refused.\n");
                    return 0;
                }
                case "--quiet", "-q" -> quiet = true;
                default -> {
                    if (a.startsWith("-") || dir != null) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'; usage: tools/peerlearn resume DIR");
                    }
                    dir = a;
                }
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("which run? usage: tools/peerlearn resume DIR");
        }
        Experiments.resume(Path.of(dir), quiet, out, err);
        return 0;
    }
}
