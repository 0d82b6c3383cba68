package peerlearn.experiment;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import peerlearn.algo.Algorithm;
import peerlearn.algo.Algorithms;
import peerlearn.algo.Params;

/**
 * An experiment's full description: data set + partition + model + topology/mixing + algorithm and
 * its hyper-parameters + length + batch + schedule + evaluation cadence + seed + faults. Built from
 * key = value pairs (a {@code .properties} file, command-line flags, or both: flags win), with
 * every value checked up front; an error names the key and the value. {@link #write} records the
 * resolved configuration, defaults included, so a run can be repeated from its folder alone.
 *
 * <p>Algorithm-specific values are the keys {@code algo.NAME}; the algorithm declares which names
 * it reads.
 */
public final class ExperimentConfig {
    /** Every key, in the order {@code config.properties} and {@code --help} list them. */
    public static final List<ConfigKey> KEYS = List.of(
            new ConfigKey("name", "", "run name (default: the algorithm's name)"),
            new ConfigKey("algorithm", "dpsgd", "algorithm: " + String.join(", ", Algorithms.names())),
            new ConfigKey("agents", "8", "number of agents N"),
            new ConfigKey("data", "fashion-mnist", "data set: fashion-mnist (full files if present, else the embedded subset), "
                    + "fashion-mnist-subset, cifar10, cifar100 (with data.dir), quadratic (analytic, no samples)"),
            new ConfigKey("data.dir", "", "directory holding the IDX files (default: the usual places)"),
            new ConfigKey("partition", "iid", "how data is dealt to agents: iid, dirichlet:A, classes:C, skew, quantity:B, labelgroups:…, rotation:…, "
                    + "with options :n=COUNT :test=COUNT :val=COUNT (see peerlearn.data)"),
            new ConfigKey("model", "mlp", "model: " + String.join(", ", peerlearn.nn.Zoo.NAMES)),
            new ConfigKey("topology", "ring", "graph: " + peerlearn.graph.TopologySpec.GRAPHS + "; or a schedule: "
                    + peerlearn.graph.TopologySpec.SCHEDULES),
            new ConfigKey("mixing", "metropolis", "mixing matrix W on the graph: " + peerlearn.graph.TopologySpec.MIXINGS),
            new ConfigKey("rounds", "", "rounds (iterations) to run; give rounds or epochs"),
            new ConfigKey("epochs", "1", "passes over each agent's data (used when rounds is not given)"),
            new ConfigKey("batch", "32", "minibatch size B per agent"),
            new ConfigKey("lr", "0.05", "base learning rate η"),
            new ConfigKey("schedule", "constant", "learning-rate schedule over epochs: constant, step:S:G, multistep:M1,M2:G, exp:G, cosine, ngc"),
            new ConfigKey("optimizer", "sgd", "local optimizer: sgd, adam, adamw, rmsprop"),
            new ConfigKey("momentum", "0", "local momentum of the optimizer (0 for none)"),
            new ConfigKey("nesterov", "false", "Nesterov form of the local momentum"),
            new ConfigKey("weight_decay", "0", "L2 weight decay λ"),
            new ConfigKey("eval_every", "", "rounds between evaluations (default: about 20 points over the run)"),
            new ConfigKey("eval.global_samples", "2000", "global test samples used per evaluation (0 = all)"),
            new ConfigKey("select", "last", "which model of each agent is tested at an evaluation point: last (the current one) "
                    + "or best_validation (lowest validation loss so far; needs the partition option :val=COUNT)"),
            new ConfigKey("quadratic.dim", "10", "dimension d of the analytic quadratic problem"),
            new ConfigKey("quadratic.noise", "0", "gradient noise σ of the analytic quadratic problem"),
            new ConfigKey("faults", "none", "fault injection: none, or drop:P, crash:AGENT@ROUND, straggler:AGENT@MS joined by ','"),
            new ConfigKey("checkpoint_every", "0", "rounds between checkpoints written to the run folder (0 = none); "
                    + "continue a stopped run with: tools/peerlearn resume DIR"),
            new ConfigKey("seed", "1", "seed of every random stream"));

    private final Map<String, String> values;

    private ExperimentConfig(Map<String, String> values) {
        this.values = values;
    }

    /** Checks {@code given} (unknown keys, malformed values) and fills in the defaults. */
    public static ExperimentConfig of(Map<String, String> given) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String k : given.keySet()) {
            if (!k.startsWith("algo.") && KEYS.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException("unknown configuration key '" + k + "'; known keys: "
                        + String.join(", ", KEYS.stream().map(ConfigKey::name).toList()) + ", algo.NAME");
            }
        }
        for (ConfigKey c : KEYS) {
            v.put(c.name(), given.getOrDefault(c.name(), c.defaultValue()).trim());
        }
        new TreeMap<>(given).forEach((k, val) -> {
            if (k.startsWith("algo.")) {
                v.put(k, val.trim());
            }
        });
        if (v.get("name").isEmpty()) {
            v.put("name", v.get("algorithm"));
        }
        ExperimentConfig c = new ExperimentConfig(v);
        c.validate();
        return c;
    }

    /** Reads a {@code .properties} file; keys given in {@code overrides} replace the file's. */
    public static ExperimentConfig load(Path file, Map<String, String> overrides) throws IOException {
        Map<String, String> m = read(file);
        m.putAll(overrides);
        try {
            return of(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** The key = value pairs of a {@code .properties} file, unchecked. */
    public static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("configuration file " + file + " does not exist");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("configuration file " + file + " is not valid UTF-8 text", e);
        } catch (IllegalArgumentException e) { // Properties.load: a malformed \\uXXXX escape
            throw new IllegalArgumentException("configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : new java.util.TreeSet<>(p.stringPropertyNames())) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }

    /** The same experiment with some keys replaced (e.g. another algorithm for a comparison). */
    public ExperimentConfig with(Map<String, String> changes) {
        Map<String, String> m = new LinkedHashMap<>(values);
        if (changes.containsKey("algorithm") && !changes.containsKey("name")) {
            m.put("name", changes.get("algorithm"));
        }
        m.putAll(changes);
        return of(m);
    }

    private void validate() {
        Algorithm a = algorithm();
        positiveInt("agents");
        positiveInt("batch");
        positiveDouble("lr");
        if (!values.get("rounds").isEmpty()) {
            positiveInt("rounds");
        }
        positiveDouble("epochs");
        if (integer("checkpoint_every") < 0) {
            throw new IllegalArgumentException("checkpoint_every = '" + values.get("checkpoint_every") + "': must be ≥ 0");
        }
        if (!values.get("eval_every").isEmpty()) {
            positiveInt("eval_every");
        }
        nonNegativeInt("eval.global_samples");
        positiveInt("quadratic.dim");
        nonNegativeDouble("quadratic.noise");
        nonNegativeDouble("momentum");
        if (number("momentum") >= 1) {
            throw bad("momentum", "must be below 1");
        }
        nonNegativeDouble("weight_decay");
        bool("nesterov");
        longValue("seed");
        if (!List.of("sgd", "adam", "adamw", "rmsprop").contains(text("optimizer"))) {
            throw bad("optimizer", "expected sgd, adam, adamw or rmsprop");
        }
        try {
            peerlearn.optim.Schedule.parse(text("schedule"), number("lr"), 1);
        } catch (IllegalArgumentException e) {
            throw bad("schedule", e.getMessage());
        }
        if (!List.of("fashion-mnist", "fashion-mnist-subset", "cifar10", "cifar100", "quadratic").contains(text("data"))) {
            throw bad("data", "expected fashion-mnist, fashion-mnist-subset, cifar10, cifar100 or quadratic");
        }
        if (!text("data").equals("quadratic")) {
            if (!peerlearn.nn.Zoo.NAMES.contains(text("model"))) {
                throw bad("model", "expected one of " + String.join(", ", peerlearn.nn.Zoo.NAMES));
            }
            try {
                // Fashion-MNIST and CIFAR-10 have 10 classes, CIFAR-100 100: refused before the data are read
                peerlearn.data.PartitionSpec.parse(text("partition")).requireFits(text("data").equals("cifar100") ? 100 : 10);
            } catch (IllegalArgumentException e) {
                throw bad("partition", e.getMessage());
            }
        }
        if (!ModelSelection.RULES.contains(text("select"))) {
            throw bad("select", "expected " + String.join(" or ", ModelSelection.RULES));
        }
        if (text("select").equals("best_validation") && (text("data").equals("quadratic")
                || peerlearn.data.PartitionSpec.parse(text("partition")).validationPerAgent() == 0)) {
            throw bad("select", "needs validation samples: give a data set and the partition option :val=COUNT (partition = '"
                    + text("partition") + "')");
        }
        try {
            peerlearn.graph.TopologySpec.mixing(text("mixing"));
        } catch (IllegalArgumentException e) {
            throw bad("mixing", e.getMessage());
        }
        Runner.faults(this);
        params().checkKnown(a.name(), a.params());
        if (!text("name").matches("[A-Za-z0-9._-]+")) {
            throw bad("name", "use letters, digits, '.', '_' and '-' only");
        }
    }

    /** The resolved value of {@code key} (defaults filled in). */
    public String text(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "'");
        }
        return v;
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(text(key));
        } catch (NumberFormatException e) {
            throw bad(key, "expected an integer");
        }
    }

    public long longValue(String key) {
        try {
            return Long.parseLong(text(key));
        } catch (NumberFormatException e) {
            throw bad(key, "expected an integer");
        }
    }

    public double number(String key) {
        try {
            double d = Double.parseDouble(text(key));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(key, "expected a finite number");
        }
    }

    public boolean bool(String key) {
        return switch (text(key)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw bad(key, "expected true or false");
        };
    }

    public boolean has(String key) {
        return !text(key).isEmpty();
    }

    public Algorithm algorithm() {
        try {
            return Algorithms.get(text("algorithm"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("algorithm = '" + text("algorithm") + "': " + e.getMessage());
        }
    }

    /** The {@code algo.*} values without their prefix. */
    public Params params() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("algo.")) {
                m.put(k.substring(5), v);
            }
        });
        return new Params(m);
    }

    public String name() { return text("name"); }
    public int agents() { return integer("agents"); }
    public long seed() { return longValue("seed"); }

    /** All resolved values in listing order (then {@code algo.*} sorted). */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Writes the resolved configuration as a {@code .properties} file with each key's description. */
    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# peerlearn experiment, resolved configuration (defaults filled in).");
        lines.add("# Repeat it with: tools/peerlearn run --config " + file.getFileName());
        for (ConfigKey c : KEYS) {
            lines.add("# " + c.description());
            lines.add(escape(c.name()) + "=" + escape(values.get(c.name())));
        }
        values.forEach((k, v) -> {
            if (k.startsWith("algo.")) {
                lines.add(escape(k) + "=" + escape(v));
            }
        });
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** {@code .properties} escaping: backslash, separators, comment marks, non-Latin-1 as \\uXXXX. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\', '=', ':', '#', '!' -> b.append('\\').append(ch);
                case ' ' -> b.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    private void positiveInt(String key) {
        if (integer(key) <= 0) {
            throw bad(key, "must be a positive integer");
        }
    }

    private void nonNegativeInt(String key) {
        if (integer(key) < 0) {
            throw bad(key, "must be zero or positive");
        }
    }

    private void positiveDouble(String key) {
        if (!(number(key) > 0)) {
            throw bad(key, "must be positive");
        }
    }

    private void nonNegativeDouble(String key) {
        if (!(number(key) >= 0)) {
            throw bad(key, "must be zero or positive");
        }
    }

    private IllegalArgumentException bad(String key, String why) {
        return new IllegalArgumentException(key + " = '" + values.get(key) + "': " + why);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
