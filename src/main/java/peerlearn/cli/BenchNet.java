package peerlearn.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import peerlearn.graph.MixingMatrix;
import peerlearn.graph.MixingRow;
import peerlearn.graph.Topology;
import peerlearn.graph.TopologySpec;
import peerlearn.net.AgentRuntime;
import peerlearn.net.Codec;
import peerlearn.net.Endpoint;
import peerlearn.net.GossipAgent;
import peerlearn.net.InMemoryNetwork;
import peerlearn.rng.Rng;

/**
 * {@code tools/peerlearn bench-net exchange|gossip|scale [flags]}: throughput and scale of the
 * in-memory transport and the agent runtime.
 * <ul>
 * <li>{@code exchange}: every agent sends its vector (DENSE) to each neighbour and decodes what
 *     it receives — the transport's own cost: messages/s and GB/s of wire bytes.</li>
 * <li>{@code gossip}: the same plus the mixing x ← Σ w_ij x_j ({@link GossipAgent}).</li>
 * <li>{@code scale}: D-PSGD on a small logistic-regression problem per agent (d = 21
 *     parameters, 64 local samples): rounds/s and heap per agent.</li>
 * </ul>
 */
final class BenchNet implements Command {
    private static final String USAGE = """
            usage: tools/peerlearn bench-net exchange|gossip|scale [--agents N] [--rounds K] [--dim D] [--topology SPEC]
              exchange  send + receive + decode only (default: 16 agents, ring, D = 262144 floats = 1 MiB, 50 rounds)
              gossip    exchange plus mixing (same defaults)
              scale     D-PSGD on per-agent logistic regression (default: 1000 agents, ring, 100 rounds)
            """;

    @Override
    public String name() {
        return "bench-net";
    }

    @Override
    public String summary() {
        return "transport and runtime benchmarks: messages/s, GB/s, rounds/s, memory per agent";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String mode = args.get(0);
        Map<String, String> flags = InspectPartition.parse(args.subList(1, args.size()),
                List.of("--agents", "--rounds", "--dim", "--topology"));
        boolean scale = mode.equals("scale");
        if (!scale && !mode.equals("exchange") && !mode.equals("gossip")) {
            throw new IllegalArgumentException("unknown benchmark '" + mode + "'\n" + USAGE);
        }
        int n = InspectPartition.integer(flags, "--agents", scale ? 1000 : 16);
        int rounds = InspectPartition.integer(flags, "--rounds", scale ? 100 : 50);
        int dim = InspectPartition.integer(flags, "--dim", 262144);
        Topology t = TopologySpec.topology(flags.getOrDefault("--topology", "ring"), "metropolis", n, 1);
        long heapBefore = usedHeap();
        InMemoryNetwork net = new InMemoryNetwork(t.contactGraph());
        List<AgentRuntime.Agent<Void>> agents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Endpoint e = net.endpoint(i);
            agents.add(switch (mode) {
                case "exchange" -> new Exchange(e, t, dim);
                case "gossip" -> {
                    GossipAgent g = new GossipAgent(e, t, new float[dim]);
                    yield g::round;
                }
                default -> new Logistic(e, t, Rng.stream(1, i, "bench"));
            });
        }
        long heapAgents = usedHeap() - heapBefore;
        long cpu0 = cpuNanos();
        AgentRuntime.Summary s = AgentRuntime.run(net, rounds, agents);
        double cpu = (cpuNanos() - cpu0) / 1e9;
        double sec = s.wallNanos() / 1e9;
        long bytes = s.traffic().totalBytesSent(), messages = s.traffic().totalMessagesSent();
        out.printf(Locale.ROOT, "%s: %d agents on %s, %d rounds in %.3f s%n", mode, n, t.name(), rounds, sec);
        out.printf(Locale.ROOT, "  rounds/s %.1f, messages/s %.0f, wire GB/s %.3f (%d messages, %.1f MB incl. headers)%n",
                rounds / sec, messages / sec, bytes / sec / 1e9, messages, bytes / 1e6);
        out.printf(Locale.ROOT, "  process CPU %.3f s (%.2f cores busy): per CPU-second %.0f messages, %.3f GB, %.1f rounds%n",
                cpu, cpu / sec, messages / cpu, bytes / cpu / 1e9, rounds / cpu);
        out.printf(Locale.ROOT, "  heap per agent after set-up: %.1f KB (state + endpoint; %s parameters)%n",
                heapAgents / 1024.0 / n, scale ? Integer.toString(Logistic.D) : Integer.toString(dim));
        out.printf(Locale.ROOT, "  heap in use after the run: %.1f MB, undelivered messages: %d%n",
                usedHeap() / 1e6, s.undeliveredMessages());
        return 0;
    }

    /** CPU time of the whole process (all threads, GC included): the machine may be shared. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }

    /** Send x to every neighbour, receive and decode each neighbour's x. */
    private static final class Exchange implements AgentRuntime.Agent<Void> {
        private final Endpoint net;
        private final Topology t;
        private final float[] x, in;

        Exchange(Endpoint net, Topology t, int dim) {
            this.net = net;
            this.t = t;
            this.x = new float[dim];
            this.in = new float[dim];
        }

        @Override
        public void round(int k) {
            MixingRow row = t.at(k).row(net.self());
            net.sendEach(row.neighbours(), 1, k, Codec.densePayload(x));
            for (int j : row.neighbours()) {
                Codec.decodeInto(net.receiveView(j, 1, k), in);
            }
        }
    }

    /**
     * D-PSGD on logistic regression: x ← Σ_j w_ij x_j − η ∇f_i(x_i), with f_i the mean logistic
     * loss over 64 local samples of 20 features plus a bias.
     */
    private static final class Logistic implements AgentRuntime.Agent<Void> {
        static final int D = 21, SAMPLES = 64;
        private final Endpoint net;
        private final Topology t;
        private final float[] x = new float[D], grad = new float[D], xj = new float[D];
        private final float[][] features = new float[SAMPLES][D];
        private final float[] labels = new float[SAMPLES];

        Logistic(Endpoint net, Topology t, Rng rng) {
            this.net = net;
            this.t = t;
            for (int s = 0; s < SAMPLES; s++) {
                double z = 0;
                for (int c = 0; c < D; c++) {
                    features[s][c] = c == D - 1 ? 1f : (float) rng.nextGaussian();
                    z += features[s][c] * (c % 3 - 1);
                }
                labels[s] = z + rng.nextGaussian() > 0 ? 1f : 0f;
            }
        }

        @Override
        public void round(int k) {
            MixingMatrix w = t.at(k);
            MixingRow row = w.row(net.self());
            java.util.Arrays.fill(grad, 0f);
            for (int s = 0; s < SAMPLES; s++) {
                double z = 0;
                for (int c = 0; c < D; c++) {
                    z += x[c] * features[s][c];
                }
                float r = (float) (1 / (1 + Math.exp(-z)) - labels[s]) / SAMPLES;
                for (int c = 0; c < D; c++) {
                    grad[c] += r * features[s][c];
                }
            }
            net.sendEach(row.neighbours(), 1, k, Codec.densePayload(x));
            double[] mixed = new double[D];
            for (int c = 0; c < D; c++) {
                mixed[c] = row.self() * x[c];
            }
            for (int m = 0; m < row.degree(); m++) {
                Codec.decodeInto(net.receiveView(row.neighbours()[m], 1, k), xj);
                for (int c = 0; c < D; c++) {
                    mixed[c] += row.weights()[m] * xj[c];
                }
            }
            for (int c = 0; c < D; c++) {
                x[c] = (float) (mixed[c] - 0.5 * grad[c]);
            }
        }
    }
}
