package peerlearn.net;

/**
 * Thrown inside an agent's thread when the run has been stopped (another agent failed, or the
 * observer did) while this agent was waiting for or sending a message. The runtime recognises it
 * and reports the original failure, not this.
 */
public final class RunStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunStoppedException(String message) {
        super(message);
    }
}
