package peerlearn.algo;

import java.util.Map;

/**
 * One agent's side of a decentralized algorithm. It owns its state and learns about other agents
 * only from messages on its {@link peerlearn.net.Endpoint}. The runner calls {@link #round(int)}
 * for k = 0, 1, … on the agent's own virtual thread, and the other methods on that same thread
 * between rounds (so a program needs no locking).
 */
public interface AgentProgram extends peerlearn.state.Stateful {
    /** Performs round (iteration) k: local computation and the messages it needs. */
    void round(int k);

    /**
     * Visits everything this agent's program keeps from one round to the next (parameters,
     * momentum, optimizer buffers, compressor memories, statistics gathered for the next
     * evaluation), for a checkpoint taken between rounds. Scratch buffers that every round
     * overwrites before reading are left out. The agent's objective (its minibatch stream) and
     * its {@code ctx.rng()} stream are saved by the runner, not here.
     */
    @Override
    void state(peerlearn.state.State s);

    /** The parameters to evaluate now (the personalized model where the algorithm has one). */
    float[] parameters();

    /**
     * The training loss F_i(x; ξ) of the last minibatch, for divergence checks and progress; NaN
     * when the program has not computed one.
     */
    default double lastLoss() {
        return Double.NaN;
    }

    /**
     * Extra per-agent values to record at an evaluation point (e.g. a clustering score), by name;
     * each name becomes a column of {@code metrics.csv}. Names must be the same at every point.
     */
    default Map<String, Double> extraMetrics() {
        return Map.of();
    }

    /**
     * The weights this agent currently gives its neighbours, in the order of
     * {@code net.peers()} (e.g. attention coefficients), for the report's topology drawing; null
     * when they are simply the mixing matrix's.
     */
    default double[] edgeWeights() {
        return null;
    }
}
