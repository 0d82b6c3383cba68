package peerlearn.state;

/**
 * Saved state that cannot be restored: bytes that are not what {@link StateWriter} writes, or an
 * entry whose name, kind or length differs from what the restoring component expects. The
 * message names the entry.
 */
public final class StateFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public StateFormatException(String message) {
        super(message);
    }
}
