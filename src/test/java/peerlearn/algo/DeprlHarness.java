package peerlearn.algo;

import java.util.ArrayList;
import java.util.List;
import peerlearn.graph.Topology;
import peerlearn.net.AgentRuntime;
import peerlearn.net.InMemoryNetwork;
import peerlearn.objective.Objective;
import peerlearn.rng.Rng;

/** Runs an algorithm's agents on the in-memory network with every round observed (x_i copies) and the traffic returned. */
final class DeprlHarness {
    private DeprlHarness() {}

    /** Receives X^{k+1} (row i = agent i's parameters) after each round k. */
    interface Rounds {
        void after(int k, float[][] x);
    }

    static AgentRuntime.Summary run(String algorithm, Objective[] f, Topology t, Training training, int rounds, Rounds observer) {
        int n = f.length;
        InMemoryNetwork net = new InMemoryNetwork(t.contactGraph());
        List<AgentRuntime.Agent<float[]>> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AgentContext ctx = new AgentContext(i, net.endpoint(i), f[i], t, Rng.stream(1, i, "algorithm"), training);
            AgentProgram p = Algorithms.get(algorithm).create(ctx);
            agents.add(new AgentRuntime.Agent<>() {
                @Override
                public void round(int k) {
                    p.round(k);
                }

                @Override
                public float[] snapshot(int k) {
                    return p.parameters().clone();
                }
            });
        }
        return AgentRuntime.run(net, rounds, agents, k -> true, (k, s) -> observer.after(k, s.toArray(float[][]::new)));
    }
}
