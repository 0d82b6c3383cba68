package peerlearn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import peerlearn.graph.Graph;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Spectrum;
import peerlearn.graph.Topology;
import peerlearn.graph.TopologySpec;
import peerlearn.report.GraphSvg;

/**
 * {@code tools/peerlearn inspect topology --topology ring --agents 16 [--mixing metropolis]
 * [--seed 1] [--round 0] [--svg out.svg]}: degree statistics, diameter, the spectrum of W
 * (ρ and the spectral gap) and an SVG drawing of the graph with its weights.
 */
final class InspectTopology implements Command {
    /** Beyond this many agents the dense O(N³) eigen-solver is skipped. */
    private static final int MAX_SPECTRUM_AGENTS = 2000;

    private static final String USAGE = """
            usage: tools/peerlearn inspect topology --topology SPEC [--agents N] [--mixing RULE] [--seed S] [--round K] [--svg FILE]
              --topology  %s,
                          %s
              --agents    number of agents (default 16)
              --mixing    %s
              --seed      seed of random graphs (default 1)
              --round     round of a time-varying topology to show (default 0)
              --svg       also write the graph and its weights as an SVG drawing
            """.formatted(TopologySpec.GRAPHS, TopologySpec.SCHEDULES, TopologySpec.MIXINGS);

    @Override
    public String name() {
        return "topology";
    }

    @Override
    public String summary() {
        return "degrees, diameter, spectral gap of a topology's mixing matrix (text and SVG)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> flags = InspectPartition.parse(args,
                List.of("--topology", "--agents", "--mixing", "--seed", "--round", "--svg"));
        if (flags.containsKey("--help")) {
            out.print(USAGE);
            return 0;
        }
        if (!flags.containsKey("--topology")) {
            throw new IllegalArgumentException("--topology is required\n" + USAGE);
        }
        int agents = InspectPartition.integer(flags, "--agents", 16);
        long seed = InspectPartition.integer(flags, "--seed", 1);
        int round = InspectPartition.integer(flags, "--round", 0);
        String spec = flags.get("--topology");
        Topology t = TopologySpec.topology(spec, flags.getOrDefault("--mixing", "metropolis"), agents, seed);
        MixingMatrix w = t.at(round);
        Graph g = w.graph();
        out.println("topology: " + t.name() + (t.timeVarying() ? " (time-varying; round " + round + ")" : ""));
        out.printf(Locale.ROOT, "agents: %d, edges: %d%n", g.size(), g.edgeCount());
        double mean = g.size() == 0 ? 0 : 2.0 * g.edgeCount() / g.size();
        out.printf(Locale.ROOT, "degree: min %d, mean %.3f, max %d%s%n", g.minDegree(), mean, g.maxDegree(),
                g.isRegular() ? " (regular)" : "");
        int diameter = g.diameter();
        out.println("diameter: " + (diameter < 0 ? "∞ (disconnected)" : Integer.toString(diameter)));
        if (t.timeVarying()) {
            out.println("contact graph (union of all rounds): " + t.contactGraph().edgeCount() + " edges, diameter "
                    + t.contactGraph().diameter());
        }
        if (g.size() > MAX_SPECTRUM_AGENTS) {
            out.println("spectrum: skipped (more than " + MAX_SPECTRUM_AGENTS + " agents)");
        } else {
            Spectrum s = Spectrum.of(w);
            out.printf(Locale.ROOT, "mixing: %s%n", w.name());
            out.printf(Locale.ROOT, "eigenvalues: λ₁ = %.6f, λ₂ = %.6f, λ_N = %.6f%n", clean(s.eigenvalues()[0]), clean(s.lambda2()),
                    clean(s.eigenvalues()[g.size() - 1]));
            out.printf(Locale.ROOT, "ρ = max(|λ₂|, |λ_N|) = %.6f, spectral gap 1 − ρ = %.6f%n", s.rho(), s.gap());
            if (s.rho() < 1 - 1e-9 && s.rho() > 0) {
                out.printf(Locale.ROOT, "rounds to shrink disagreement 1000×: ≈ %.1f%n", Math.log(1e-3) / Math.log(s.rho()));
            }
        }
        if (t.timeVarying() && g.size() <= MAX_SPECTRUM_AGENTS) {
            int period = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, g.size() - 1)));
            List<MixingMatrix> window = new java.util.ArrayList<>();
            for (int k = 0; k < period; k++) {
                window.add(t.at(round + k));
            }
            double c = Spectrum.productContraction(window);
            out.printf(Locale.ROOT, "over rounds %d..%d: ‖W^(%d)⋯W^(%d) − 11ᵀ/N‖₂ = %.6f, i.e. %.6f per round%n", round,
                    round + period - 1, round + period - 1, round, clean(c), Math.pow(clean(c), 1.0 / period));
        }
        String svgPath = flags.get("--svg");
        if (svgPath != null) {
            Path p = Path.of(svgPath);
            Files.writeString(p, GraphSvg.render(t.name() + (t.timeVarying() ? ", round " + round : ""), w),
                    StandardCharsets.UTF_8);
            out.println("wrote " + p);
        }
        return 0;
    }

    /** Rounds values below the printed precision to 0, so no "-0.000000" appears. */
    private static double clean(double v) {
        return Math.abs(v) < 5e-7 ? 0.0 : v;
    }
}
