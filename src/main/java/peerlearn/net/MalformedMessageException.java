package peerlearn.net;

/** Bytes that are not a valid peerlearn message or payload; the message says which field and why. */
public final class MalformedMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
