package peerlearn.state;

/**
 * A component whose state a checkpoint must hold. {@link #state(State)} names every value that
 * changes while the component runs, in a fixed order; the same method saves (the state writes the
 * values) and restores (the state overwrites them), so the two can never disagree.
 */
public interface Stateful {
    /** Visits this component's changing values, in a fixed order. */
    void state(State s);
}
