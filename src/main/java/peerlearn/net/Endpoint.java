package peerlearn.net;

/**
 * One agent's view of the network: its id, the peers it may contact, and byte messages.
 * Everything an agent learns of another agent arrives through here, as bytes.
 *
 * <p>A message is addressed by (sender, type, round); a receiver asks for exactly the messages it
 * needs, in any order, so no global barrier is needed. Fault injection may drop a message or crash
 * a sender: the receiver then gets {@code null} (a definite "missing" marker, never a time-out),
 * so runs stay reproducible.
 */
public interface Endpoint {
    /** This agent's id. */
    int self();

    /**
     * The agents this one may contact, sorted ascending: its neighbours in the transport's contact
     * graph (N(i) for a fixed topology; the union over rounds for a time-varying one).
     */
    int[] peers();

    /**
     * Sends {@code payload} to {@code to}; the bytes on the wire (header included) are counted.
     * The transport copies the payload into the frame it sends, so the caller may reuse the array
     * as soon as this returns.
     */
    void send(int to, int type, int round, byte[] payload);

    /**
     * Sends the same payload to each agent of {@code to}: the messages, faults and byte counts of
     * one {@link #send} per agent, in that order, but the transport may encode the frame once
     * (its header names no receiver). Every agent of {@code to} is checked to be a peer first.
     */
    default void sendEach(int[] to, int type, int round, byte[] payload) {
        for (int j : to) {
            send(j, type, round, payload);
        }
    }

    /**
     * A payload that writes itself into the frame that carries it ({@link #sendEach(int[], int,
     * int, Payload)}), so the sender keeps no encoded copy and the transport copies nothing:
     * {@link Codec#densePayload} for a dense vector.
     */
    interface Payload {
        /** Its length in bytes. */
        int bytes();

        /**
         * Writes all {@link #bytes()} of it into {@code out}, a little-endian buffer with position 0
         * and limit {@code bytes()} (the bytes there before are undefined: every one must be written).
         */
        void writeTo(java.nio.ByteBuffer out);
    }

    /**
     * As {@link #sendEach(int[], int, int, byte[])}, the payload written straight into the frame.
     * Default: written into a new array, then sent as that.
     */
    default void sendEach(int[] to, int type, int round, Payload payload) {
        byte[] bytes = new byte[payload.bytes()];
        payload.writeTo(java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN));
        sendEach(to, type, round, bytes);
    }

    /**
     * Waits for the message of the given type and round from {@code from} and returns its payload,
     * or {@code null} if it was dropped or {@code from} has crashed.
     */
    byte[] receive(int from, int type, int round);

    /**
     * As {@link #receive}, but returns a read-only little-endian view of the payload inside the
     * received frame (position 0, limit the payload length) instead of a copy of it; {@code null}
     * when {@code receive} would return {@code null}. Decode it with
     * {@link Codec#decodeInto(java.nio.ByteBuffer, float[])}. The view is good until the receiver
     * completes its current round (its runtime reports that to the transport), which may then
     * write the frame again for a later message: read it within the round, copy what must last.
     */
    java.nio.ByteBuffer receiveView(int from, int type, int round);

    /**
     * Makes {@code payload} available to any peer that pulls it for this round (DAC-style "pull the
     * model of a sampled peer"); nothing is counted until someone pulls.
     */
    void publish(int type, int round, byte[] payload);

    /**
     * Waits for {@code from}'s published payload of this type and round; counts its bytes as sent
     * by {@code from} and received here. {@code null} if {@code from} crashed or the pull was dropped.
     */
    byte[] pull(int from, int type, int round);

    /** As {@link #pull}, returning a read-only view of the payload as {@link #receiveView} does. */
    java.nio.ByteBuffer pullView(int from, int type, int round);

    /** Bytes this agent has put on the wire so far (headers included). */
    long bytesSent();

    /**
     * Bytes of this agent's own sends and pull requests so far, leaving out the replies to other
     * agents' pulls (which are counted in {@link #bytesSent()} when they happen, i.e. at times set
     * by the pullers). Default: {@link #bytesSent()}, for transports without pulls.
     */
    default long ownBytesSent() {
        return bytesSent();
    }

    /** Bytes this agent has received so far (headers included). */
    long bytesReceived();

    /** Messages this agent has sent so far. */
    long messagesSent();
}
