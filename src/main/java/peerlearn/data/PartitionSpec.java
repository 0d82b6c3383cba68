package peerlearn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A partition as text, for configuration files and the command line: a {@link PartitionScheme}
 * plus optional fixed per-agent sizes. Syntax (full description in {@code package-info.java}):
 * <pre>
 *   spec   := scheme (":" option)*
 *   scheme := "iid" | "skew" | "dirichlet:" α | "shards:" k | "classes:" c | "quantity:" β
 *           | "labelswap:" p ("," p)*
 *           | "labelgroups:" labels ("/" labels)* "@" p ("," p)*
 *           | "rotation:" angle ("," angle)* "@" p ("," p)*
 *   option := "n=" count | "test=" count | "val=" count | "min=" count | "balanced" | "nearest" | "bilinear"
 * </pre>
 *
 * @param trainPerAgent      exactly this many training samples per agent (a random subset of what
 *                           the scheme deals), or 0 for all
 * @param testPerAgent       at most this many test samples per agent, or 0 for all
 * @param validationPerAgent this many of each agent's training samples held out for validation
 *                           ({@link Partitioner#holdOut}), or 0 for no validation split; with
 *                           {@code n=500:val=100} an agent trains on 400 and validates on 100
 */
public record PartitionSpec(String text, PartitionScheme scheme, int trainPerAgent, int testPerAgent,
                            int validationPerAgent) {
    /** Default minimum agent size for Dirichlet and quantity skew (NIID-Bench's value). */
    public static final int DEFAULT_MIN_SIZE = 10;

    public PartitionSpec {
        if (trainPerAgent < 0 || testPerAgent < 0 || validationPerAgent < 0) {
            throw new IllegalArgumentException("per-agent sizes must be ≥ 0, got n=" + trainPerAgent + " test=" + testPerAgent
                    + " val=" + validationPerAgent);
        }
        if (trainPerAgent > 0 && validationPerAgent >= trainPerAgent) {
            throw new IllegalArgumentException("val=" + validationPerAgent + " holds out all of the n=" + trainPerAgent
                    + " training samples per agent; keep val below n");
        }
    }

    /** A spec with no validation split. */
    public PartitionSpec(String text, PartitionScheme scheme, int trainPerAgent, int testPerAgent) {
        this(text, scheme, trainPerAgent, testPerAgent, 0);
    }

    /** A spec for a scheme with no fixed sizes; its text is written out canonically. */
    public static PartitionSpec of(PartitionScheme scheme) {
        return new PartitionSpec(describe(scheme), scheme, 0, 0);
    }

    /** Deals {@code data} to {@code agents} agents; see {@link Partitioner}. */
    public Partition apply(Split data, int agents, long seed) {
        return Partitioner.partition(data, agents, this, seed);
    }

    /**
     * Throws unless the scheme can be dealt from a data set of {@code classes} classes: at most
     * that many classes per agent, label groups only of labels in [0, classes). Checked before
     * dealing, and by the configuration before any data are read.
     */
    public void requireFits(int classes) {
        switch (scheme) {
            case PartitionScheme.ClassesPerAgent s when s.classes() > classes -> throw new IllegalArgumentException(
                    "partition " + this + ": " + s.classes() + " classes per agent but the data has " + classes);
            case PartitionScheme.LabelGroups s -> {
                for (int[] group : s.groups()) {
                    for (int label : group) {
                        if (label < 0 || label >= classes) {
                            throw new IllegalArgumentException("partition " + this + ": label " + label
                                    + " is outside [0, " + classes + ")");
                        }
                    }
                }
            }
            default -> { }
        }
    }

    public static PartitionSpec parse(String text) {
        String[] parts = text.trim().split(":", -1);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        boolean hasArg = switch (kind) {
            case "iid", "skew" -> false;
            case "dirichlet", "classes", "quantity", "labelgroups", "rotation", "shards", "labelswap" -> true;
            default -> throw bad(text, "unknown scheme '" + parts[0]
                    + "' (iid, dirichlet, skew, shards, classes, labelgroups, labelswap, rotation, quantity)");
        };
        if (hasArg && (parts.length < 2 || parts[1].isEmpty())) {
            throw bad(text, kind + " needs an argument, e.g. " + example(kind));
        }
        String arg = hasArg ? parts[1] : null;
        int n = 0;
        int test = 0;
        int val = 0;
        int min = DEFAULT_MIN_SIZE;
        boolean balanced = false;
        Rotation.Interpolation interpolation = Rotation.Interpolation.BILINEAR;
        for (int k = hasArg ? 2 : 1; k < parts.length; k++) {
            String opt = parts[k].toLowerCase(Locale.ROOT);
            if (opt.startsWith("n=")) {
                n = count(text, opt);
            } else if (opt.startsWith("test=")) {
                test = count(text, opt);
            } else if (opt.startsWith("val=")) {
                val = count(text, opt);
            } else if (opt.startsWith("min=") && (kind.equals("dirichlet") || kind.equals("quantity"))) {
                min = count(text, opt);
            } else if (opt.equals("balanced") && kind.equals("dirichlet")) {
                balanced = true;
            } else if ((opt.equals("nearest") || opt.equals("bilinear")) && kind.equals("rotation")) {
                interpolation = Rotation.Interpolation.valueOf(opt.toUpperCase(Locale.ROOT));
            } else {
                throw bad(text, "option '" + parts[k] + "' does not apply to " + kind);
            }
        }
        try {
            PartitionScheme scheme = switch (kind) {
                case "iid" -> new PartitionScheme.Iid();
                case "skew" -> new PartitionScheme.Skew();
                case "dirichlet" -> new PartitionScheme.Dirichlet(number(text, "α", arg), balanced, min);
                case "quantity" -> new PartitionScheme.QuantitySkew(number(text, "β", arg), min);
                case "classes" -> new PartitionScheme.ClassesPerAgent(count(text, "classes=" + arg));
                case "shards" -> new PartitionScheme.Shards(count(text, "shards=" + arg));
                case "labelswap" -> new PartitionScheme.LabelSwap(numbers(text, "proportion", arg));
                case "labelgroups" -> {
                    String[] sides = atSplit(text, arg);
                    String[] groupTexts = sides[0].split("/", -1);
                    int[][] groups = new int[groupTexts.length][];
                    for (int g = 0; g < groups.length; g++) {
                        double[] labels = numbers(text, "label", groupTexts[g]);
                        groups[g] = new int[labels.length];
                        for (int j = 0; j < labels.length; j++) {
                            if (labels[j] != Math.rint(labels[j])) {
                                throw bad(text, "label " + labels[j] + " is not an integer");
                            }
                            groups[g][j] = (int) labels[j];
                        }
                    }
                    yield new PartitionScheme.LabelGroups(groups, numbers(text, "proportion", sides[1]));
                }
                case "rotation" -> {
                    String[] sides = atSplit(text, arg);
                    yield new PartitionScheme.RotationClusters(numbers(text, "angle", sides[0]),
                            numbers(text, "proportion", sides[1]), interpolation);
                }
                default -> throw new IllegalStateException(kind);
            };
            return new PartitionSpec(text.trim(), scheme, n, test, val);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("partition spec")) {
                throw e;
            }
            throw bad(text, e.getMessage());
        }
    }

    /** The canonical text of a scheme (without per-agent sizes). */
    static String describe(PartitionScheme scheme) {
        return switch (scheme) {
            case PartitionScheme.Iid s -> "iid";
            case PartitionScheme.Skew s -> "skew";
            case PartitionScheme.Dirichlet s -> "dirichlet:" + num(s.alpha()) + (s.balanced() ? ":balanced" : "")
                    + ":min=" + s.minSize();
            case PartitionScheme.QuantitySkew s -> "quantity:" + num(s.beta()) + ":min=" + s.minSize();
            case PartitionScheme.ClassesPerAgent s -> "classes:" + s.classes();
            case PartitionScheme.Shards s -> "shards:" + s.perAgent();
            case PartitionScheme.LabelSwap s -> "labelswap:" + join(s.proportions());
            case PartitionScheme.LabelGroups s -> {
                List<String> groups = new ArrayList<>();
                for (int[] g : s.groups()) {
                    groups.add(join(java.util.Arrays.stream(g).asDoubleStream().toArray()));
                }
                yield "labelgroups:" + String.join("/", groups) + "@" + join(s.proportions());
            }
            case PartitionScheme.RotationClusters s -> "rotation:" + join(s.angles()) + "@" + join(s.proportions())
                    + (s.interpolation() == Rotation.Interpolation.NEAREST ? ":nearest" : "");
        };
    }

    @Override
    public String toString() {
        return text;
    }

    private static String[] atSplit(String text, String arg) {
        String[] sides = arg.split("@", -1);
        if (sides.length != 2) {
            throw bad(text, "expected values@proportions, e.g. " + example(text.split(":")[0]));
        }
        return sides;
    }

    private static double[] numbers(String text, String what, String list) {
        String[] items = list.split(",", -1);
        double[] v = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            v[i] = number(text, what, items[i]);
        }
        return v;
    }

    private static double number(String text, String what, String s) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!Double.isFinite(v)) {
                throw bad(text, what + " must be finite, got '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(text, what + " must be a number, got '" + s + "'");
        }
    }

    private static int count(String text, String keyValue) {
        String value = keyValue.substring(keyValue.indexOf('=') + 1);
        try {
            int v = Integer.parseInt(value.trim());
            if (v < 0) {
                throw bad(text, keyValue + ": must be ≥ 0");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(text, keyValue + ": not a whole number");
        }
    }

    private static String example(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "dirichlet" -> "dirichlet:0.1";
            case "classes" -> "classes:3";
            case "quantity" -> "quantity:0.5";
            case "shards" -> "shards:2";
            case "labelswap" -> "labelswap:0.5,0.5";
            case "labelgroups" -> "labelgroups:0,1,8,9/2,3,4,5,6,7@0.4,0.6";
            case "rotation" -> "rotation:0,180,10,350@0.7,0.2,0.05,0.05";
            default -> kind;
        };
    }

    private static String join(double[] v) {
        List<String> s = new ArrayList<>();
        for (double x : v) {
            s.add(num(x));
        }
        return String.join(",", s);
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private static IllegalArgumentException bad(String text, String what) {
        return new IllegalArgumentException("partition spec '" + text + "': " + what);
    }
}
