package peerlearn.experiment;

/** Receives a run's evaluation points as they complete (e.g. a terminal progress bar). */
public interface Progress {
    /** Called once before the first round. */
    default void start(String name, int rounds) {}

    /** Called after each evaluation point, in order. */
    default void point(EvalPoint p, int rounds) {}

    /** Called after each checkpoint: rounds done, the file's size and the seconds it took to assemble and write. */
    default void checkpoint(int roundsDone, long bytes, double seconds) {}

    /** Called once when the run has ended (normally or not). */
    default void finish() {}

    /** Reports nothing (quiet mode, tests). */
    static Progress silent() {
        return new Progress() {};
    }
}
