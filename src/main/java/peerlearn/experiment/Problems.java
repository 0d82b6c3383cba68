package peerlearn.experiment;

/** Builds the {@link Problem} a configuration names. */
final class Problems {
    private Problems() {}

    static Problem create(ExperimentConfig c, DataSets data) {
        return c.text("data").equals("quadratic")
                ? new QuadraticProblem(c.agents(), c.integer("quadratic.dim"), c.number("quadratic.noise"), c.seed())
                : new DatasetProblem(c, data);
    }
}
