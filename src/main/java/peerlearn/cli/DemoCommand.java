package peerlearn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code demo}: the README's main job, a small real comparison that finishes in a few minutes on
 * two cores: 8 agents on a ring, Fashion-MNIST with skewed labels, D-PSGD and NGC (α = 1) against
 * local-only and all-reduce SGD, one combined report.
 */
final class DemoCommand implements Command {
    /** The demo's settings; any flag given replaces one of these. */
    static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("agents", "8");
        m.put("topology", "ring");
        m.put("data", "fashion-mnist");
        m.put("partition", "dirichlet:0.1:test=250");
        m.put("model", "lenet5");
        m.put("rounds", "300");
        m.put("batch", "32");
        m.put("lr", "0.01");
        m.put("momentum", "0.9");
        m.put("eval_every", "50");
        m.put("eval.global_samples", "1000");
        m.put("seed", "1");
        return m;
    }

    static final String ALGORITHMS = "dpsgd,ngc,local,allreduce";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "compare D-PSGD, NGC, local-only and all-reduce on 8 agents (a few minutes)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags f = Flags.parse(args, Set.of("algorithms"));
        if (f.help) {
            out.print("usage: tools/peerlearn demo [flags]\n\nThe main job: " + summary() + ".\nSettings: " + settings()
                    + ", algorithms " + ALGORITHMS + ".\nAny run flag replaces a setting; the report goes to --out DIR "
                    + "[runs/demo].\n\nflags:\n"
                    + String.format("  %-24s %s%n", "--algorithms A,B", "algorithms to compare [" + ALGORITHMS + "]")
                    + Flags.keysHelp());
            return 0;
        }
        Map<String, String> s = settings();
        s.putAll(f.merged());
        Path dir = Path.of(f.out != null ? f.out : "runs/demo");
        long t0 = System.nanoTime();
        Experiments.runAll(Experiments.perAlgorithm(s, f.extra.getOrDefault("algorithms", ALGORITHMS)), dir,
                "peerlearn demo", f.quiet, out, err);
        out.printf(java.util.Locale.ROOT, "demo finished in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
