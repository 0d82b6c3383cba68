package peerlearn.algo;

import java.util.ArrayList;
import java.util.List;
import peerlearn.graph.Topology;
import peerlearn.net.AgentRuntime;
import peerlearn.net.InMemoryNetwork;
import peerlearn.objective.Objective;
import peerlearn.rng.Rng;

/**
 * An algorithm run on the real runtime (one virtual thread per agent, byte messages) with every
 * agent's parameters recorded after every round, for theory tests that follow a trajectory.
 *
 * @param x         x[k][i] = x_i^k for k = 0 (the start) … rounds
 * @param bytesSent bytes each agent put on the wire, headers included
 */
record Trajectory(float[][][] x, long[] bytesSent) {
    /** Runs {@code algorithm} on agents with objectives {@code f} over {@code t} for {@code rounds} rounds. */
    static Trajectory record(String algorithm, Objective[] f, Topology t, Training training, int rounds, long seed) {
        int n = f.length;
        InMemoryNetwork net = new InMemoryNetwork(t.contactGraph());
        List<AgentRuntime.Agent<float[]>> agents = new ArrayList<>();
        float[][][] x = new float[rounds + 1][n][];
        for (int i = 0; i < n; i++) {
            x[0][i] = f[i].initialParameters();
            AgentProgram p = Algorithms.get(algorithm).create(
                    new AgentContext(i, net.endpoint(i), f[i], t, Rng.stream(seed, i, "algorithm"), training));
            agents.add(new AgentRuntime.Agent<>() {
                @Override public void round(int k) { p.round(k); }
                @Override public float[] snapshot(int k) { return p.parameters().clone(); }
            });
        }
        AgentRuntime.run(net, rounds, agents, k -> true, (k, snaps) -> {
            for (int i = 0; i < n; i++) {
                x[k + 1][i] = snaps.get(i);
            }
        });
        long[] bytes = new long[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = net.endpoint(i).bytesSent();
        }
        return new Trajectory(x, bytes);
    }

    /** x̄^k = (1/N) Σ_i x_i^k in double. */
    double[] mean(int k) {
        float[][] xk = x[k];
        double[] m = new double[xk[0].length];
        for (float[] xi : xk) {
            for (int c = 0; c < m.length; c++) {
                m[c] += xi[c];
            }
        }
        for (int c = 0; c < m.length; c++) {
            m[c] /= xk.length;
        }
        return m;
    }

    /** ‖X^k − 1x̄ᵀ‖_F, the disagreement after k rounds. */
    double disagreement(int k) {
        double[] m = mean(k);
        double s = 0;
        for (float[] xi : x[k]) {
            for (int c = 0; c < m.length; c++) {
                s += (xi[c] - m[c]) * (xi[c] - m[c]);
            }
        }
        return Math.sqrt(s);
    }

    /** max(1, max |x_i^k|) over the run: the scale of float32 rounding errors. */
    double maxAbs() {
        double m = 1;
        for (float[][] xk : x) {
            for (float[] xi : xk) {
                for (float v : xi) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m;
    }

    int rounds() {
        return x.length - 1;
    }
}
