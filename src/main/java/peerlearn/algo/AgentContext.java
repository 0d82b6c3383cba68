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
 *
 * <p>{@code clusters[j]} is agent j's ground-truth group as the data split defines it (the
 * rotation or label group of DAC's shifts; all 0 when the split defines none). It is knowledge
 * about the experiment, not state of another agent: only oracle baselines read it.
 */
public record AgentContext(int id, Endpoint net, Objective objective, Topology topology, Rng rng, Training training,
                           int[] clusters) {
    public AgentContext {
        if (net.self() != id) {
            throw new IllegalArgumentException("agent " + id + " was given the endpoint of agent " + net.self());
        }
        if (clusters.length != topology.size()) {
            throw new IllegalArgumentException(clusters.length + " cluster ids for " + topology.size() + " agents");
        }
        clusters = clusters.clone();
    }

    /** A context on a split without ground-truth clusters (every agent in cluster 0). */
    public AgentContext(int id, Endpoint net, Objective objective, Topology topology, Rng rng, Training training) {
        this(id, net, objective, topology, rng, training, new int[topology.size()]);
    }

    /** A context with plain SGD at η = 0.1 (kept for callers that predate {@link Training}). */
    public AgentContext(int id, Endpoint net, Objective objective, Topology topology, Rng rng) {
        this(id, net, objective, topology, rng, Training.sgd(0.1));
    }

    /** Every agent's ground-truth cluster, a copy. */
    @Override
    public int[] clusters() {
        return clusters.clone();
    }

    /** Agent j's ground-truth cluster (see the class comment). */
    public int cluster(int j) {
        return clusters[j];
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
