package peerlearn.experiment;

/** A run stopped because a quantity became NaN or infinite; the message names agent, round and quantity. */
public final class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergenceException(int agent, int round, String quantity, double value) {
        super("diverged: agent " + agent + ", round " + round + ": " + quantity + " is " + value
                + " (try a smaller learning rate)");
    }
}
