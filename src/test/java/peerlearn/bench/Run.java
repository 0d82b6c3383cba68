package peerlearn.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the usual command-line options (a benchmark regex, {@code -f}, {@code -wi}, …),
 * then prints each result's rate: GFLOP/s for GEMM and convolution, GB/s for flat-vector kernels.
 * Started by {@code tools/bench}.
 */
public final class Run {
    private Run() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.println("peerlearn kernel rates (time is the mean per call ± 99.9% half-width):");
        for (RunResult r : results) {
            var p = r.getParams();
            var score = r.getPrimaryResult();
            String name = p.getBenchmark().replace("peerlearn.bench.", "");
            String param = java.util.stream.Stream.of("shape", "layer", "n")
                    .filter(p.getParamsKeys()::contains).map(p::getParam).findFirst().orElse("");
            if (p.getParamsKeys().contains("reuseWorkspace") && !Boolean.parseBoolean(p.getParam("reuseWorkspace"))) {
                name += " (fresh buffers)";
            }
            double micros = score.getScore();
            double seconds = micros * 1e-6;
            String rate;
            if (name.startsWith("GemmBench")) {
                String[] f = param.split(":");
                double flops = 2.0 * Long.parseLong(f[1]) * Long.parseLong(f[2]) * Long.parseLong(f[3]);
                rate = String.format(Locale.ROOT, "%8.1f GFLOP/s", flops / seconds / 1e9);
            } else if (name.startsWith("ConvBench")) {
                rate = String.format(Locale.ROOT, "%8.1f GFLOP/s",
                        ConvBench.products(name, param) * ConvBench.productFlops(param) / seconds / 1e9);
            } else if (name.startsWith("VectorOpsBench")) {
                double bytes = (name.endsWith("axpy") ? 12.0 : 8.0) * Long.parseLong(param);
                rate = String.format(Locale.ROOT, "%8.1f GB/s", bytes / seconds / 1e9);
            } else {
                rate = "";
            }
            System.out.printf(Locale.ROOT, "%-32s %-22s %12.2f ± %-9.2f %s  %s%n", name, param, micros,
                    score.getScoreError(), score.getScoreUnit(), rate);
        }
    }
}
