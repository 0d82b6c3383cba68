package peerlearn.experiment;

/**
 * A run stopped after a given round on purpose, as if its process had been killed there (the
 * test hook of {@link Runner#run(ExperimentConfig, Progress, DataSets, java.nio.file.Path, int)});
 * its folder holds the checkpoints written until then and nothing else.
 */
public final class RunHaltedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int round;

    public RunHaltedException(int round) {
        super("run halted after round " + round);
        this.round = round;
    }

    /** The last round every agent completed. */
    public int round() {
        return round;
    }
}
