package peerlearn.algo;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An algorithm's own hyper-parameters (γ, β, μ, α, …) as named values, read generically from the
 * configuration: key {@code algo.NAME} in a {@code .properties} file, {@code --param NAME=VALUE}
 * on the command line. An algorithm declares the names it reads with {@link ParamSpec}s; the
 * registry rejects any other name, so a typo never passes silently.
 */
public final class Params {
    private final Map<String, String> values;

    /** Values by name (copied); names are without the {@code algo.} prefix. */
    public Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Params none() {
        return new Params(Map.of());
    }

    /** All values given, sorted by name. */
    public Map<String, String> values() {
        return values;
    }

    /** The value of {@code name} as a finite double, or the declared default when not given. */
    public double number(ParamSpec spec) {
        String v = values.getOrDefault(spec.name(), spec.defaultValue());
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            if (d < spec.min() || d > spec.max()) {
                throw new IllegalArgumentException("algo." + spec.name() + " = " + v + " is outside ["
                        + spec.min() + ", " + spec.max() + "]");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("algo." + spec.name() + " = '" + v + "' is not a finite number");
        }
    }

    /** The value of {@code name} as an integer, or the declared default. */
    public int integer(ParamSpec spec) {
        double d = number(spec);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException("algo." + spec.name() + " = " + values.getOrDefault(spec.name(),
                    spec.defaultValue()) + " is not an integer");
        }
        return (int) d;
    }

    /** The raw string value of {@code name}, or the declared default. */
    public String text(ParamSpec spec) {
        return values.getOrDefault(spec.name(), spec.defaultValue()).trim();
    }

    /** Throws, naming the key and the accepted names, if a value was given that no spec declares. */
    public void checkKnown(String algorithm, List<ParamSpec> specs) {
        for (String name : values.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("algorithm " + algorithm + " has no parameter algo." + name
                        + (specs.isEmpty() ? " (it takes none)" : "; it takes " + String.join(", ",
                        specs.stream().map(s -> "algo." + s.name()).toList())));
            }
        }
        for (ParamSpec s : specs) {
            if (s.integer()) {
                integer(s);
            } else if (s.min() > Double.NEGATIVE_INFINITY || s.max() < Double.POSITIVE_INFINITY) {
                number(s);
            } else {
                try {
                    s.check().accept(text(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("algo." + s.name() + " = '" + text(s) + "': " + e.getMessage(), e);
                }
            }
        }
    }
}
