package peerlearn.tensor;

/** A named range {@code [offset, offset + length)} of a flat parameter vector. */
public record Segment(String name, int offset, int length) {
    public Segment {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("segment " + name + " has offset " + offset + " and length " + length);
        }
    }

    public int end() {
        return offset + length;
    }

    public boolean contains(int index) {
        return index >= offset && index < end();
    }
}
