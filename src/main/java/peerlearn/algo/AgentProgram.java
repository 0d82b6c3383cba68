package peerlearn.algo;

/**
 * One agent's side of a decentralized algorithm. It owns its state and learns about other agents
 * only from messages on its {@link peerlearn.net.Endpoint}. The runner calls {@link #round(int)}
 * for k = 0, 1, … on the agent's own virtual thread.
 */
public interface AgentProgram {
    /** Performs round (iteration) k: local computation and the messages it needs. */
    void round(int k);

    /** The parameters to evaluate now (the personalized model where the algorithm has one). */
    float[] parameters();
}
