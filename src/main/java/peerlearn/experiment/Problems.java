package peerlearn.experiment;

/** Builds the {@link Problem} a configuration names. */
final class Problems {
    private Problems() {}

    static Problem create(ExperimentConfig c) {
        return switch (c.text("data")) {
            case "quadratic" -> new QuadraticProblem(c.agents(), c.integer("quadratic.dim"), c.number("quadratic.noise"),
                    c.seed());
            default -> throw new IllegalArgumentException("data = '" + c.text("data") + "': expected quadratic");
        };
    }
}
