package peerlearn.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * How a flat parameter vector is divided: an ordered list of named {@link Segment}s that tile
 * {@code [0, size)} without gaps, per parameter tensor (e.g. {@code conv1.weight}), plus named
 * groups of them (e.g. {@code body}, {@code head}) that personalized algorithms select by name.
 */
public final class ParameterLayout {
    private final List<Segment> parameters;
    private final java.util.Map<String, List<Segment>> groups;
    private final int size;

    public ParameterLayout(List<Segment> parameters, java.util.Map<String, List<Segment>> groups) {
        this.parameters = List.copyOf(parameters);
        int expected = 0;
        for (Segment s : this.parameters) {
            if (s.offset() != expected) {
                throw new IllegalArgumentException("segment " + s.name() + " starts at " + s.offset()
                        + " but the previous segment ends at " + expected);
            }
            expected = s.end();
        }
        this.size = expected;
        var copy = new java.util.LinkedHashMap<String, List<Segment>>();
        groups.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.groups = java.util.Collections.unmodifiableMap(copy);
    }

    /** A layout with one segment named {@code name} covering {@code size} floats. */
    public static ParameterLayout single(String name, int size) {
        Segment s = new Segment(name, 0, size);
        return new ParameterLayout(List.of(s), java.util.Map.of());
    }

    public int size() {
        return size;
    }

    public List<Segment> parameters() {
        return parameters;
    }

    public java.util.Set<String> groupNames() {
        return groups.keySet();
    }

    /** The segments of a group (e.g. "body"), or of the single parameter with that name. */
    public List<Segment> group(String name) {
        List<Segment> g = groups.get(name);
        if (g != null) {
            return g;
        }
        for (Segment s : parameters) {
            if (s.name().equals(name)) {
                return List.of(s);
            }
        }
        throw new IllegalArgumentException("no segment or group named '" + name + "'; groups are "
                + groups.keySet() + ", parameters " + parameters.stream().map(Segment::name).toList());
    }

    /** Number of floats in a group. */
    public int groupSize(String name) {
        int n = 0;
        for (Segment s : group(name)) {
            n += s.length();
        }
        return n;
    }

    /** A copy of the group's floats, concatenated in segment order. */
    public float[] gather(String name, float[] flat) {
        float[] out = new float[groupSize(name)];
        int at = 0;
        for (Segment s : group(name)) {
            System.arraycopy(flat, s.offset(), out, at, s.length());
            at += s.length();
        }
        return out;
    }

    /** Writes a gathered group back into the flat vector. */
    public void scatter(String name, float[] packed, float[] flat) {
        int at = 0;
        for (Segment s : group(name)) {
            System.arraycopy(packed, at, flat, s.offset(), s.length());
            at += s.length();
        }
        if (at != packed.length) {
            throw new IllegalArgumentException("group " + name + " has " + at + " floats, got " + packed.length);
        }
    }

    /** Builds a layout parameter by parameter. */
    public static final class Builder {
        private final List<Segment> parameters = new ArrayList<>();
        private final java.util.Map<String, List<Segment>> groups = new java.util.LinkedHashMap<>();
        private int size;

        /** Appends a parameter of {@code length} floats, optionally in the named groups. */
        public Segment add(String name, int length, String... groupNames) {
            Segment s = new Segment(name, size, length);
            parameters.add(s);
            size += length;
            for (String g : groupNames) {
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(s);
            }
            return s;
        }

        public ParameterLayout build() {
            return new ParameterLayout(parameters, groups);
        }
    }
}
