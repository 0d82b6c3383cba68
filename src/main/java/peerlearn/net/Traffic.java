package peerlearn.net;

/** Bytes and messages per agent, headers included (index = agent id). */
public record Traffic(long[] bytesSent, long[] bytesReceived, long[] messagesSent) {
    public long totalBytesSent() {
        long s = 0;
        for (long b : bytesSent) {
            s += b;
        }
        return s;
    }

    public long totalMessagesSent() {
        long s = 0;
        for (long m : messagesSent) {
            s += m;
        }
        return s;
    }
}
