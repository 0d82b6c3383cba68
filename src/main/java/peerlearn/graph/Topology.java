package peerlearn.graph;

/** The mixing matrix in force at each round: fixed, or a seeded time-varying schedule. */
public interface Topology {
    /** W^(k). Must be a pure function of k (and the seed the topology was built with). */
    MixingMatrix at(int round);

    /** Number of agents. */
    int size();

    /** A topology that never changes. */
    static Topology fixed(MixingMatrix w) {
        return new Topology() {
            @Override public MixingMatrix at(int round) { return w; }
            @Override public int size() { return w.size(); }
        };
    }
}
