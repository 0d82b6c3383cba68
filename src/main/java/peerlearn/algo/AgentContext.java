package peerlearn.algo;

import peerlearn.graph.MixingRow;
import peerlearn.graph.Topology;
import peerlearn.net.Endpoint;
import peerlearn.objective.Objective;
import peerlearn.rng.Rng;

/**
 * What an agent program is given: its id, its network endpoint, its own objective (its data and
 * model buffers), the topology (it reads only its own row), its own random stream, and the
 * training hyper-parameters (learning-rate schedule, local optimizer, the algorithm's own
 * {@link Params}).
 */
public record AgentContext(int id, Endpoint net, Objective objective, Topology topology, Rng rng, Training training) {
    public AgentContext {
        if (net.self() != id) {
            throw new IllegalArgumentException("agent " + id + " was given the endpoint of agent " + net.self());
        }
    }

    /** A context with plain SGD at η = 0.1 (kept for callers that predate {@link Training}). */
    public AgentContext(int id, Endpoint net, Objective objective, Topology topology, Rng rng) {
        this(id, net, objective, topology, rng, Training.sgd(0.1));
    }

    /** Row {@code id} of W^(k). */
    public MixingRow mixing(int round) {
        return topology.at(round).row(id);
    }

    /** η at round k. */
    public float lr(int round) {
        return training.lr(round);
    }

    /** The algorithm's own named hyper-parameters. */
    public Params params() {
        return training.params();
    }
}
