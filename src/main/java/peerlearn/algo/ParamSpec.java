package peerlearn.algo;

/**
 * One named hyper-parameter an algorithm reads: its default, the closed range [min, max] a
 * numeric value must lie in (infinite bounds for none, or for text values), a one-line
 * description for {@code --help}, and a check of a text value that throws for a bad one (by
 * default none), run when the configuration is read.
 */
public record ParamSpec(String name, String defaultValue, double min, double max, boolean integer, String description,
                        java.util.function.Consumer<String> check) {
    /** A spec whose value needs no check beyond its range. */
    public ParamSpec(String name, String defaultValue, double min, double max, boolean integer, String description) {
        this(name, defaultValue, min, max, integer, description, v -> { });
    }

    /** A real number in [min, max]. */
    public static ParamSpec real(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec(name, format(defaultValue), min, max, false, description);
    }

    /** An integer in [min, max]. */
    public static ParamSpec whole(String name, int defaultValue, int min, int max, String description) {
        return new ParamSpec(name, Integer.toString(defaultValue), min, max, true, description);
    }

    /** A text value (e.g. a compressor specification), checked by the algorithm itself. */
    public static ParamSpec text(String name, String defaultValue, String description) {
        return new ParamSpec(name, defaultValue, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, description);
    }

    /**
     * A text value with a {@code check} that throws {@link IllegalArgumentException} for a bad
     * value, so the configuration refuses it before anything runs.
     */
    public static ParamSpec text(String name, String defaultValue, String description,
                                 java.util.function.Consumer<String> check) {
        return new ParamSpec(name, defaultValue, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, description,
                check);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
