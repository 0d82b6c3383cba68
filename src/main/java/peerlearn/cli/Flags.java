package peerlearn.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import peerlearn.experiment.ConfigKey;
import peerlearn.experiment.ExperimentConfig;

/**
 * The experiment commands' flags: {@code --KEY VALUE} or {@code --KEY=VALUE} for every
 * configuration key (dashes may stand for underscores: {@code --eval-every 50}),
 * {@code --param NAME=VALUE} for the algorithm's own values, {@code --config FILE},
 * {@code --out DIR}, {@code --quiet}, {@code --help}, plus the command's own {@code extra} flags.
 * Anything else is a usage error naming the flag.
 */
final class Flags {
    final Map<String, String> settings = new LinkedHashMap<>();
    final Map<String, String> extra = new LinkedHashMap<>();
    String config;
    String out;
    boolean quiet;
    boolean help;

    static Flags parse(List<String> args, Set<String> extraFlags) {
        Flags f = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                f.help = true;
                continue;
            }
            if (a.equals("--quiet") || a.equals("-q")) {
                f.quiet = true;
                continue;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; flags look like --agents 8");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("flag --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            String key = name.replace('-', '_');
            switch (key) {
                case "config" -> f.config = value;
                case "out" -> f.out = value;
                case "param" -> {
                    int e = value.indexOf('=');
                    if (e <= 0) {
                        throw new IllegalArgumentException("--param takes NAME=VALUE, got '" + value + "'");
                    }
                    f.settings.put("algo." + value.substring(0, e).trim(), value.substring(e + 1));
                }
                default -> {
                    String dotted = name.replace('-', '.');
                    if (extraFlags.contains(name)) {
                        f.extra.put(name, value);
                    } else if (isKey(key)) {
                        f.settings.put(key, value);
                    } else if (isKey(dotted)) {
                        f.settings.put(dotted, value);
                    } else if (name.startsWith("algo.")) {
                        f.settings.put(name, value);
                    } else {
                        throw new IllegalArgumentException("unknown flag --" + name + "; see --help");
                    }
                }
            }
        }
        return f;
    }

    private static boolean isKey(String k) {
        return ExperimentConfig.KEYS.stream().anyMatch(c -> c.name().equals(k));
    }

    /** The configuration: the file (if any) with the flags over it. */
    ExperimentConfig experiment() throws java.io.IOException {
        return config == null ? ExperimentConfig.of(settings)
                : ExperimentConfig.load(java.nio.file.Path.of(config), settings);
    }

    /** The file's pairs (if any) with the flags over them, unchecked. */
    Map<String, String> merged() throws java.io.IOException {
        Map<String, String> m = config == null ? new LinkedHashMap<>()
                : ExperimentConfig.read(java.nio.file.Path.of(config));
        m.putAll(settings);
        return m;
    }

    /** Help text for every configuration flag. */
    static String keysHelp() {
        List<String> lines = new ArrayList<>();
        for (ConfigKey c : ExperimentConfig.KEYS) {
            String flag = "--" + c.name();
            lines.add(String.format("  %-24s %s%s", flag + " V", c.description(),
                    c.defaultValue().isEmpty() ? "" : " [" + c.defaultValue() + "]"));
        }
        lines.add(String.format("  %-24s %s", "--param NAME=V", "an algorithm's own hyper-parameter (same as key algo.NAME)"));
        lines.add(String.format("  %-24s %s", "--config FILE", ".properties file of KEY=VALUE lines (flags override it)"));
        lines.add(String.format("  %-24s %s", "--quiet", "no progress bar"));
        return String.join("\n", lines) + "\n";
    }

    /** Each algorithm with its own parameters. */
    static String algorithmsHelp() {
        StringBuilder b = new StringBuilder("algorithms:\n");
        for (var a : peerlearn.algo.Algorithms.all()) {
            b.append(String.format("  %-10s %s%n", a.name(), a.summary()));
            for (var p : a.params()) {
                b.append(String.format("  %-10s   --param %s=V  %s [%s]%n", "", p.name(), p.description(), p.defaultValue()));
            }
        }
        return b.toString();
    }
}
