package peerlearn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import peerlearn.data.DataSpec;
import peerlearn.data.FashionMnist;
import peerlearn.data.Partition;
import peerlearn.data.PartitionSpec;
import peerlearn.data.Split;
import peerlearn.report.HeatMapSvg;

/**
 * {@code tools/peerlearn inspect partition --partition dirichlet:0.1 --agents 16 [--data fmnist|subset|cifar10:DIR|...]
 * [--seed 1] [--svg out.svg]}: prints each agent's class histogram (training and test sizes,
 * cluster) and optionally writes it as an SVG heat map.
 */
final class InspectPartition implements Command {
    private static final String USAGE = """
            usage: tools/peerlearn inspect partition --partition SPEC --agents N [--data DATA] [--seed S] [--svg FILE]
              --partition  e.g. iid, dirichlet:0.1, skew, shards:2, classes:3, quantity:0.5, labelswap:0.5,0.5,
                           labelgroups:0,1,8,9/2,3,4,5,6,7@0.4,0.6, rotation:0,180,10,350@0.7,0.2,0.05,0.05
                           options after ':' — n=400 (train per agent), test=100, min=10, balanced, nearest
              --agents     number of agents (default 16)
              --data       fmnist: the full files in %s if present, else the embedded subset (default);
                           subset: the embedded 10,000 + 2,000 subset; fmnist:DIR, mnist:DIR, cifar10:DIR,
                           cifar100:DIR, cifar100-coarse:DIR; or a directory holding Fashion-MNIST-layout IDX files
              --seed       partition seed (default 1)
              --svg        also write the per-agent training class histogram as an SVG heat map
            """.formatted(FashionMnist.DEBIAN_DIR);

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public String summary() {
        return "per-agent class histogram of a partition (text and SVG heat map)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> flags = parse(args, List.of("--partition", "--agents", "--data", "--seed", "--svg"));
        if (flags.containsKey("--help")) {
            out.print(USAGE);
            return 0;
        }
        if (!flags.containsKey("--partition")) {
            throw new IllegalArgumentException("--partition is required\n" + USAGE);
        }
        PartitionSpec spec = PartitionSpec.parse(flags.get("--partition"));
        int agents = integer(flags, "--agents", 16);
        long seed = integer(flags, "--seed", 1);
        long t0 = System.nanoTime();
        Split data = DataSpec.load(flags.getOrDefault("--data", "fmnist"));
        err.printf(Locale.ROOT, "loaded %s in %.2f s%n", data.source(), (System.nanoTime() - t0) / 1e9);
        Partition p = spec.apply(data, agents, seed);
        int[][] hist = histogram(p, true);
        int[][] testHist = histogram(p, false);
        out.println("partition: " + p.description());
        out.println("data: " + data.source());
        if (spec.validationPerAgent() > 0) {
            out.println("validation: a run holds " + spec.validationPerAgent() + " of each agent's training samples below out "
                    + "for validation and trains on the rest");
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%6s %7s %6s %6s |", "agent", "cluster", "train", "test"));
        for (int c = 0; c < hist[0].length; c++) {
            head.append(String.format(Locale.ROOT, " %5s", "c" + c));
        }
        out.println(head.append(" | test per class"));
        for (int i = 0; i < agents; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d %7d %6d %6d |", i, p.cluster(i),
                    p.trainIndices(i).length, p.testIndices(i).length));
            for (int v : hist[i]) {
                row.append(String.format(Locale.ROOT, " %5d", v));
            }
            row.append(" |");
            for (int v : testHist[i]) {
                row.append(' ').append(v);
            }
            out.println(row);
        }
        out.println(summary(p, hist));
        if (flags.containsKey("--svg")) {
            Path svg = Path.of(flags.get("--svg"));
            double[][] values = new double[agents][];
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                values[i] = java.util.Arrays.stream(hist[i]).asDoubleStream().toArray();
                rows.add("agent " + i);
            }
            List<String> cols = new ArrayList<>();
            for (int c = 0; c < hist[0].length; c++) {
                cols.add(Integer.toString(c));
            }
            Files.writeString(svg, HeatMapSvg.render(spec + ": training samples per class, " + agents + " agents",
                    values, rows, cols, "samples"), StandardCharsets.UTF_8);
            err.println("wrote " + svg);
        }
        return 0;
    }

    /** Sizes and how many classes an agent effectively holds (classes with ≥ 5% of its samples). */
    static String summary(Partition p, int[][] hist) {
        java.util.IntSummaryStatistics train = new java.util.IntSummaryStatistics();
        java.util.IntSummaryStatistics test = new java.util.IntSummaryStatistics();
        double classes = 0;
        for (int i = 0; i < p.agents(); i++) {
            train.accept(p.trainIndices(i).length);
            test.accept(p.testIndices(i).length);
            for (int v : hist[i]) {
                classes += v >= 0.05 * p.trainIndices(i).length ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "train per agent: min %d, mean %.1f, max %d; test per agent: min %d, mean %.1f, max %d; "
                + "classes with ≥ 5%% of an agent's samples: %.2f on average", train.getMin(), train.getAverage(), train.getMax(),
                test.getMin(), test.getAverage(), test.getMax(), classes / p.agents());
    }

    static int[][] histogram(Partition p, boolean train) {
        int[][] h = new int[p.agents()][];
        for (int i = 0; i < p.agents(); i++) {
            h[i] = train ? p.trainClassCounts(i) : p.testClassCounts(i);
        }
        return h;
    }

    /** {@code --flag value} pairs (and a bare {@code --help}); unknown flags are usage errors. */
    static Map<String, String> parse(List<String> args, List<String> known) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (a.equals("--help") || a.equals("-h")) {
                flags.put("--help", "");
            } else if (known.contains(a)) {
                if (k + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                flags.put(a, args.get(++k));
            } else {
                throw new IllegalArgumentException("unknown flag '" + a + "' (known: " + String.join(", ", known) + ")");
            }
        }
        return flags;
    }

    static int integer(Map<String, String> flags, String name, int fallback) {
        String v = flags.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }
}
