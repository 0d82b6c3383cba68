package peerlearn.algo;

import peerlearn.graph.MixingRow;
import peerlearn.graph.Topology;
import peerlearn.net.Endpoint;
import peerlearn.objective.Objective;
import peerlearn.rng.Rng;

/**
 * What an agent program is given: its id, its network endpoint, its own objective (its data and
 * model buffers), the topology (it reads only its own row), and its own random stream.
 */
public record AgentContext(int id, Endpoint net, Objective objective, Topology topology, Rng rng) {
    /** Row {@code id} of W^(k). */
    public MixingRow mixing(int round) {
        return topology.at(round).row(id);
    }
}
