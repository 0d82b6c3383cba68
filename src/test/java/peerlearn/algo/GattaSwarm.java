package peerlearn.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import peerlearn.autograd.Ops;
import peerlearn.data.Dataset;
import peerlearn.graph.Graph;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.Topology;
import peerlearn.net.AgentRuntime;
import peerlearn.net.InMemoryNetwork;
import peerlearn.nn.Linear;
import peerlearn.nn.Model;
import peerlearn.nn.ModelBuilder;
import peerlearn.nn.Sequential;
import peerlearn.objective.NeuralObjective;
import peerlearn.objective.Objective;
import peerlearn.objective.Quadratic;
import peerlearn.rng.Rng;
import peerlearn.tensor.ParameterLayout;

/**
 * GATTA agents on a graph, run by the runtime with their programs kept for inspection, and the
 * small smooth objectives the GATTA tests train.
 */
final class GattaSwarm {
    final List<Gatta> programs = new ArrayList<>();
    final long bytes;
    final long messages;

    private GattaSwarm(List<Gatta> programs, long bytes, long messages) {
        this.programs.addAll(programs);
        this.bytes = bytes;
        this.messages = messages;
    }

    /** Runs {@code rounds} rounds of gatta (or gatta-ce when {@code efficient}) on g with Metropolis–Hastings weights. */
    static GattaSwarm run(boolean efficient, Objective[] f, Graph g, double eta, Map<String, String> params, int rounds) {
        Topology t = Topology.fixed(MixingMatrix.metropolisHastings(g));
        InMemoryNetwork net = new InMemoryNetwork(g);
        Training training = Training.sgd(eta).withParams(new Params(params));
        Algorithm algorithm = Algorithms.get(efficient ? "gatta-ce" : "gatta");
        List<Gatta> programs = new ArrayList<>();
        List<AgentRuntime.Agent<Void>> agents = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            Gatta p = (Gatta) algorithm.create(new AgentContext(i, net.endpoint(i), f[i], t, Rng.stream(3, i, "algorithm"), training));
            programs.add(p);
            agents.add(p::round);
        }
        var summary = AgentRuntime.run(net, rounds, agents);
        return new GattaSwarm(programs, summary.traffic().totalBytesSent(), summary.traffic().totalMessagesSent());
    }

    /**
     * Agent i's classification problem: 4 features, 3 classes, class means rotated by i (so the
     * agents' best heads differ), learned by 4 → 5 (tanh) → 3: body fc1, last fc2.
     */
    static Objective[] tanhNets(int n, int samples) {
        Objective[] f = new Objective[n];
        for (int i = 0; i < n; i++) {
            Rng rng = new Rng(100 + i);
            float[] x = new float[samples * 4];
            int[] y = new int[samples];
            for (int s = 0; s < samples; s++) {
                y[s] = s % 3;
                for (int c = 0; c < 4; c++) {
                    x[s * 4 + c] = (float) (rng.nextGaussian() + ((y[s] + i + c) % 4 == 0 ? 1.5 : 0));
                }
            }
            Dataset data = Dataset.classification("agent" + i, new int[] {4}, x, y, 3);
            int[] all = java.util.stream.IntStream.range(0, samples).toArray();
            f[i] = new NeuralObjective(tanhNet(), data, all, data, all, samples, 11, Rng.stream(5, i, "batches"),
                    Rng.stream(5, i, "dropout"));
        }
        return f;
    }

    static Model tanhNet() {
        ModelBuilder mb = new ModelBuilder().groups("body");
        Linear fc1 = new Linear(mb, "fc1", 4, 5);
        mb.groups("head", "last");
        Linear fc2 = new Linear(mb, "fc2", 5, 3);
        return new Model("tanh-net", new int[] {4}, 3, new Sequential(fc1, (v, fw) -> Ops.tanh(v), fc2), mb);
    }

    /** f_i(x) = ½ Σ_k a_k (x_k − b_ik)² on x = [body (3), last (2)], noiseless; the bodies start apart, the last layers at one h⁰. */
    static Objective[] quadratics(int n) {
        return quadratics(n, 1);
    }

    /** As {@link #quadratics(int)} with the body's curvatures scaled by s (s = 0: f_i ignores the body). */
    static Objective[] quadratics(int n, float s) {
        float[] a = {0.5f * s, 1f * s, 1.5f * s, 1f, 2f};
        Objective[] f = new Objective[n];
        for (int i = 0; i < n; i++) {
            float[] b = {i, -i, 0.5f * i, 0.3f * (i % 3) - 0.2f, 0.4f - 0.2f * (i % 2)};
            float[] x0 = {0.1f + 0.3f * i, 0.1f - 0.2f * i, 0.1f, 0.1f, 0.1f}; // bodies differ, h⁰ is shared
            var layout = new ParameterLayout.Builder();
            layout.add("w", 3, "body");
            layout.add("v", 2, "head", "last");
            f[i] = Quadratic.diagonal(a, b, 0, Rng.stream(7, i, "batches"), x0, layout.build());
        }
        return f;
    }
}
